using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// Reads a Mailgun webhook body, <c>{"signature": {…}, "event-data": {…}}</c>, with <see cref="Utf8JsonReader"/>: the
/// signature object for verification (<see cref="ReadEnvelope"/>), then the one event it carries, mapped to a typed
/// event whose raw payload is the <c>event-data</c> object's own bytes (never the signature).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>accepted</c> → <see cref="EmailEventType.Processed"/>, <c>delivered</c> → Delivered, <c>failed</c> with
/// <c>severity</c> <c>temporary</c> → Deferred, <c>failed</c> permanent → Bounced (hard; <c>reason</c> <c>old</c>, given
/// up after retries, soft) or Dropped when <c>reason</c> is <c>suppress-bounce</c>, <c>suppress-unsubscribe</c> or
/// <c>suppress-complaint</c>; <c>rejected</c> → Dropped, <c>opened</c> → Opened, <c>clicked</c> → Clicked (<c>url</c>),
/// <c>unsubscribed</c> → Unsubscribed (GroupUnsubscribed by tag when configured), <c>complained</c> → SpamReport. Any
/// other event (such as <c>stored</c>), or one without a valid <c>recipient</c>, is a <see cref="RawEvent"/>.</item>
/// <item><see cref="MartechEvent.Id"/> is <c>id</c> (the SHA-256 of the event's bytes if absent);
/// <see cref="EmailEvent.MessageId"/> is <c>message.headers.message-id</c> without angle brackets, as the send returned
/// it. <c>user-variables</c> are the custom arguments (numbers and booleans as written, objects and arrays as JSON);
/// the <c>campaign_id</c> variable is the campaign, else <c>campaigns[0].id</c>. <c>tags</c> are the tags. Opens and
/// clicks are classified from <c>client-info.bot</c>, <c>client-info.user-agent</c> and <c>ip</c>.</item>
/// </list>
/// </remarks>
internal sealed class MailgunEventReader(string provider, bool unsubscribeByTag)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };
    private static readonly Dictionary<string, string> NoArgs = new(0);

    /// <summary>Reads the signature fields and finds the event, checking the body's shape: one JSON object, each of
    /// <c>signature</c> and <c>event-data</c> at most once, each signature field at most once.</summary>
    /// <param name="body">The body.</param>
    /// <returns>What the body holds; missing parts are <see langword="null"/>.</returns>
    /// <exception cref="JsonException">The body is not a Mailgun webhook body.</exception>
    public static MailgunEnvelope ReadEnvelope(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A Mailgun webhook body is a JSON object with 'signature' and 'event-data'.");
        }

        string? timestamp = null, token = null, signature = null;
        bool sawSignature = false;
        Range? eventData = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("signature"u8))
            {
                if (sawSignature)
                {
                    throw new JsonException("The body has 'signature' twice.");
                }

                sawSignature = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonException("'signature' is not an object.");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.ValueTextEquals("timestamp"u8))
                    {
                        timestamp = Once(timestamp, WebhookJson.ReadScalar(ref reader), "signature.timestamp");
                    }
                    else if (reader.ValueTextEquals("token"u8))
                    {
                        token = Once(token, WebhookJson.ReadScalar(ref reader), "signature.token");
                    }
                    else if (reader.ValueTextEquals("signature"u8))
                    {
                        signature = Once(signature, WebhookJson.ReadScalar(ref reader), "signature.signature");
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("event-data"u8))
            {
                if (eventData is not null)
                {
                    throw new JsonException("The body has 'event-data' twice.");
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonException("'event-data' is not an object.");
                }

                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                eventData = start..(int)reader.BytesConsumed;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("The body holds more than one JSON object.");
        }

        return new MailgunEnvelope(timestamp, token, signature, eventData);
    }

    /// <summary>Maps the event of a verified body.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The body has no <c>event-data</c> object or is not JSON.</exception>
    public MartechEvent Read(ReadOnlyMemory<byte> body)
    {
        MailgunEnvelope envelope = ReadEnvelope(body.Span);
        if (envelope.EventData is not { } range)
        {
            throw new JsonException("The body has no 'event-data' object.");
        }

        ReadOnlyMemory<byte> raw = body[range];
        var reader = new Utf8JsonReader(raw.Span, ReaderOptions);
        reader.Read();
        Fields fields = ReadEvent(ref reader, raw.Span);
        return ToEvent(fields, raw);
    }

    private static Fields ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw)
    {
        var f = new Fields();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                f.Event = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                f.Id = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                f.Timestamp = ReadTime(ref reader);
            }
            else if (reader.ValueTextEquals("recipient"u8))
            {
                f.Recipient = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("severity"u8))
            {
                f.Severity = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                f.Reason = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                f.Url = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("ip"u8))
            {
                f.Ip = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("tags"u8))
            {
                f.Tags = WebhookJson.ReadStrings(ref reader);
            }
            else if (reader.ValueTextEquals("user-variables"u8))
            {
                f.Variables = ReadVariables(ref reader, raw);
            }
            else if (reader.ValueTextEquals("campaigns"u8))
            {
                f.CampaignId = ReadFirstCampaign(ref reader);
            }
            else if (reader.ValueTextEquals("delivery-status"u8))
            {
                ReadObject(ref reader, f, static (ref Utf8JsonReader r, Fields x) =>
                {
                    if (r.ValueTextEquals("message"u8))
                    {
                        x.StatusMessage = WebhookJson.ReadScalar(ref r);
                    }
                    else if (r.ValueTextEquals("description"u8))
                    {
                        x.StatusDescription = WebhookJson.ReadScalar(ref r);
                    }
                    else if (r.ValueTextEquals("code"u8))
                    {
                        x.StatusCode = WebhookJson.ReadScalar(ref r);
                    }
                    else
                    {
                        WebhookJson.SkipValue(ref r);
                    }
                });
            }
            else if (reader.ValueTextEquals("reject"u8))
            {
                ReadObject(ref reader, f, static (ref Utf8JsonReader r, Fields x) =>
                {
                    if (r.ValueTextEquals("reason"u8))
                    {
                        x.RejectReason = WebhookJson.ReadScalar(ref r);
                    }
                    else if (r.ValueTextEquals("description"u8))
                    {
                        x.RejectDescription = WebhookJson.ReadScalar(ref r);
                    }
                    else
                    {
                        WebhookJson.SkipValue(ref r);
                    }
                });
            }
            else if (reader.ValueTextEquals("client-info"u8))
            {
                ReadObject(ref reader, f, static (ref Utf8JsonReader r, Fields x) =>
                {
                    if (r.ValueTextEquals("bot"u8))
                    {
                        x.Bot = WebhookJson.ReadScalar(ref r);
                    }
                    else if (r.ValueTextEquals("user-agent"u8))
                    {
                        x.UserAgent = WebhookJson.ReadScalar(ref r);
                    }
                    else
                    {
                        WebhookJson.SkipValue(ref r);
                    }
                });
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                ReadObject(ref reader, f, static (ref Utf8JsonReader r, Fields x) =>
                {
                    if (r.ValueTextEquals("headers"u8))
                    {
                        ReadObject(ref r, x, static (ref Utf8JsonReader h, Fields y) =>
                        {
                            if (h.ValueTextEquals("message-id"u8))
                            {
                                y.MessageId = WebhookJson.ReadScalar(ref h);
                            }
                            else
                            {
                                WebhookJson.SkipValue(ref h);
                            }
                        });
                    }
                    else
                    {
                        WebhookJson.SkipValue(ref r);
                    }
                });
            }
            else
            {
                WebhookJson.SkipValue(ref reader);
            }
        }

        return f;
    }

    private delegate void PropertyReader(ref Utf8JsonReader reader, Fields fields);

    /// <summary>Reads the object that follows a property name, calling <paramref name="property"/> on each of its
    /// property names; anything but an object is skipped.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, Fields fields, PropertyReader property)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            property(ref reader, fields);
        }
    }

    private static string? Once(string? existing, string? value, string name) =>
        existing is null ? value : throw new JsonException($"The body has '{name}' twice.");

    // Mailgun writes event times as fractional Unix seconds (1529006854.329574); whole seconds and strings are read too.
    private static long? ReadTime(ref Utf8JsonReader reader)
    {
        double seconds;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetDouble(out seconds))
            {
                return null;
            }
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            if (!double.TryParse(reader.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
            {
                return null;
            }
        }
        else
        {
            reader.Skip();
            return null;
        }

        return double.IsFinite(seconds) && seconds is >= 0 and <= 253_402_300_799 ? (long)Math.Round(seconds * 1000) : null;
    }

    private static Dictionary<string, string>? ReadVariables(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = WebhookText.Clean(reader.GetString()!);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    variables[name] = WebhookText.Clean(reader.GetString()!);
                    break;
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                    variables[name] = Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    // Mailgun parses a v: value that is JSON; keep it as the JSON text it was.
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    variables[name] = WebhookText.Clean(Encoding.UTF8.GetString(raw[start..(int)reader.BytesConsumed]));
                    break;
                default:
                    break; // null: no value
            }
        }

        return variables;
    }

    private static string? ReadFirstCampaign(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        string? id = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || id is not null)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    id = WebhookJson.ReadScalar(ref reader);
                }
                else
                {
                    WebhookJson.SkipValue(ref reader);
                }
            }
        }

        return id;
    }

    private MartechEvent ToEvent(Fields f, ReadOnlyMemory<byte> raw)
    {
        string id = string.IsNullOrEmpty(f.Id) ? WebhookJson.ContentKey(raw.Span) : f.Id;
        DateTimeOffset occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(f.Timestamp ?? 0);
        IReadOnlyDictionary<string, string> args = f.Variables ?? (IReadOnlyDictionary<string, string>)NoArgs;
        string? campaign = f.Variables is not null && f.Variables.TryGetValue(MailgunEmailSender.CampaignIdVariable, out string? fromVariables) && fromVariables.Length > 0
            ? fromVariables
            : f.CampaignId;
        List<string> tags = f.Tags ?? [];
        (EmailEventType Type, EmailBounceKind? Kind, string? Reason)? mapped = Map(f);
        if (mapped is not { } m || !EmailAddress.TryParse(f.Recipient, out EmailAddress email, out _))
        {
            _ = EmailAddress.TryParse(f.Recipient, out EmailAddress anyEmail, out _);
            return new RawEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = occurredAt,
                VendorEventType = f.Event ?? string.Empty,
                Email = anyEmail.IsEmpty ? null : anyEmail,
                CampaignId = campaign,
                Tags = tags,
                CustomArgs = args,
                RawUtf8 = raw,
            };
        }

        bool engagement = m.Type == EmailEventType.Opened || m.Type == EmailEventType.Clicked;
        string? group = m.Type == EmailEventType.GroupUnsubscribed ? tags[0] : null;
        return new EmailEvent
        {
            Id = id,
            Provider = provider,
            OccurredAt = occurredAt,
            Type = m.Type,
            Recipient = email,
            MessageId = MessageIdOf(f.MessageId),
            CampaignId = campaign,
            Tags = tags,
            CustomArgs = args,
            Url = m.Type == EmailEventType.Clicked && Uri.TryCreate(f.Url, UriKind.Absolute, out Uri? url) ? url : null,
            Reason = m.Reason,
            BounceKind = m.Kind,
            Source = engagement ? EngagementClassifier.Classify(f.UserAgent, f.Ip, vendorBotLabel: f.Bot) : null,
            UserAgent = engagement ? f.UserAgent : null,
            IpAddress = f.Ip,
            UnsubscribeGroupId = group,
            RawUtf8 = raw,
        };
    }

    private (EmailEventType, EmailBounceKind?, string?)? Map(Fields f)
    {
        switch (f.Event)
        {
            case "accepted":
                return (EmailEventType.Processed, null, null);
            case "delivered":
                return (EmailEventType.Delivered, null, null);
            case "opened":
                return (EmailEventType.Opened, null, null);
            case "clicked":
                return (EmailEventType.Clicked, null, null);
            case "complained":
                return (EmailEventType.SpamReport, null, null);
            case "rejected":
                return (EmailEventType.Dropped, null, First(f.RejectReason, f.RejectDescription, f.Reason));
            case "unsubscribed":
                return unsubscribeByTag && f.Tags is [{ } tag] && tag.Length > 0 && tag != "*"
                    ? (EmailEventType.GroupUnsubscribed, null, null)
                    : (EmailEventType.Unsubscribed, null, null);
            case "failed":
                if (f.Reason is "suppress-bounce" or "suppress-unsubscribe" or "suppress-complaint")
                {
                    return (EmailEventType.Dropped, null, f.Reason);
                }

                string? reason = First(StatusText(f), f.Reason);
                return string.Equals(f.Severity, "temporary", StringComparison.OrdinalIgnoreCase) ? (EmailEventType.Deferred, null, reason)
                    : string.Equals(f.Severity, "permanent", StringComparison.OrdinalIgnoreCase) ? (EmailEventType.Bounced, f.Reason == "old" ? EmailBounceKind.Soft : EmailBounceKind.Hard, reason)
                    : (EmailEventType.Bounced, EmailBounceKind.Unknown, reason);
            default:
                return null;
        }
    }

    // The SMTP answer: "550 5.1.1 The email account … does not exist", with the code when the message lacks it.
    private static string? StatusText(Fields f)
    {
        string? text = First(f.StatusMessage, f.StatusDescription);
        if (text is null)
        {
            return null;
        }

        return f.StatusCode is { Length: > 0 } code && code != "0" && !text.StartsWith(code, StringComparison.Ordinal) ? code + " " + text : text;
    }

    private static string? First(params ReadOnlySpan<string?> values)
    {
        foreach (string? value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? MessageIdOf(string? messageId) =>
        string.IsNullOrWhiteSpace(messageId) ? null : MailgunEmailSender.NormaliseMessageId(messageId);

    private sealed class Fields
    {
        public string? Event;
        public string? Id;
        public long? Timestamp;
        public string? Recipient;
        public string? Severity;
        public string? Reason;
        public string? Url;
        public string? Ip;
        public List<string>? Tags;
        public Dictionary<string, string>? Variables;
        public string? CampaignId;
        public string? StatusMessage;
        public string? StatusDescription;
        public string? StatusCode;
        public string? RejectReason;
        public string? RejectDescription;
        public string? Bot;
        public string? UserAgent;
        public string? MessageId;
    }
}

/// <summary>What a Mailgun webhook body holds: the signature fields, and where its event is.</summary>
/// <param name="Timestamp">The <c>signature.timestamp</c> text.</param>
/// <param name="Token">The <c>signature.token</c>.</param>
/// <param name="Signature">The <c>signature.signature</c> hex.</param>
/// <param name="EventData">The bytes of the <c>event-data</c> object.</param>
internal readonly record struct MailgunEnvelope(string? Timestamp, string? Token, string? Signature, Range? EventData);
