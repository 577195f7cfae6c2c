namespace Martech.Sdk.Slack;

/// <summary>A Slack conversation (channel, private channel, DM or group DM) from <c>conversations.list</c>.</summary>
public sealed record SlackConversation
{
    /// <summary>The conversation id, for example <c>C0123LEADS</c>; usable as a channel or conversation destination.</summary>
    public required string Id { get; init; }

    /// <summary>The channel name without <c>#</c>; <see langword="null"/> for direct messages.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the conversation is a private channel.</summary>
    public bool IsPrivate { get; init; }

    /// <summary>Whether the conversation is archived.</summary>
    public bool IsArchived { get; init; }

    /// <summary>Whether the conversation is a direct message with one user (type <c>im</c>).</summary>
    public bool IsIm { get; init; }

    /// <summary>Whether the conversation is a group direct message (type <c>mpim</c>).</summary>
    public bool IsMpim { get; init; }

    /// <summary>For a direct message, the other user's id; otherwise <see langword="null"/>.</summary>
    public string? UserId { get; init; }
}
