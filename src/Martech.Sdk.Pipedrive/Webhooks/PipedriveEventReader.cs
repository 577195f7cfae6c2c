using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Maps a Pipedrive webhook body (one event per request) to a typed event: webhooks v2
/// (<c>{"meta":{…},"data":{…},"previous":{…}}</c>) and, for endpoints still subscribed with v1, the v1 shape
/// (<c>{"meta":{…},"current":{…},"previous":{…},"event":"updated.person"}</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Persons (v2 <c>entity</c>, v1 <c>object</c> <c>person</c>) become <see cref="ContactEvent"/>s of object type
/// <c>person</c>, leads (v2 only) of object type <c>lead</c>: <c>create</c>/<c>added</c> is
/// <see cref="ContactEventType.Created"/> with the fields sent, <c>change</c>/<c>updated</c>
/// <see cref="ContactEventType.Changed"/> with the fields whose values differ between the new and the previous object
/// (a custom field by its key inside <c>custom_fields</c>; <c>update_time</c> left out), <c>delete</c>/<c>deleted</c>
/// <see cref="ContactEventType.Deleted"/>. A v2 <c>change</c> carrying <c>meta.merged_from_id</c> (the survivor of a
/// merge) is <see cref="ContactEventType.Merged"/> with that id in <see cref="ContactEvent.MergedContactIds"/>; the v2
/// <c>delete</c> of the merged-away record stays a deletion of that record. v1 <c>merged</c> is
/// <see cref="ContactEventType.Merged"/> with the previous object's id when it differs [U].</item>
/// <item><see cref="ContactEvent.ChangedAt"/> is the record's <c>update_time</c>, else (and for deletions) the event's
/// <c>meta.timestamp</c>, which is also <see cref="MartechEvent.OccurredAt"/>.</item>
/// <item>Every other object, unknown actions, and person or lead events without an id become <see cref="RawEvent"/>s
/// named <c>action.entity</c> (v2) or the v1 <c>event</c>.</item>
/// <item><see cref="MartechEvent.Id"/> is the v2 <c>meta.id</c> (the event's id, the same on every attempt); where it is
/// missing or is only the record's id (as in v2 <c>user</c> events), <c>entity:entity_id:action:timestamp</c>; for v1,
/// <c>v1:object:id:action:timestamp_micro</c> (or <c>timestamp</c>), since v1 sends no event id.</item>
/// </list>
/// </remarks>
internal sealed class PipedriveEventReader(string provider)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public MartechEvent Read(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        using JsonDocument document = JsonDocument.Parse(body, DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("meta", out JsonElement meta) || meta.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A Pipedrive webhook body is a JSON object with a \"meta\" object.");
        }

        return IsV2(root, meta) ? ReadV2(root, meta, body, receivedAt) : ReadV1(root, meta, body, receivedAt);
    }

    private static bool IsV2(JsonElement root, JsonElement meta) =>
        meta.TryGetProperty("entity", out _) || root.TryGetProperty("data", out _)
        || (meta.TryGetProperty("version", out JsonElement version) && Text(version) is { } v && v.StartsWith('2'));

    private MartechEvent ReadV2(JsonElement root, JsonElement meta, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        string? action = Member(meta, "action");
        string? entity = Member(meta, "entity");
        string? entityId = Member(meta, "entity_id");
        string? timestampText = Member(meta, "timestamp");
        DateTimeOffset? timestamp = Time(meta, "timestamp");
        string? eventId = Member(meta, "id");
        string id = !string.IsNullOrEmpty(eventId) && eventId != entityId ? eventId
            : entity is not null || entityId is not null ? $"{entity}:{entityId}:{action}:{timestampText}"
            : WebhookJson.ContentKey(body.Span);
        DateTimeOffset occurredAt = timestamp ?? receivedAt;
        JsonElement data = Object(root, "data");
        JsonElement previous = Object(root, "previous");

        string? objectType = entity switch
        {
            "person" => "person",
            "lead" => "lead",
            _ => null,
        };
        string? mergedFrom = Member(meta, "merged_from_id");
        ContactEventType? type = action switch
        {
            "create" => ContactEventType.Created,
            "change" when !string.IsNullOrEmpty(mergedFrom) => ContactEventType.Merged,
            "change" => ContactEventType.Changed,
            "delete" => ContactEventType.Deleted,
            _ => null,
        };
        string? contactId = entityId ?? Member(data, "id") ?? Member(previous, "id");
        if (objectType is null || type is null || string.IsNullOrEmpty(contactId))
        {
            return Raw(id, occurredAt, action is null && entity is null ? string.Empty : $"{action}.{entity}", body);
        }

        JsonElement state = type == ContactEventType.Deleted ? previous : data;
        return new ContactEvent
        {
            Id = id,
            Provider = provider,
            OccurredAt = occurredAt,
            Type = type.Value,
            ObjectType = objectType,
            ContactId = contactId,
            Email = PrimaryEmail(state, "emails"),
            Phone = PrimaryValue(state, "phones"),
            ChangedProperties = type == ContactEventType.Created ? Fields(data)
                : type == ContactEventType.Deleted ? Empty
                : Diff(data, previous, previousKeysOnly: true),
            MergedContactIds = type == ContactEventType.Merged ? [mergedFrom!] : [],
            ChangedAt = type == ContactEventType.Deleted ? occurredAt : Time(data, "update_time") ?? occurredAt,
            RawUtf8 = body,
        };
    }

    private MartechEvent ReadV1(JsonElement root, JsonElement meta, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        string? action = Member(meta, "action");
        string? objectName = Member(meta, "object");
        string? objectId = Member(meta, "id");
        DateTimeOffset? timestamp = Time(meta, "timestamp");
        string? moment = Member(meta, "timestamp_micro") ?? Member(meta, "timestamp");
        string id = objectName is not null || objectId is not null ? $"v1:{objectName}:{objectId}:{action}:{moment}" : WebhookJson.ContentKey(body.Span);
        DateTimeOffset occurredAt = timestamp ?? receivedAt;
        JsonElement current = Object(root, "current");
        JsonElement previous = Object(root, "previous");
        string vendorType = Member(root, "event") ?? (action is null && objectName is null ? string.Empty : $"{action}.{objectName}");

        ContactEventType? type = action switch
        {
            "added" => ContactEventType.Created,
            "updated" => ContactEventType.Changed,
            "merged" => ContactEventType.Merged,
            "deleted" => ContactEventType.Deleted,
            _ => null,
        };
        string? contactId = type == ContactEventType.Deleted ? objectId ?? Member(previous, "id") : Member(current, "id") ?? objectId;
        if (objectName != "person" || type is null || string.IsNullOrEmpty(contactId))
        {
            return Raw(id, occurredAt, vendorType, body);
        }

        JsonElement state = type == ContactEventType.Deleted ? previous : current;
        string? mergedAway = type == ContactEventType.Merged ? Member(previous, "id") : null;
        return new ContactEvent
        {
            Id = id,
            Provider = provider,
            OccurredAt = occurredAt,
            Type = type.Value,
            ObjectType = "person",
            ContactId = contactId,
            Email = PrimaryEmail(state, "email"),
            Phone = PrimaryValue(state, "phone"),
            ChangedProperties = type == ContactEventType.Created ? Fields(current)
                : type == ContactEventType.Deleted ? Empty
                : Diff(current, previous, previousKeysOnly: false),
            MergedContactIds = !string.IsNullOrEmpty(mergedAway) && mergedAway != contactId ? [mergedAway] : [],
            ChangedAt = type == ContactEventType.Deleted ? occurredAt : Time(current, "update_time") ?? occurredAt,
            RawUtf8 = body,
        };
    }

    private RawEvent Raw(string id, DateTimeOffset occurredAt, string vendorType, ReadOnlyMemory<byte> body) => new()
    {
        Id = id,
        Provider = provider,
        OccurredAt = occurredAt,
        VendorEventType = WebhookText.Clean(vendorType),
        RawUtf8 = body,
    };

    private static readonly Dictionary<string, string?> Empty = new(0);

    /// <summary>The fields of a created record: every member but <c>id</c> and <c>update_time</c>, custom fields by
    /// their keys.</summary>
    private static Dictionary<string, string?> Fields(JsonElement record)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (record.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        foreach (JsonProperty property in record.EnumerateObject())
        {
            if (property.NameEquals("custom_fields") && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty custom in property.Value.EnumerateObject())
                {
                    fields[WebhookText.Clean(custom.Name)] = Value(custom.Value);
                }
            }
            else if (!IsBookkeeping(property))
            {
                fields[WebhookText.Clean(property.Name)] = Value(property.Value);
            }
        }

        return fields;
    }

    /// <summary>The fields whose value differs between the new and the previous record, with their new values. v2's
    /// <c>previous</c> holds only changed fields (<paramref name="previousKeysOnly"/>); v1's holds the whole record, so
    /// both sides are compared.</summary>
    private static Dictionary<string, string?> Diff(JsonElement current, JsonElement previous, bool previousKeysOnly)
    {
        var changed = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (previous.ValueKind != JsonValueKind.Object)
        {
            return changed;
        }

        JsonElement currentCustom = Object(current, "custom_fields");
        foreach (JsonProperty property in previous.EnumerateObject())
        {
            if (property.NameEquals("custom_fields") && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty custom in property.Value.EnumerateObject())
                {
                    Compare(custom.Name, Get(currentCustom, custom.Name), custom.Value, changed);
                }
            }
            else if (!IsBookkeeping(property))
            {
                Compare(property.Name, Get(current, property.Name), property.Value, changed);
            }
        }

        if (!previousKeysOnly && current.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in current.EnumerateObject())
            {
                if (!IsBookkeeping(property) && !previous.TryGetProperty(property.Name, out _))
                {
                    Compare(property.Name, property.Value, default, changed);
                }
            }
        }

        return changed;
    }

    private static void Compare(string name, JsonElement now, JsonElement before, Dictionary<string, string?> changed)
    {
        bool nowEmpty = now.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        bool beforeEmpty = before.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        if (nowEmpty && beforeEmpty || (!nowEmpty && !beforeEmpty && JsonElement.DeepEquals(now, before)))
        {
            return;
        }

        changed[WebhookText.Clean(name)] = Value(now);
    }

    private static bool IsBookkeeping(JsonProperty property) => property.NameEquals("id") || property.NameEquals("update_time");

    /// <summary>A field's value as text: strings as they are, numbers and booleans as written, null as null; a custom
    /// field object by its <c>value</c> when that is a scalar; any other object or array as compact JSON.</summary>
    private static string? Value(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return WebhookText.Clean(value.GetString());
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return value.GetRawText();
            case JsonValueKind.Object when value.TryGetProperty("type", out _) && value.TryGetProperty("value", out JsonElement inner) && inner.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array):
                return Value(inner);
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    value.WriteTo(writer);
                }

                return WebhookText.Clean(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            default:
                return null;
        }
    }

    private static EmailAddress? PrimaryEmail(JsonElement record, string name) =>
        EmailAddress.TryParse(PrimaryValue(record, name), out EmailAddress email, out _) ? email : null;

    /// <summary>The primary (else the first) <c>value</c> of a list of <c>{value, primary, label}</c>, or a plain string.</summary>
    private static string? PrimaryValue(JsonElement record, string name)
    {
        JsonElement list = Get(record, name);
        if (list.ValueKind == JsonValueKind.String)
        {
            return NotEmpty(WebhookText.Clean(list.GetString()));
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        string? first = null;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string? value = item.ValueKind == JsonValueKind.Object ? NotEmpty(Member(item, "value")) : null;
            if (value is null)
            {
                continue;
            }

            if (item.TryGetProperty("primary", out JsonElement primary) && primary.ValueKind == JsonValueKind.True)
            {
                return value;
            }

            first ??= value;
        }

        return first;
    }

    private static string? NotEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static JsonElement Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? value : default;

    private static JsonElement Object(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.Object } value ? value : default;

    /// <summary>A scalar member as text (numbers as written); null for anything else.</summary>
    private static string? Member(JsonElement element, string name) => Text(Get(element, name));

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => WebhookText.Clean(value.GetString()),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>A time written as ISO 8601 or <c>yyyy-MM-dd HH:mm:ss</c> (UTC), or as Unix seconds (milliseconds when
    /// the number is that large).</summary>
    private static DateTimeOffset? Time(JsonElement element, string name)
    {
        JsonElement value = Get(element, name);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= 0)
        {
            return number <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(number)
                : number <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(number)
                : null;
        }

        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed)
            ? parsed
            : null;
    }
}
