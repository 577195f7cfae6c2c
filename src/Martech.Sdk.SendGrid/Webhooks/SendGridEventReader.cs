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

        // SendGrid events run to a few hundred bytes each.
        var events = new List<MartechEvent>(Math.Min(body.Length / 256, 16_384) + 1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Item {events.Count} of the array is not a JSON object.");
            }

            int start = (int)reader.TokenStartIndex;
            var fields = default(Fields);
            ReadObject(ref reader, ref fields);
            ReadOnlyMemory<byte> raw = body[start..(int)reader.BytesConsumed];
            events.Add(ToEvent(ref fields, raw));
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("The body holds more than one JSON array.");
        }

        return events;
    }

    private static void ReadObject(ref Utf8JsonReader reader, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                ReadEventType(ref reader, ref fields);
            }
            else if (reader.ValueTextEquals("email"u8))
            {
                fields.Email = WebhookJson.ReadScalar(ref reader);
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
                fields.EventId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("sg_message_id"u8))
            {
                fields.MessageId = ReadMessageId(ref reader);
            }
            else if (reader.ValueTextEquals("category"u8))
            {
                fields.Categories = WebhookJson.ReadStrings(ref reader);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                fields.Url = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                fields.Reason = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                fields.Status = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                fields.BounceType = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("useragent"u8))
            {
                fields.UserAgent = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("ip"u8))
            {
                fields.Ip = WebhookJson.ReadScalar(ref reader);
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
                fields.AsmGroupId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("marketing_campaign_id"u8))
            {
                fields.MarketingCampaignId = WebhookJson.ReadScalar(ref reader);
            }
            else if (IsSendGridField(ref reader))
            {
                reader.Read();
                reader.Skip();
            }
            else
            {
                string name = WebhookText.Clean(reader.GetString()!);
                string? value = WebhookJson.ReadScalar(ref reader);
                if (value is not null)
                {
                    (fields.CustomArgs ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
                }
            }
        }
    }

    // The event type is matched on its bytes: one of a dozen known names needs no string of its own.
    private static void ReadEventType(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            fields.Event = null;
            fields.Type = null;
            return;
        }

        fields.Type = reader.ValueTextEquals("processed"u8) ? EmailEventType.Processed
            : reader.ValueTextEquals("delivered"u8) ? EmailEventType.Delivered
            : reader.ValueTextEquals("open"u8) ? EmailEventType.Opened
            : reader.ValueTextEquals("click"u8) ? EmailEventType.Clicked
            : reader.ValueTextEquals("bounce"u8) ? EmailEventType.Bounced
            : reader.ValueTextEquals("deferred"u8) ? EmailEventType.Deferred
            : reader.ValueTextEquals("dropped"u8) ? EmailEventType.Dropped
            : reader.ValueTextEquals("spamreport"u8) ? EmailEventType.SpamReport
            : reader.ValueTextEquals("unsubscribe"u8) ? EmailEventType.Unsubscribed
            : reader.ValueTextEquals("group_unsubscribe"u8) ? EmailEventType.GroupUnsubscribed
            : reader.ValueTextEquals("group_resubscribe"u8) ? EmailEventType.GroupResubscribed
            : null;
        fields.Event = fields.Type is null ? WebhookText.Clean(reader.GetString()) : null;
    }

    // sg_message_id is the X-Message-Id of the send followed by ".filter…" routing parts: only the id is kept.
    private static string? ReadMessageId(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> value = reader.ValueSpan;
            int dot = value.IndexOf((byte)'.');
            return value.IsEmpty ? null : Encoding.UTF8.GetString(dot > 0 ? value[..dot] : value);
        }

        string? text = WebhookText.Clean(reader.GetString());
        int separator = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return string.IsNullOrEmpty(text) ? null : separator > 0 ? text[..separator] : text;
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

    private static T SkipAndReturn<T>(ref Utf8JsonReader reader, T value)
    {
        reader.Skip();
        return value;
    }

    private MartechEvent ToEvent(ref Fields f, ReadOnlyMemory<byte> raw)
    {
        string id = string.IsNullOrEmpty(f.EventId) ? WebhookJson.ContentKey(raw.Span) : f.EventId;
        DateTimeOffset occurredAt = DateTimeOffset.FromUnixTimeSeconds(f.Timestamp);
        IReadOnlyDictionary<string, string> args = f.CustomArgs ?? (IReadOnlyDictionary<string, string>)Empty;
        string? campaign = f.CustomArgs is not null && f.CustomArgs.TryGetValue(campaignIdArgument, out string? fromArgs) ? fromArgs : f.MarketingCampaignId;
        IReadOnlyList<string> tags = f.Categories ?? (IReadOnlyList<string>)[];
        EmailEventType? type = f.Type;
        if (type is null || !EmailAddress.TryParse(f.Email, out EmailAddress email, out _))
        {
            _ = EmailAddress.TryParse(f.Email, out EmailAddress anyEmail, out _);
            return new RawEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = occurredAt,
                VendorEventType = f.Event ?? f.Type?.Value switch
                {
                    null => string.Empty,
                    _ when f.Type == EmailEventType.Opened => "open",
                    _ when f.Type == EmailEventType.Clicked => "click",
                    _ when f.Type == EmailEventType.Bounced => "bounce",
                    _ when f.Type == EmailEventType.Unsubscribed => "unsubscribe",
                    var name => name,
                },
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
            MessageId = f.MessageId,
            CampaignId = campaign,
            Tags = tags,
            CustomArgs = args,
            Url = type == EmailEventType.Clicked && Uri.TryCreate(f.Url, UriKind.Absolute, out Uri? url) ? url : null,
            Reason = f.Reason,
            BounceKind = type == EmailEventType.Bounced ? BounceKindOf(f.BounceType, f.Status) : null,
            Source = engagement ? EngagementClassifier.Classify(f.UserAgent, f.Ip, f.MachineOpen) : null,
            UserAgent = f.UserAgent,
            IpAddress = f.Ip,
            UnsubscribeGroupId = f.AsmGroupId,
            RawUtf8 = raw,
        };
    }

    private static readonly Dictionary<string, string> Empty = new(0);

    private static EmailBounceKind BounceKindOf(string? type, string? status) =>
        string.Equals(type, "blocked", StringComparison.OrdinalIgnoreCase) ? EmailBounceKind.Block
        : status is { Length: > 0 } && status[0] == '4' ? EmailBounceKind.Soft
        : EmailBounceKind.Hard;

    private struct Fields
    {
        public EmailEventType? Type;
        public string? Event;
        public string? Email;
        public long Timestamp;
        public string? EventId;
        public string? MessageId;
        public List<string>? Categories;
        public string? Url;
        public string? Reason;
        public string? Status;
        public string? BounceType;
        public string? UserAgent;
        public string? Ip;
        public bool? MachineOpen;
        public string? AsmGroupId;
        public string? MarketingCampaignId;
        public Dictionary<string, string>? CustomArgs;
    }
}
