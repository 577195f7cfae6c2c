namespace Martech.Sdk;

/// <summary>A chat or SMS message: text, an optional rich card, and where it goes.</summary>
public sealed class OutgoingMessage
{
    /// <summary>Where the message goes. Required.</summary>
    public required MessageDestination Destination { get; init; }

    /// <summary>The text. Required unless <see cref="Card"/> is set; vendors show it in notifications.</summary>
    public string? Text { get; init; }

    /// <summary>A rich card, rendered in the vendor's format or as text for SMS.</summary>
    public MessageCard? Card { get; init; }

    /// <summary>Marketing or transactional. The default value is <see cref="SendPurpose.Transactional"/>: most chat
    /// messages are internal notifications. Set <see cref="SendPurpose.Marketing"/> for promotional SMS, which then
    /// needs the contact's SMS consent under <c>UseConsent()</c>.</summary>
    public SendPurpose Purpose { get; init; } = SendPurpose.Transactional;

    /// <summary>The contact the message is about or to, used to check SMS consent for marketing messages.</summary>
    public string? ContactId { get; init; }

    /// <summary>Checks the message before any network call.</summary>
    /// <remarks><see cref="Text"/>, the card's text and field values may hold line breaks and tabs but no other control
    /// character (NUL ends an SMS early on some carriers); the card's title, field labels and link texts are one line
    /// each and refuse line breaks (CR, LF, U+0085, U+2028, U+2029) too.</remarks>
    /// <exception cref="ArgumentException">The message is incomplete or holds a forbidden character; the message names
    /// the field and, for a character, the character and its index.</exception>
    public void Validate()
    {
        if (Destination is null)
        {
            throw new ArgumentException("OutgoingMessage.Destination is required.", nameof(Destination));
        }

        if (string.IsNullOrWhiteSpace(Text) && Card is null)
        {
            throw new ArgumentException("OutgoingMessage needs Text or a Card.", nameof(Text));
        }

        HeaderValidation.ThrowIfHasControl(Text, "OutgoingMessage.Text");
        HeaderValidation.ThrowIfHasLineBreak(ContactId, "OutgoingMessage.ContactId");
        Card?.Validate();
    }
}
