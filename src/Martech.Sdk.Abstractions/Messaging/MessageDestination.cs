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

    /// <summary>The forms <see cref="Parse"/> accepts, for messages.</summary>
    public const string TextForms = "#<channel>, channel:<id>, channel:<id>/<thread>, user:<id>, conversation:<id> or phone:<E.164>";

    /// <summary>Reads a destination written in configuration: <c>#sales</c> (a channel by name), <c>channel:&lt;id&gt;</c>,
    /// <c>channel:&lt;id&gt;/&lt;thread&gt;</c>, <c>user:&lt;id&gt;</c>, <c>conversation:&lt;id&gt;</c> or
    /// <c>phone:&lt;E.164&gt;</c> (kinds ignore case; what <see cref="ToString"/> writes reads back too).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The destination.</returns>
    /// <exception cref="ArgumentException">The text is empty, has an unknown kind or no id, or an invalid phone number;
    /// the message shows the accepted forms.</exception>
    public static MessageDestination Parse(string text) =>
        TryParse(text, out MessageDestination? destination, out string? error) ? destination : throw new ArgumentException(error, nameof(text));

    /// <summary>Reads a destination as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="destination">The destination, when the text is one.</param>
    /// <param name="error">Why it is not, naming the accepted forms.</param>
    /// <returns><see langword="true"/> when the text is a destination.</returns>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MessageDestination? destination, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        destination = null;
        string value = text?.Trim() ?? string.Empty;
        bool hash = value.StartsWith('#');
        int colon = hash ? -1 : value.IndexOf(':', StringComparison.Ordinal);
        string kind = hash ? "channel" : colon < 0 ? string.Empty : value[..colon].Trim();
        string id = hash ? value[1..].Trim() : colon < 0 ? string.Empty : value[(colon + 1)..].Trim();
        if (kind.Length == 0 || id.Length == 0 || id.Contains('\r') || id.Contains('\n'))
        {
            error = $"'{text}' is not a destination: write {TextForms}.";
            return false;
        }

        switch (kind.ToUpperInvariant())
        {
            case "CHANNEL":
                int slash = id.IndexOf('/', StringComparison.Ordinal);
                string channel = slash < 0 ? id : id[..slash].Trim();
                string? thread = slash < 0 ? null : id[(slash + 1)..].Trim();
                if (channel.Length == 0 || thread is { Length: 0 })
                {
                    error = $"'{text}' is not a destination: a channel needs an id, and a thread after '/' an id too ({TextForms}).";
                    return false;
                }

                destination = Channel(channel, thread);
                break;
            case "USER":
                destination = User(id);
                break;
            case "CONVERSATION":
                destination = Conversation(id);
                break;
            case "PHONE" or "PHONENUMBER":
                if (!Martech.Sdk.PhoneNumber.TryParse(id, out PhoneNumber number, out string? phoneError))
                {
                    error = $"'{text}' is not a destination: {phoneError}";
                    return false;
                }

                destination = Phone(number);
                break;
            default:
                error = $"'{text}' has the unknown destination kind '{kind}': write {TextForms}.";
                return false;
        }

        error = null;
        return true;
    }

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
