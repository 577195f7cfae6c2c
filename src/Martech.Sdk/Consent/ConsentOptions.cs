namespace Martech.Sdk;

/// <summary>Options for consent enforcement (<c>UseConsent()</c>).</summary>
public sealed class ConsentOptions
{
    /// <summary>
    /// The provider instance whose contacts hold consent. When <see langword="null"/>, the application's default
    /// <see cref="IContactClient"/> (the instance <c>Martech:Defaults:Contacts</c> names), so a CRM stays the system
    /// of record for consent whichever provider sends.
    /// </summary>
    public string? ContactsProvider { get; set; }

    /// <summary>
    /// Whether a marketing email to an address with no contact record is withheld. The default value is
    /// <see langword="true"/>: with no record there is no consent to rely on.
    /// </summary>
    public bool WithholdUnknownContacts { get; set; } = true;

    /// <summary>
    /// The provider instance whose suppression list is checked before marketing email. When <see langword="null"/>,
    /// the instance's own <see cref="IEmailSuppressionList"/> if it has one; otherwise no suppression check.
    /// </summary>
    public string? SuppressionsProvider { get; set; }
}
