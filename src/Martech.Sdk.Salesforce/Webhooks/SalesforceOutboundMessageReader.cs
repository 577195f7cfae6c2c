using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Reads a Salesforce outbound message (a SOAP envelope of up to 100 <c>Notification</c>s) with a forward-only
/// <see cref="XmlReader"/> that refuses DTDs, resolves nothing external and limits nesting, so no XML entity trick
/// (external entities, entity expansion) reaches the parser; then maps each notification to an event.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A <c>Contact</c> or <c>Lead</c> sObject becomes a <see cref="ContactEvent"/> of object type <c>contact</c> or
/// <c>lead</c> for its <c>Id</c>, with every field sent (but <c>Id</c>) in <see cref="ContactEvent.ChangedProperties"/>
/// (an outbound message sends the fields it selects, changed or not); <see cref="ContactEventType.Created"/> when
/// <c>CreatedDate</c> equals <c>LastModifiedDate</c>, else <see cref="ContactEventType.Changed"/>.</item>
/// <item><see cref="ContactEvent.ChangedAt"/> and <see cref="MartechEvent.OccurredAt"/> are <c>LastModifiedDate</c>,
/// else <c>SystemModstamp</c>; a message selecting neither gets the time it was received.</item>
/// <item>Other sObjects, and contacts or leads without an <c>Id</c>, become <see cref="RawEvent"/>s named by the sObject
/// type.</item>
/// <item><see cref="MartechEvent.Id"/> is the notification <c>Id</c>, which Salesforce keeps when it delivers again.
/// The raw payload is a JSON object: <c>Id</c>, <c>OrganizationId</c>, <c>ActionId</c>, <c>EnterpriseUrl</c>,
/// <c>PartnerUrl</c>, <c>ObjectType</c> and <c>Fields</c> (nested elements as nested objects, <c>xsi:nil</c> as null).
/// The <c>SessionId</c> is never kept: it is a live Salesforce session.</item>
/// </list>
/// </remarks>
internal sealed class SalesforceOutboundMessageReader(string provider)
{
    private const int MaxFieldDepth = 8;

    public static Message Read(ReadOnlyMemory<byte> body)
    {
        ArraySegment<byte> bytes = MemoryMarshal.TryGetArray(body, out ArraySegment<byte> segment) ? segment : new ArraySegment<byte>(body.ToArray());
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = Math.Max(1024, (long)bytes.Count * 2),
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };
        using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        using var reader = XmlReader.Create(stream, settings);

        var message = new Message();
        reader.MoveToContent();
        Expect(reader, "Envelope");
        bool found = false;
        ForEachChild(reader, () =>
        {
            if (reader.LocalName != "Body")
            {
                reader.Skip();
                return;
            }

            ForEachChild(reader, () =>
            {
                if (reader.LocalName == "notifications" && !found)
                {
                    found = true;
                    ReadNotifications(reader, message);
                }
                else
                {
                    reader.Skip();
                }
            });
        });

        // Anything after the envelope's end tag is read too, so a second root element is an error.
        while (reader.Read())
        {
        }

        return found ? message : throw new XmlException("The SOAP body holds no outbound-message notifications element.");
    }

    public IReadOnlyList<MartechEvent> ToEvents(Message message, DateTimeOffset receivedAt)
    {
        var events = new List<MartechEvent>(message.Notifications.Count);
        foreach (Notification n in message.Notifications)
        {
            byte[] raw = RawOf(message, n);
            string id = string.IsNullOrEmpty(n.Id) ? WebhookJson.ContentKey(raw) : n.Id;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (name, value) in n.Fields)
            {
                fields[name] = value;
            }

            DateTimeOffset? changedAt = Time(fields, "LastModifiedDate") ?? Time(fields, "SystemModstamp");
            DateTimeOffset? createdAt = Time(fields, "CreatedDate");
            string? kind = n.ObjectType.Equals("Contact", StringComparison.OrdinalIgnoreCase) ? "contact"
                : n.ObjectType.Equals("Lead", StringComparison.OrdinalIgnoreCase) ? "lead"
                : null;
            fields.Remove("Id", out string? recordId);
            if (kind is null || string.IsNullOrEmpty(recordId))
            {
                events.Add(new RawEvent
                {
                    Id = id,
                    Provider = provider,
                    OccurredAt = changedAt ?? receivedAt,
                    VendorEventType = n.ObjectType,
                    RawUtf8 = raw,
                });
                continue;
            }

            events.Add(new ContactEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = changedAt ?? receivedAt,
                Type = createdAt is not null && createdAt == changedAt ? ContactEventType.Created : ContactEventType.Changed,
                ObjectType = kind,
                ContactId = recordId,
                Email = EmailAddress.TryParse(fields.GetValueOrDefault("Email"), out EmailAddress email, out _) ? email : null,
                Phone = NotEmpty(fields.GetValueOrDefault("Phone")) ?? NotEmpty(fields.GetValueOrDefault("MobilePhone")),
                ChangedProperties = fields,
                ChangedAt = changedAt ?? receivedAt,
                RawUtf8 = raw,
            });
        }

        return events;
    }

    private static void ReadNotifications(XmlReader reader, Message message)
    {
        ForEachChild(reader, () =>
        {
            switch (reader.LocalName)
            {
                case "OrganizationId":
                    message.OrganizationId = Text(reader);
                    break;
                case "ActionId":
                    message.ActionId = Text(reader);
                    break;
                case "EnterpriseUrl":
                    message.EnterpriseUrl = Text(reader);
                    break;
                case "PartnerUrl":
                    message.PartnerUrl = Text(reader);
                    break;
                case "Notification":
                    message.Notifications.Add(ReadNotification(reader));
                    break;
                default:
                    // SessionId among them: a live session is never kept.
                    reader.Skip();
                    break;
            }
        });
    }

    private static Notification ReadNotification(XmlReader reader)
    {
        var n = new Notification();
        ForEachChild(reader, () =>
        {
            if (reader.LocalName == "Id")
            {
                n.Id = Text(reader);
            }
            else if (reader.LocalName == "sObject" && n.FieldsJson is null)
            {
                string? type = reader.GetAttribute("type", SalesforceOutboundMessageBuilder.XsiNamespace);
                n.ObjectType = WebhookText.Clean(type is null ? string.Empty : type[(type.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                var buffer = new ArrayBufferWriter<byte>();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    ForEachChild(reader, () => ReadField(reader, string.Empty, 1, json, n.Fields));
                    json.WriteEndObject();
                }

                n.FieldsJson = buffer.WrittenMemory.ToArray();
            }
            else
            {
                reader.Skip();
            }
        });

        return n;
    }

    /// <summary>Reads one field element: text as a string (<c>xsi:nil</c> as null), child elements as an object whose
    /// fields are also listed flat as <c>Parent.Child</c>.</summary>
    private static void ReadField(XmlReader reader, string prefix, int depth, Utf8JsonWriter json, List<KeyValuePair<string, string?>> flat)
    {
        if (depth > MaxFieldDepth)
        {
            throw new XmlException($"A field is nested more than {MaxFieldDepth} levels deep.");
        }

        string name = WebhookText.Clean(reader.LocalName);
        bool nil = string.Equals(reader.GetAttribute("nil", SalesforceOutboundMessageBuilder.XsiNamespace), "true", StringComparison.Ordinal);
        StringBuilder? text = null;
        bool isObject = false;
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.EOF)
                {
                    throw new XmlException("The message ends inside a field.");
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (!isObject)
                    {
                        isObject = true;
                        json.WriteStartObject(name);
                    }

                    ReadField(reader, prefix + name + ".", depth + 1, json, flat);
                }
                else
                {
                    if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                    {
                        (text ??= new StringBuilder()).Append(reader.Value);
                    }

                    reader.Read();
                }
            }
        }

        reader.Read();
        if (isObject)
        {
            json.WriteEndObject();
            return;
        }

        string? value = nil ? null : WebhookText.Clean(text?.ToString() ?? string.Empty);
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }

        flat.Add(new(prefix + name, value));
    }

    /// <summary>Runs <paramref name="onChild"/> on each child element of the element the reader is on, which must consume
    /// that child entirely; leaves the reader after the element's end.</summary>
    private static void ForEachChild(XmlReader reader, Action onChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.EOF)
            {
                throw new XmlException("The message ends inside an element.");
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                onChild();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    private static void Expect(XmlReader reader, string localName)
    {
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != localName)
        {
            throw new XmlException($"Expected a SOAP {localName} element, found '{reader.LocalName}'.");
        }
    }

    private static string? Text(XmlReader reader)
    {
        bool nil = string.Equals(reader.GetAttribute("nil", SalesforceOutboundMessageBuilder.XsiNamespace), "true", StringComparison.Ordinal);
        string text = reader.ReadElementContentAsString();
        return nil ? null : WebhookText.Clean(text.Trim());
    }

    private static byte[] RawOf(Message message, Notification n)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Id", n.Id);
            json.WriteString("OrganizationId", message.OrganizationId);
            json.WriteString("ActionId", message.ActionId);
            json.WriteString("EnterpriseUrl", message.EnterpriseUrl);
            json.WriteString("PartnerUrl", message.PartnerUrl);
            json.WriteString("ObjectType", n.ObjectType);
            json.WritePropertyName("Fields");
            json.WriteRawValue(n.FieldsJson ?? "{}"u8.ToArray(), skipInputValidation: true);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory.ToArray();
    }

    private static DateTimeOffset? Time(Dictionary<string, string?> fields, string name) =>
        DateTimeOffset.TryParse(fields.GetValueOrDefault(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time)
            ? time
            : null;

    private static string? NotEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>What an outbound message holds.</summary>
    internal sealed class Message
    {
        public string? OrganizationId { get; set; }

        public string? ActionId { get; set; }

        public string? EnterpriseUrl { get; set; }

        public string? PartnerUrl { get; set; }

        public List<Notification> Notifications { get; } = [];
    }

    /// <summary>One notification: its id, the sObject type, its fields flat and as JSON.</summary>
    internal sealed class Notification
    {
        public string? Id { get; set; }

        public string ObjectType { get; set; } = string.Empty;

        public List<KeyValuePair<string, string?>> Fields { get; } = [];

        public byte[]? FieldsJson { get; set; }
    }
}
