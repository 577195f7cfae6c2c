using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// Maps a HubSpot webhook body (a JSON array of events) to typed events in one pass of a <see cref="Utf8JsonReader"/>,
/// keeping each event's own bytes as its raw payload.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>contact.creation</c> and <c>contact.restore</c> become <see cref="ContactEventType.Created"/>,
/// <c>contact.propertyChange</c> <see cref="ContactEventType.Changed"/> with <c>{propertyName: propertyValue}</c> (an empty
/// value as <see langword="null"/>, a cleared property), <c>contact.deletion</c> and <c>contact.privacyDeletion</c>
/// <see cref="ContactEventType.Deleted"/>, <c>contact.merge</c> <see cref="ContactEventType.Merged"/> (the survivor is
/// <c>newObjectId</c>, else <c>primaryObjectId</c>; the others are <see cref="ContactEvent.MergedContactIds"/>). The
/// generic <c>object.*</c> events of object type <c>0-1</c> (contacts) map the same way.</item>
/// <item><see cref="ContactEvent.ChangedAt"/> and <see cref="MartechEvent.OccurredAt"/> are <c>occurredAt</c> (Unix
/// milliseconds).</item>
/// <item><c>contact.associationChange</c>, other objects (<c>deal.*</c>, <c>company.*</c>, …), unknown types and contact
/// events without <c>objectId</c> or <c>occurredAt</c> become <see cref="RawEvent"/>s. An association change is not a
/// change of the contact's properties: typed as one, it would count as a new version of the whole contact and make the
/// ordering guard drop property changes made just before it.</item>
/// <item><see cref="MartechEvent.Id"/> is <c>portalId:subscriptionId:eventId:objectId:occurredAt</c>. HubSpot documents
/// <c>eventId</c> as not guaranteed unique, so the fields around it make a collision (which would drop an event as a
/// duplicate) unlikely; all of them are the same on every delivery attempt of an event (<c>attemptNumber</c> is left
/// out). Without <c>eventId</c>, the SHA-256 of the event's bytes.</item>
/// </list>
/// </remarks>
internal sealed class HubSpotEventReader(string provider)
{
    private const string ContactsObjectTypeId = "0-1";
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public IReadOnlyList<MartechEvent> Read(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A HubSpot webhook body is a JSON array of events.");
        }

        var events = new List<MartechEvent>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Item {events.Count} of the array is not a JSON object.");
            }

            int start = (int)reader.TokenStartIndex;
            Fields fields = ReadObject(ref reader);
            events.Add(ToEvent(fields, body[start..(int)reader.BytesConsumed]));
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("The body holds more than one JSON array.");
        }

        return events;
    }

    private static Fields ReadObject(ref Utf8JsonReader reader)
    {
        var f = new Fields();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("eventId"u8))
            {
                f.EventId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("subscriptionId"u8))
            {
                f.SubscriptionId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("portalId"u8))
            {
                f.PortalId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("occurredAt"u8))
            {
                f.OccurredAt = ReadMilliseconds(ref reader);
            }
            else if (reader.ValueTextEquals("subscriptionType"u8))
            {
                f.SubscriptionType = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("objectId"u8))
            {
                f.ObjectId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("objectTypeId"u8))
            {
                f.ObjectTypeId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("propertyName"u8))
            {
                f.PropertyName = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("propertyValue"u8))
            {
                f.PropertyValue = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("primaryObjectId"u8))
            {
                f.PrimaryObjectId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("newObjectId"u8))
            {
                f.NewObjectId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("mergedObjectIds"u8))
            {
                f.MergedObjectIds = WebhookJson.ReadStrings(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return f;
    }

    private static long? ReadMilliseconds(ref Utf8JsonReader reader)
    {
        string? text = WebhookJson.ReadScalar(ref reader);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ms) && ms <= 253_402_300_799_999 ? ms : null;
    }

    private MartechEvent ToEvent(Fields f, ReadOnlyMemory<byte> raw)
    {
        string id = string.IsNullOrEmpty(f.EventId)
            ? WebhookJson.ContentKey(raw.Span)
            : string.Create(CultureInfo.InvariantCulture, $"{f.PortalId}:{f.SubscriptionId}:{f.EventId}:{f.ObjectId}:{f.OccurredAt}");
        DateTimeOffset occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(f.OccurredAt ?? 0);
        string? action = ContactAction(f);
        ContactEventType? type = action switch
        {
            "creation" or "restore" => ContactEventType.Created,
            "propertyChange" when !string.IsNullOrEmpty(f.PropertyName) => ContactEventType.Changed,
            "deletion" or "privacyDeletion" => ContactEventType.Deleted,
            "merge" => ContactEventType.Merged,
            _ => null,
        };

        string? contactId = type == ContactEventType.Merged ? Survivor(f) : f.ObjectId;
        if (type is null || string.IsNullOrEmpty(contactId) || f.OccurredAt is null)
        {
            return new RawEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = occurredAt,
                VendorEventType = f.SubscriptionType ?? string.Empty,
                ContactId = action is null ? null : f.ObjectId,
                RawUtf8 = raw,
            };
        }

        var changed = new Dictionary<string, string?>(StringComparer.Ordinal);
        EmailAddress? email = null;
        string? phone = null;
        if (type == ContactEventType.Changed)
        {
            string? value = string.IsNullOrEmpty(f.PropertyValue) ? null : f.PropertyValue;
            changed[f.PropertyName!] = value;
            if (string.Equals(f.PropertyName, "email", StringComparison.Ordinal) && EmailAddress.TryParse(value, out EmailAddress parsed, out _))
            {
                email = parsed;
            }
            else if (string.Equals(f.PropertyName, "phone", StringComparison.Ordinal))
            {
                phone = value;
            }
        }

        return new ContactEvent
        {
            Id = id,
            Provider = provider,
            OccurredAt = occurredAt,
            Type = type.Value,
            ObjectType = "contact",
            ContactId = contactId,
            Email = email,
            Phone = phone,
            ChangedProperties = changed,
            MergedContactIds = type == ContactEventType.Merged ? MergedIds(f, contactId) : [],
            ChangedAt = occurredAt,
            RawUtf8 = raw,
        };
    }

    /// <summary>The action of a contact event (<c>creation</c>, <c>propertyChange</c>, …), from <c>contact.*</c> or the
    /// generic <c>object.*</c> of object type 0-1; <see langword="null"/> for any other object.</summary>
    private static string? ContactAction(Fields f)
    {
        string? type = f.SubscriptionType;
        if (type is null)
        {
            return null;
        }

        if (type.StartsWith("contact.", StringComparison.Ordinal))
        {
            return type["contact.".Length..];
        }

        return type.StartsWith("object.", StringComparison.Ordinal) && string.Equals(f.ObjectTypeId, ContactsObjectTypeId, StringComparison.Ordinal)
            ? type["object.".Length..]
            : null;
    }

    private static string? Survivor(Fields f) =>
        !string.IsNullOrEmpty(f.NewObjectId) && f.NewObjectId != "0" ? f.NewObjectId
        : !string.IsNullOrEmpty(f.PrimaryObjectId) ? f.PrimaryObjectId
        : f.ObjectId;

    private static List<string> MergedIds(Fields f, string survivor)
    {
        var ids = new List<string>();
        foreach (string? candidate in (IEnumerable<string?>)[.. f.MergedObjectIds ?? [], f.PrimaryObjectId])
        {
            if (!string.IsNullOrEmpty(candidate) && candidate != survivor && !ids.Contains(candidate))
            {
                ids.Add(candidate);
            }
        }

        return ids;
    }

    private sealed class Fields
    {
        public string? EventId;
        public string? SubscriptionId;
        public string? PortalId;
        public long? OccurredAt;
        public string? SubscriptionType;
        public string? ObjectId;
        public string? ObjectTypeId;
        public string? PropertyName;
        public string? PropertyValue;
        public string? PrimaryObjectId;
        public string? NewObjectId;
        public List<string>? MergedObjectIds;
    }
}
