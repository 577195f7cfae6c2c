using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Martech.Sdk.Teams;

/// <summary>
/// Maps the Bot Framework activity a Teams outgoing webhook posts to one event.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A <c>message</c> activity becomes a <see cref="MessageReceivedEvent"/>: the channel
/// (<c>channelData.teamsChannelId</c>, else <c>channelData.channel.id</c>, else the conversation id without its
/// <c>;messageid=</c> part), in the thread that part names; <c>from.id</c> as the sender (<c>from.aadObjectId</c> when
/// there is no id) and <c>from.aadObjectId</c> as the contact (the Entra ID object id, stable across apps); the HTML
/// <c>text</c> as delivered (mentions as <c>&lt;at&gt;name&lt;/at&gt;</c>); the activity id as the message id.</item>
/// <item>Any other activity, or a message without a usable sender or conversation, becomes a <see cref="RawEvent"/>
/// named by its <c>type</c>.</item>
/// <item><see cref="MartechEvent.Id"/> is the activity <c>id</c> (<c>sha256:</c> and the hash of the body when it has
/// none); <see cref="MartechEvent.OccurredAt"/> its <c>timestamp</c> (the time received when it has none); the raw
/// payload is the whole activity.</item>
/// </list>
/// </remarks>
internal sealed class TeamsActivityReader(string provider)
{
    private const string MessageIdMarker = ";messageid=";
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads an activity.</summary>
    /// <param name="body">The body.</param>
    /// <param name="receivedAt">The time to use when the activity has no readable timestamp.</param>
    /// <returns>The event, and the activity's own timestamp when it has a readable one.</returns>
    public (MartechEvent Event, DateTimeOffset? Timestamp) Read(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        using JsonDocument document = JsonDocument.Parse(body, DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A Teams outgoing webhook body is a JSON activity object.");
        }

        string? type = Text(root, "type");
        string? activityId = Identifier(Text(root, "id"));
        DateTimeOffset? timestamp = TimeOf(Text(root, "timestamp"));
        // Teams message ids are millisecond timestamps unique within a conversation, not across a team's channels: the
        // key is the conversation with the activity id, the same on every redelivery.
        string? conversationKey = Identifier(Text(Object(root, "conversation"), "id"));
        string id = activityId is null ? WebhookJson.ContentKey(body.Span) : conversationKey is null ? activityId : conversationKey + "|" + activityId;
        DateTimeOffset occurredAt = timestamp ?? receivedAt;
        JsonElement from = Object(root, "from");
        string? aadObjectId = Identifier(Text(from, "aadObjectId"));
        string? sender = Identifier(Text(from, "id")) ?? aadObjectId;
        string? contact = aadObjectId ?? sender;

        if (type == "message" && sender is not null && ConversationOf(root) is { } conversation)
        {
            return (new MessageReceivedEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = occurredAt,
                ContactId = contact,
                Conversation = conversation,
                From = sender,
                Text = Text(root, "text"),
                MessageId = activityId,
                RawUtf8 = body,
            }, timestamp);
        }

        return (new RawEvent
        {
            Id = id,
            Provider = provider,
            OccurredAt = occurredAt,
            ContactId = contact,
            VendorEventType = type ?? string.Empty,
            RawUtf8 = body,
        }, timestamp);
    }

    private static MessageDestination? ConversationOf(JsonElement root)
    {
        JsonElement conversation = Object(root, "conversation");
        JsonElement channelData = Object(root, "channelData");
        string? conversationId = Text(conversation, "id");
        string? baseId = conversationId;
        string? thread = null;
        int marker = conversationId?.IndexOf(MessageIdMarker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (marker >= 0)
        {
            baseId = conversationId![..marker];
            thread = Identifier(conversationId[(marker + MessageIdMarker.Length)..]);
        }

        string? channel = Identifier(Text(channelData, "teamsChannelId"))
            ?? Identifier(Text(Object(channelData, "channel"), "id"))
            ?? (marker >= 0 || Text(conversation, "conversationType") == "channel" ? Identifier(baseId) : null);
        if (channel is not null)
        {
            return MessageDestination.Channel(channel, thread);
        }

        return Identifier(conversationId) is { } other ? MessageDestination.Conversation(other) : null;
    }

    private static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? value : default;

    /// <summary>A string property, cleaned; <see langword="null"/> when absent, not a string, or not in an object.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? WebhookText.Clean(value.GetString())
            : null;

    private static DateTimeOffset? TimeOf(string? text) =>
        text is { Length: > 0 and <= 64 } && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value) ? value : null;

    /// <summary>A value usable as an id in a destination: not blank, no control characters.</summary>
    private static string? Identifier(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c) && c != '\t')
            {
                return null;
            }
        }

        return value;
    }
}
