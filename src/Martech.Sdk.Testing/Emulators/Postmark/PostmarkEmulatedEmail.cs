using System.Text.Json;

namespace Martech.Sdk.Testing;

/// <summary>A message the <see cref="PostmarkEmulator"/> accepted, as it arrived.</summary>
public sealed record PostmarkEmulatedEmail
{
    /// <summary>Gets the <c>MessageID</c> the emulator answered.</summary>
    public required string MessageId { get; init; }

    /// <summary>Gets the message stream it was sent on (<c>outbound</c> when the request named none).</summary>
    public required string MessageStream { get; init; }

    /// <summary>Gets when the emulator accepted it.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Gets the sender's address (without display name).</summary>
    public required EmailAddress From { get; init; }

    /// <summary>Gets the recipients it was delivered to: To, Cc and Bcc, without any that are suppressed on the stream.</summary>
    public required IReadOnlyList<EmailAddress> Recipients { get; init; }

    /// <summary>Gets the <c>Subject</c>; <see langword="null"/> for template sends.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the template's <c>TemplateId</c> (as text) or <c>TemplateAlias</c>, for template sends.</summary>
    public string? TemplateId { get; init; }

    /// <summary>Gets the <c>Tag</c>.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the <c>Metadata</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the message's JSON as the client sent it (bodies, headers, attachments, tracking, template model).</summary>
    public required JsonElement Json { get; init; }
}
