namespace Martech.Sdk.Testing;

/// <summary>An admin-initiated message (<c>POST /messages</c>) the <see cref="IntercomEmulator"/> accepted, as it
/// arrived.</summary>
public sealed record IntercomEmulatedMessage
{
    /// <summary>Gets the order in which the emulator accepted it, counted across replies and messages.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the message id the emulator answered.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the conversation the message opened (answered as <c>conversation_id</c>).</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the <c>message_type</c> as sent: <c>inapp</c>, <c>in_app</c> or <c>email</c>.</summary>
    public required string MessageType { get; init; }

    /// <summary>Gets the <c>subject</c>, or <see langword="null"/>.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the <c>body</c> (HTML or plain text).</summary>
    public required string Body { get; init; }

    /// <summary>Gets the <c>template</c> (<c>plain</c> or <c>personal</c>), or <see langword="null"/>.</summary>
    public string? Template { get; init; }

    /// <summary>Gets the id of the admin in <c>from</c>.</summary>
    public required string FromAdminId { get; init; }

    /// <summary>Gets the recipients in <c>to</c>, a single object or an array on the wire.</summary>
    public required IReadOnlyList<IntercomEmulatedRecipient> To { get; init; }

    /// <summary>Gets the request's <c>Intercom-Version</c> header, or <see langword="null"/> when it had none.</summary>
    public string? IntercomVersion { get; init; }

    /// <summary>Gets when the emulator accepted it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the request body as sent.</summary>
    public required string Json { get; init; }
}
