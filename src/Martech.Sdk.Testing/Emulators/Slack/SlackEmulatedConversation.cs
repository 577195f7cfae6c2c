namespace Martech.Sdk.Testing;

/// <summary>A conversation a <see cref="SlackEmulator"/> knows: a public or private channel, a direct message
/// (<c>im</c>) or a group direct message (<c>mpim</c>).</summary>
public sealed record SlackEmulatedConversation
{
    /// <summary>The conversation id: <c>C…</c> for channels, <c>G…</c> for group DMs, <c>D…</c> for direct messages.</summary>
    public required string Id { get; init; }

    /// <summary>The channel name without <c>#</c>; <see langword="null"/> for direct messages.</summary>
    public string? Name { get; init; }

    /// <summary>The conversation type: <c>public_channel</c>, <c>private_channel</c>, <c>mpim</c> or <c>im</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Whether the conversation is archived: posts answer <c>is_archived</c>.</summary>
    public bool IsArchived { get; init; }

    /// <summary>Whether the bot is a member: posts to a channel it is not in answer <c>not_in_channel</c>.</summary>
    public bool IsMember { get; init; } = true;

    /// <summary>For a direct message, the other user's id.</summary>
    public string? User { get; init; }

    /// <summary>When it was created (Unix seconds in <c>created</c>).</summary>
    public DateTimeOffset Created { get; init; }
}
