using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// Maps a SendGrid Event Webhook body (a JSON array of event objects) to typed events in one pass of a
/// <see cref="Utf8JsonReader"/>, keeping each event's own bytes as its raw payload without re-serialising.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>processed</c>, <c>dropped</c>, <c>delivered</c>, <c>deferred</c>, <c>open</c>, <c>click</c>,
/// <c>spamreport</c>, <c>unsubscribe</c>, <c>group_unsubscribe</c>, <c>group_resubscribe</c> and <c>bounce</c> become
/// <see cref="EmailEvent"/>s; a bounce of <c>type</c> <c>blocked</c> is <see cref="EmailBounceKind.Block"/>, otherwise its
/// <c>status</c> decides (<c>5.x.x</c> hard, <c>4.x.x</c> soft; hard when absent).</item>
/// <item>Any other <c>event</c> (such as <c>account_status_change</c>), or an event without a valid <c>email</c>, becomes a
/// <see cref="RawEvent"/>: never dropped.</item>
/// <item><see cref="MartechEvent.Id"/> is <c>sg_event_id</c> (SendGrid's dedupe key; the SHA-256 of the event's bytes if
/// absent). <see cref="EmailEvent.MessageId"/> is <c>sg_message_id</c> up to its first dot, the <c>X-Message-Id</c> the
/// send returned. Top-level keys SendGrid does not define are the send's custom arguments; the one named by
/// <c>CampaignIdArgument</c> (default <c>campaign_id</c>) is the campaign, else <c>marketing_campaign_id</c>.
/// <c>category</c> (a string or an array) gives the tags. Opens and clicks are classified with
/// <see cref="EngagementClassifier"/> from <c>sg_machine_open</c>, <c>useragent</c> and <c>ip</c>.</item>
/// </list>
/// </remarks>
internal sealed class SendGridEventReader(string provider, string campaignIdArgument)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public IReadOnlyList<MartechEvent> Read(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A SendGrid Event Webhook body is a JSON array of events.");
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
            ReadOnlyMemory<byte> raw = body[start..(int)reader.BytesConsumed];
            events.Add(ToEvent(fields, raw));
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("The body holds more than one JSON array.");
        }

        return events;
    }

    private static Fields ReadObject(ref Utf8JsonReader reader)
    {
        var fields = new Fields();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                fields.Event = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("email"u8))
            {
                fields.Email = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                fields.Timestamp = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long seconds) && seconds is >= 0 and <= 253_402_300_799 ? seconds
                    : reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long parsed) && parsed is >= 0 and <= 253_402_300_799 ? parsed
                    : SkipAndReturn(ref reader, 0L);
            }
            else if (reader.ValueTextEquals("sg_event_id"u8))
            {
                fields.EventId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("sg_message_id"u8))
            {
                fields.MessageId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("category"u8))
            {
                fields.Categories = ReadCategories(ref reader);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                fields.Url = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                fields.Reason = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                fields.Status = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                fields.Type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("useragent"u8))
            {
                fields.UserAgent = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("ip"u8))
            {
                fields.Ip = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("sg_machine_open"u8))
            {
                reader.Read();
                fields.MachineOpen = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.String => string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase),
                    _ => SkipAndReturn<bool?>(ref reader, null),
                };
            }
            else if (reader.ValueTextEquals("asm_group_id"u8))
            {
                fields.AsmGroupId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("marketing_campaign_id"u8))
            {
                fields.MarketingCampaignId = ReadString(ref reader);
            }
            else if (IsSendGridField(ref reader))
            {
                reader.Read();
                reader.Skip();
            }
            else
            {
                string name = WebhookText.Clean(reader.GetString()!);
                string? value = ReadString(ref reader);
                if (value is not null)
                {
                    (fields.CustomArgs ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
                }
            }
        }

        return fields;
    }

    // Fields SendGrid defines that the typed event does not carry: not custom arguments.
    private static bool IsSendGridField(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("smtp-id"u8) || reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("attempt"u8)
        || reader.ValueTextEquals("tls"u8) || reader.ValueTextEquals("url_offset"u8) || reader.ValueTextEquals("pool"u8)
        || reader.ValueTextEquals("cert_err"u8) || reader.ValueTextEquals("marketing_campaign_name"u8)
        || reader.ValueTextEquals("marketing_campaign_version"u8) || reader.ValueTextEquals("marketing_campaign_split_id"u8)
        || reader.ValueTextEquals("bounce_classification"u8) || reader.ValueTextEquals("sg_template_id"u8)
        || reader.ValueTextEquals("sg_template_name"u8) || reader.ValueTextEquals("sg_user_id"u8) || reader.ValueTextEquals("send_at"u8)
        || reader.ValueTextEquals("singlesend_id"u8) || reader.ValueTextEquals("singlesend_name"u8) || reader.ValueTextEquals("unique_args"u8)
        || reader.ValueTextEquals("sg_content_type"u8);

    /// <summary>Reads a scalar as text (numbers and booleans as written); objects, arrays and null give null.</summary>
    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return WebhookText.Clean(reader.GetString());
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    private static T SkipAndReturn<T>(ref Utf8JsonReader reader, T value)
    {
        reader.Skip();
        return value;
    }

    private static List<string>? ReadCategories(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return [WebhookText.Clean(reader.GetString()!)];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var categories = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                categories.Add(WebhookText.Clean(reader.GetString()!));
            }
            else
            {
                reader.Skip();
            }
        }

        return categories;
    }

    private MartechEvent ToEvent(Fields f, ReadOnlyMemory<byte> raw)
    {
        string id = string.IsNullOrEmpty(f.EventId) ? HashOf(raw.Span) : f.EventId;
        DateTimeOffset occurredAt = DateTimeOffset.FromUnixTimeSeconds(f.Timestamp);
        IReadOnlyDictionary<string, string> args = f.CustomArgs ?? (IReadOnlyDictionary<string, string>)Empty;
        string? campaign = f.CustomArgs is not null && f.CustomArgs.TryGetValue(campaignIdArgument, out string? fromArgs) ? fromArgs : f.MarketingCampaignId;
        IReadOnlyList<string> tags = f.Categories ?? (IReadOnlyList<string>)[];
        EmailEventType? type = TypeOf(f.Event);
        if (type is null || !EmailAddress.TryParse(f.Email, out EmailAddress email, out _))
        {
            _ = EmailAddress.TryParse(f.Email, out EmailAddress anyEmail, out _);
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

        bool engagement = type == EmailEventType.Opened || type == EmailEventType.Clicked;
        return new EmailEvent
        {
            Id = id,
            Provider = provider,
            OccurredAt = occurredAt,
            Type = type.Value,
            Recipient = email,
            MessageId = MessageIdOf(f.MessageId),
            CampaignId = campaign,
            Tags = tags,
            CustomArgs = args,
            Url = type == EmailEventType.Clicked && Uri.TryCreate(f.Url, UriKind.Absolute, out Uri? url) ? url : null,
            Reason = f.Reason,
            BounceKind = type == EmailEventType.Bounced ? BounceKindOf(f.Type, f.Status) : null,
            Source = engagement ? EngagementClassifier.Classify(f.UserAgent, f.Ip, f.MachineOpen) : null,
            UserAgent = f.UserAgent,
            IpAddress = f.Ip,
            UnsubscribeGroupId = f.AsmGroupId,
            RawUtf8 = raw,
        };
    }

    private static readonly Dictionary<string, string> Empty = new(0);

    private static EmailEventType? TypeOf(string? name) => name switch
    {
        "processed" => EmailEventType.Processed,
        "dropped" => EmailEventType.Dropped,
        "delivered" => EmailEventType.Delivered,
        "deferred" => EmailEventType.Deferred,
        "bounce" => EmailEventType.Bounced,
        "open" => EmailEventType.Opened,
        "click" => EmailEventType.Clicked,
        "spamreport" => EmailEventType.SpamReport,
        "unsubscribe" => EmailEventType.Unsubscribed,
        "group_unsubscribe" => EmailEventType.GroupUnsubscribed,
        "group_resubscribe" => EmailEventType.GroupResubscribed,
        _ => null,
    };

    private static EmailBounceKind BounceKindOf(string? type, string? status) =>
        string.Equals(type, "blocked", StringComparison.OrdinalIgnoreCase) ? EmailBounceKind.Block
        : status is { Length: > 0 } && status[0] == '4' ? EmailBounceKind.Soft
        : EmailBounceKind.Hard;

    // sg_message_id is the X-Message-Id of the send followed by ".filter…" routing parts.
    private static string? MessageIdOf(string? sgMessageId)
    {
        if (string.IsNullOrEmpty(sgMessageId))
        {
            return null;
        }

        int dot = sgMessageId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? sgMessageId[..dot] : sgMessageId;
    }

    private static string HashOf(ReadOnlySpan<byte> raw)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(raw, hash);
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    private sealed class Fields
    {
        public string? Event;
        public string? Email;
        public long Timestamp;
        public string? EventId;
        public string? MessageId;
        public List<string>? Categories;
        public string? Url;
        public string? Reason;
        public string? Status;
        public string? Type;
        public string? UserAgent;
        public string? Ip;
        public bool? MachineOpen;
        public string? AsmGroupId;
        public string? MarketingCampaignId;
        public Dictionary<string, string>? CustomArgs;
    }
}
