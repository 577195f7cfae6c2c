namespace Martech.Sdk;

/// <summary>Where a chat or SMS message goes: a channel, user, conversation or phone number, optionally a thread.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MessageDestinationJsonConverter))]
public sealed record MessageDestination
{
    private readonly string? _threadId;

    private MessageDestination(MessageDestinationKind kind, string id, string? threadId)
    {
        Kind = kind;
        Id = id;
        ThreadId = threadId;
    }

    /// <summary>The kind of destination.</summary>
    public MessageDestinationKind Kind { get; }

    /// <summary>The vendor's id for it, or the E.164 number for <see cref="MessageDestinationKind.PhoneNumber"/>.</summary>
    public string Id { get; }

    /// <summary>The thread to reply in, such as Slack's <c>thread_ts</c>.</summary>
    /// <exception cref="ArgumentException">Set to an empty or blank value, or one with a line break.</exception>
    public string? ThreadId
    {
        get => _threadId;
        init => _threadId = value is null ? null : Require(value, nameof(ThreadId));
    }

    /// <summary>A channel.</summary>
    /// <param name="id">The channel id or name.</param>
    /// <param name="threadId">The thread to reply in.</param>
    /// <returns>The destination.</returns>
    public static MessageDestination Channel(string id, string? threadId = null) => new(MessageDestinationKind.Channel, Require(id), threadId);

    /// <summary>A user.</summary>
    /// <param name="id">The vendor's user id.</param>
    /// <returns>The destination.</returns>
    public static MessageDestination User(string id) => new(MessageDestinationKind.User, Require(id), null);

    /// <summary>An existing conversation.</summary>
    /// <param name="id">The conversation id.</param>
    /// <returns>The destination.</returns>
    public static MessageDestination Conversation(string id) => new(MessageDestinationKind.Conversation, Require(id), null);

    /// <summary>A phone number.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The destination.</returns>
    public static MessageDestination Phone(PhoneNumber number) =>
        number.IsEmpty ? throw new ArgumentException("The phone number is empty.", nameof(number)) : new(MessageDestinationKind.PhoneNumber, number.Value, null);

    /// <summary>Returns the destination as <c>kind:id</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ThreadId is null ? $"{Kind}:{Id}" : $"{Kind}:{Id}/{ThreadId}";

    private static string Require(string id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, name);
        HeaderValidation.ThrowIfHasLineBreak(id, name ?? nameof(id));
        return id.Trim();
    }
}
