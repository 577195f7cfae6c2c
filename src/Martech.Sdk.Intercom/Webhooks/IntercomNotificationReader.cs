using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Martech.Sdk.Intercom;

/// <summary>
/// Maps one Intercom webhook notification (<c>{"type":"notification_event","id":"notif_…","topic":…,"created_at":…,
/// "data":{"item":{…}}}</c>) to events. The whole body is the event's raw payload.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="MartechEvent.Id"/> is the notification <c>id</c> (a redelivery repeats it [U]); the SHA-256 of the
/// body when it has none.</item>
/// <item><c>conversation.user.created</c> and <c>conversation.user.replied</c> become a <see cref="MessageReceivedEvent"/>:
/// the conversation is <c>item.id</c>; the message is <c>item.source</c> for a new conversation, else the last
/// conversation part written by a contact (author type <c>user</c>, <c>lead</c> or <c>contact</c>); the sender is that
/// author, else the conversation's first contact.</item>
/// <item>Contact topics become a <see cref="ContactEvent"/> (<see cref="ContactEventTypes"/>) keyed on <c>item.id</c>,
/// with <see cref="ContactEvent.ChangedAt"/> from <c>item.updated_at</c>.</item>
/// <item><c>ping</c> carries nothing to record: no events. Anything else becomes a <see cref="RawEvent"/>.</item>
/// </list>
/// </remarks>
internal static class IntercomNotificationReader
{
    private const string ConversationCreated = "conversation.user.created";
    private const string ConversationReplied = "conversation.user.replied";

    /// <summary>The contact topics mapped, and what they mean. <c>user.*</c> and <c>contact.created</c>,
    /// <c>contact.signed_up</c>, <c>contact.added_email</c> are the API 1.x names.</summary>
    internal static readonly IReadOnlyDictionary<string, ContactEventType> ContactEventTypes = new Dictionary<string, ContactEventType>(StringComparer.Ordinal)
    {
        ["contact.user.created"] = ContactEventType.Created,
        ["contact.lead.created"] = ContactEventType.Created,
        ["contact.created"] = ContactEventType.Created,
        ["user.created"] = ContactEventType.Created,
        ["contact.user.updated"] = ContactEventType.Changed,
        ["contact.lead.updated"] = ContactEventType.Changed,
        ["contact.updated"] = ContactEventType.Changed,
        ["contact.email.updated"] = ContactEventType.Changed,
        ["user.email.updated"] = ContactEventType.Changed,
        ["contact.lead.signed_up"] = ContactEventType.Changed,
        ["contact.signed_up"] = ContactEventType.Changed,
        ["contact.added_email"] = ContactEventType.Changed,
        ["contact.deleted"] = ContactEventType.Deleted,
        ["user.deleted"] = ContactEventType.Deleted,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads a notification.</summary>
    /// <returns>Its <c>created_at</c> (for the age check) and its events.</returns>
    public static (DateTimeOffset? CreatedAt, IReadOnlyList<MartechEvent> Events) Read(ReadOnlyMemory<byte> body, string provider, DateTimeOffset receivedAt)
    {
        using JsonDocument document = JsonDocument.Parse(body, DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("An Intercom notification is a JSON object.");
        }

        string? type = Text(root, "type");
        string? topic = Text(root, "topic");
        DateTimeOffset? createdAt = Unix(root, "created_at");
        if (topic == "ping")
        {
            return (createdAt, []);
        }

        var notification = new Notification(Text(root, "id") ?? WebhookJson.ContentKey(body.Span), provider, createdAt ?? receivedAt, topic, body);
        JsonElement item = root.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("item", out JsonElement found) && found.ValueKind == JsonValueKind.Object ? found : default;

        MartechEvent? mapped = type is not (null or "notification_event") || item.ValueKind != JsonValueKind.Object ? null
            : topic is ConversationCreated or ConversationReplied ? Message(notification, item)
            : topic is not null && ContactEventTypes.TryGetValue(topic, out ContactEventType kind) ? Contact(notification, item, kind)
            : null;
        return (createdAt, [mapped ?? Raw(notification, topic ?? type, item)]);
    }

    private static MessageReceivedEvent? Message(Notification n, JsonElement conversation)
    {
        string? conversationId = Text(conversation, "id");
        JsonElement part = n.Topic == ConversationCreated ? Object(conversation, "source") : LastContactPart(conversation);
        JsonElement author = Object(part, "author");
        string? from = IsContact(Text(author, "type")) ? Text(author, "id") : null;
        from ??= FirstContactId(conversation) ?? Text(Object(conversation, "user"), "id");
        if (conversationId is null || from is null || HasLineBreak(conversationId))
        {
            return null;
        }

        return new MessageReceivedEvent
        {
            Id = n.Id,
            Provider = n.Provider,
            OccurredAt = Unix(part, "created_at") ?? Unix(conversation, "created_at") ?? n.OccurredAt,
            Conversation = MessageDestination.Conversation(conversationId),
            From = from,
            Text = Text(part, "body"),
            MessageId = Text(part, "id"),
            ContactId = from,
            Email = EmailOf(IsContact(Text(author, "type")) ? Text(author, "email") : null),
            RawUtf8 = n.Raw,
        };
    }

    private static ContactEvent? Contact(Notification n, JsonElement item, ContactEventType kind)
    {
        string? contactId = Text(item, "id");
        if (contactId is null)
        {
            return null;
        }

        string? email = Text(item, "email");
        return new ContactEvent
        {
            Id = n.Id,
            Provider = n.Provider,
            OccurredAt = n.OccurredAt,
            Type = kind,
            ContactId = contactId,
            Email = EmailOf(email),
            Phone = Text(item, "phone"),
            ChangedAt = Unix(item, "updated_at"),
            ChangedProperties = PropertiesOf(n.Topic!, kind, item),
            RawUtf8 = n.Raw,
        };
    }

    private static RawEvent Raw(Notification n, string? vendorType, JsonElement item) => new()
    {
        Id = n.Id,
        Provider = n.Provider,
        OccurredAt = n.OccurredAt,
        VendorEventType = vendorType ?? string.Empty,
        ContactId = item.ValueKind == JsonValueKind.Object && Text(item, "type") is "contact" or "user" or "lead" ? Text(item, "id") : null,
        RawUtf8 = n.Raw,
    };

    /// <summary>What a contact event says changed. Intercom sends the whole contact, not a diff: a creation carries its
    /// identifying values, an email topic the new email, a sign-up the new role; other updates carry none, so they
    /// order as a version of the whole contact.</summary>
    private static Dictionary<string, string?> PropertiesOf(string topic, ContactEventType kind, JsonElement item)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        string[] names = kind == ContactEventType.Created ? ["role", "email", "phone", "name", "external_id"]
            : topic.EndsWith("email.updated", StringComparison.Ordinal) || topic == "contact.added_email" ? ["email"]
            : topic.EndsWith("signed_up", StringComparison.Ordinal) ? ["role"]
            : [];
        foreach (string name in names)
        {
            if (item.TryGetProperty(name, out JsonElement value) && (value.ValueKind == JsonValueKind.Null || Text(item, name) is not null))
            {
                properties[name] = Text(item, name);
            }
        }

        return properties;
    }

    private static JsonElement LastContactPart(JsonElement conversation)
    {
        JsonElement parts = Object(Object(conversation, "conversation_parts"), "conversation_parts", JsonValueKind.Array);
        JsonElement last = default;
        if (parts.ValueKind != JsonValueKind.Array)
        {
            return last;
        }

        foreach (JsonElement part in parts.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && IsContact(Text(Object(part, "author"), "type")))
            {
                last = part;
            }
        }

        return last;
    }

    private static string? FirstContactId(JsonElement conversation)
    {
        JsonElement contacts = Object(Object(conversation, "contacts"), "contacts", JsonValueKind.Array);
        if (contacts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (JsonElement contact in contacts.EnumerateArray())
        {
            if (Text(contact, "id") is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private static bool IsContact(string? authorType) => authorType is "user" or "lead" or "contact";

    private static bool HasLineBreak(string value) => value.AsSpan().ContainsAny('\r', '\n');

    private static EmailAddress? EmailOf(string? value) => EmailAddress.TryParse(value, out EmailAddress email) ? email : null;

    /// <summary>A member that is an object (or of <paramref name="kind"/>); <c>default</c> otherwise.</summary>
    private static JsonElement Object(JsonElement element, string name, JsonValueKind kind = JsonValueKind.Object) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == kind ? value : default;

    /// <summary>A string member (or a number, as written), cleaned; <see langword="null"/> when absent, empty or of
    /// another kind.</summary>
    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : WebhookText.Clean(text);
    }

    private static DateTimeOffset? Unix(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        long seconds = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number
            : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) ? parsed
            : -1;
        return seconds is >= 0 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    private sealed record Notification(string Id, string Provider, DateTimeOffset OccurredAt, string? Topic, ReadOnlyMemory<byte> Raw);
}
