namespace Martech.Sdk.Testing;

/// <summary>A message the <see cref="TwilioEmulator"/> accepted, as it arrived.</summary>
public sealed record TwilioEmulatedMessage
{
    /// <summary>Gets the message SID the emulator answered (<c>SM</c> and 32 hex digits).</summary>
    public required string Sid { get; init; }

    /// <summary>Gets the account SID of the request path.</summary>
    public required string AccountSid { get; init; }

    /// <summary>Gets the <c>To</c> parameter as sent (with a <c>whatsapp:</c> prefix for WhatsApp).</summary>
    public required string To { get; init; }

    /// <summary>Gets the <c>From</c> parameter, or <see langword="null"/> when the request named a Messaging Service only.</summary>
    public string? From { get; init; }

    /// <summary>Gets the <c>MessagingServiceSid</c> parameter, or <see langword="null"/>.</summary>
    public string? MessagingServiceSid { get; init; }

    /// <summary>Gets the <c>Body</c> parameter.</summary>
    public required string Body { get; init; }

    /// <summary>Gets the <c>StatusCallback</c> parameter, or <see langword="null"/>.</summary>
    public string? StatusCallback { get; init; }

    /// <summary>Gets the SMS segments the body needs, as the emulator counted them.</summary>
    public required int NumSegments { get; init; }

    /// <summary>Gets when the emulator accepted it.</summary>
    public required DateTimeOffset DateCreated { get; init; }

    /// <summary>Gets every form parameter of the request, by name (repeated parameters joined with commas).</summary>
    public required IReadOnlyDictionary<string, string> Form { get; init; }
}
