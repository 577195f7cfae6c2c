namespace Martech.Sdk.Testing;

/// <summary>A reply (<c>POST /conversations/{id}/reply</c>) the <see cref="IntercomEmulator"/> accepted, as it
/// arrived.</summary>
public sealed record IntercomEmulatedReply
{
    /// <summary>Gets the order in which the emulator accepted it, counted across replies and messages.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets the id of the conversation part the reply became.</summary>
    public required string PartId { get; init; }

    /// <summary>Gets the conversation replied to.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the <c>message_type</c>: <c>comment</c>, <c>note</c> or <c>quick_reply</c>.</summary>
    public required string MessageType { get; init; }

    /// <summary>Gets the author's <c>type</c>: <c>admin</c> or <c>user</c>.</summary>
    public required string AuthorType { get; init; }

    /// <summary>Gets the author: the <c>admin_id</c>, or the contact's <c>intercom_user_id</c>, <c>user_id</c> or
    /// <c>email</c>.</summary>
    public required string AuthorId { get; init; }

    /// <summary>Gets the <c>body</c> (HTML), or <see langword="null"/> for a quick reply without one.</summary>
    public string? Body { get; init; }

    /// <summary>Gets the request's <c>Intercom-Version</c> header, or <see langword="null"/> when it had none.</summary>
    public string? IntercomVersion { get; init; }

    /// <summary>Gets when the emulator accepted it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the request body as sent.</summary>
    public required string Json { get; init; }
}
