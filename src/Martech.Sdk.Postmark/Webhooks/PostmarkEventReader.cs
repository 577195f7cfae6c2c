using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Maps a Postmark webhook body (one record, a JSON object with <c>RecordType</c>) to a typed event in one pass of a
/// <see cref="Utf8JsonReader"/>, keeping the record's bytes as its raw payload.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Delivery</c> → Delivered, <c>Open</c> → Opened, <c>Click</c> → Clicked (<c>OriginalLink</c>),
/// <c>SpamComplaint</c> → SpamReport, <c>Bounce</c> by its <c>Type</c> (<see cref="BounceOf"/>), <c>SubscriptionChange</c>
/// → GroupUnsubscribed (<c>SuppressSending</c> true) or GroupResubscribed (false) of the record's
/// <c>MessageStream</c>, with <c>SuppressionReason</c> as the reason. Any other record, or one without a valid
/// recipient (<c>Recipient</c>, or <c>Email</c> for bounces and complaints), is a <see cref="RawEvent"/>.</item>
/// <item>Postmark sends no event id; <see cref="KeyOf"/> builds one from the fields that identify the record, the same
/// for every redelivery of it.</item>
/// <item><see cref="EmailEvent.MessageId"/> is <c>MessageID</c> (what the send returned); <c>Metadata</c> are the custom
/// arguments and the key <c>CampaignIdMetadataKey</c> names (any case, as Postmark treats keys) is the campaign;
/// <c>Tag</c> is the one tag. Opens and clicks are classified from <c>UserAgent</c> and <c>Geo.IP</c>.</item>
/// </list>
/// </remarks>
internal sealed class PostmarkEventReader(string provider, string campaignIdMetadataKey, bool transientAsDeferred)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };
    private static readonly Dictionary<string, string> NoArgs = new(0);

    public MartechEvent Read(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A Postmark webhook body is one JSON object (a record with a RecordType).");
        }

        int start = (int)reader.TokenStartIndex;
        Fields fields = ReadRecord(ref reader);
        ReadOnlyMemory<byte> raw = body[start..(int)reader.BytesConsumed];
        if (reader.Read())
        {
            throw new JsonException("The body holds more than one JSON value.");
        }

        return ToEvent(fields, raw);
    }

    private static Fields ReadRecord(ref Utf8JsonReader reader)
    {
        var f = new Fields();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("RecordType"u8))
            {
                f.RecordType = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("ID"u8))
            {
                f.BounceId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("Type"u8))
            {
                f.Type = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("MessageID"u8))
            {
                f.MessageId = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("Recipient"u8))
            {
                f.Recipient = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("Email"u8))
            {
                f.Email = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("Tag"u8))
            {
                f.Tag = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("MessageStream"u8))
            {
                f.MessageStream = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("DeliveredAt"u8) || reader.ValueTextEquals("BouncedAt"u8) || reader.ValueTextEquals("ReceivedAt"u8) || reader.ValueTextEquals("ChangedAt"u8))
            {
                f.At = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("Details"u8))
            {
                f.Details = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("Description"u8))
            {
                f.Description = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("UserAgent"u8))
            {
                f.UserAgent = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("OriginalLink"u8))
            {
                f.OriginalLink = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("SuppressSending"u8))
            {
                reader.Read();
                f.SuppressSending = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => SkipAndReturn<bool?>(ref reader, null),
                };
            }
            else if (reader.ValueTextEquals("SuppressionReason"u8))
            {
                f.SuppressionReason = WebhookJson.ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("Geo"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.ValueTextEquals("IP"u8))
                    {
                        f.Ip = WebhookJson.ReadScalar(ref reader);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("Metadata"u8))
            {
                f.Metadata = WebhookJson.ReadScalarObject(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return f;
    }

    private static T SkipAndReturn<T>(ref Utf8JsonReader reader, T value)
    {
        reader.Skip();
        return value;
    }

    private MartechEvent ToEvent(Fields f, ReadOnlyMemory<byte> raw)
    {
        string? recipientText = f.Recipient ?? f.Email;
        DateTimeOffset? at = ParseTime(f.At);
        string id = KeyOf(f, recipientText, at) ?? WebhookJson.ContentKey(raw.Span);
        IReadOnlyDictionary<string, string> args = f.Metadata ?? (IReadOnlyDictionary<string, string>)NoArgs;
        string? campaign = CampaignOf(f.Metadata);
        List<string> tags = string.IsNullOrEmpty(f.Tag) ? [] : [f.Tag];
        DateTimeOffset occurredAt = at ?? DateTimeOffset.UnixEpoch;
        (EmailEventType Type, EmailBounceKind? Kind, string? Reason)? mapped = Map(f);
        if (mapped is not { } m || !EmailAddress.TryParse(recipientText, out EmailAddress email, out _))
        {
            _ = EmailAddress.TryParse(recipientText, out EmailAddress anyEmail, out _);
            return new RawEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = occurredAt,
                VendorEventType = f.RecordType == "Bounce" && !string.IsNullOrEmpty(f.Type) ? "Bounce:" + f.Type : f.RecordType ?? string.Empty,
                Email = anyEmail.IsEmpty ? null : anyEmail,
                CampaignId = campaign,
                Tags = tags,
                CustomArgs = args,
                RawUtf8 = raw,
            };
        }

        bool engagement = m.Type == EmailEventType.Opened || m.Type == EmailEventType.Clicked;
        bool subscription = m.Type == EmailEventType.GroupUnsubscribed || m.Type == EmailEventType.GroupResubscribed;
        return new EmailEvent
        {
            Id = id,
            Provider = provider,
            OccurredAt = occurredAt,
            Type = m.Type,
            Recipient = email,
            MessageId = string.IsNullOrEmpty(f.MessageId) ? null : f.MessageId,
            CampaignId = campaign,
            Tags = tags,
            CustomArgs = args,
            Url = m.Type == EmailEventType.Clicked && Uri.TryCreate(f.OriginalLink, UriKind.Absolute, out Uri? url) ? url : null,
            Reason = m.Reason,
            BounceKind = m.Kind,
            Source = engagement ? EngagementClassifier.Classify(f.UserAgent, f.Ip) : null,
            UserAgent = engagement ? f.UserAgent : null,
            IpAddress = engagement ? f.Ip : null,
            UnsubscribeGroupId = subscription ? f.MessageStream : null,
            RawUtf8 = raw,
        };
    }

    private (EmailEventType, EmailBounceKind?, string?)? Map(Fields f) => f.RecordType switch
    {
        "Delivery" => (EmailEventType.Delivered, null, null),
        "Open" => (EmailEventType.Opened, null, null),
        "Click" => (EmailEventType.Clicked, null, null),
        "SpamComplaint" => (EmailEventType.SpamReport, null, null),
        "Bounce" => BounceOf(f.Type, First(f.Details, f.Description)),
        "SubscriptionChange" => f.SuppressSending switch
        {
            true => (EmailEventType.GroupUnsubscribed, null, f.SuppressionReason),
            false => (EmailEventType.GroupResubscribed, null, f.SuppressionReason),
            null => null,
        },
        _ => null,
    };

    /// <summary>Maps a bounce record by its <c>Type</c>: permanent failures are hard bounces, temporary ones soft (a
    /// <c>Transient</c> delay is a deferral unless configured otherwise), refusals of the sender or content are blocks,
    /// records of mail Postmark did not send are drops, and replies that are not failures (auto-responders, subscribe
    /// requests, address changes, challenges) are raw events.</summary>
    private (EmailEventType, EmailBounceKind?, string?)? BounceOf(string? type, string? reason) => type switch
    {
        "HardBounce" or "BadEmailAddress" => (EmailEventType.Bounced, EmailBounceKind.Hard, reason),
        "SoftBounce" or "DnsError" => (EmailEventType.Bounced, EmailBounceKind.Soft, reason),
        "Transient" => transientAsDeferred ? (EmailEventType.Deferred, null, reason) : (EmailEventType.Bounced, EmailBounceKind.Soft, reason),
        "Blocked" or "SpamNotification" or "DMARCPolicy" or "VirusNotification" => (EmailEventType.Bounced, EmailBounceKind.Block, reason),
        "ManuallyDeactivated" or "Unconfirmed" or "SMTPApiError" or "TemplateRenderingFailed" => (EmailEventType.Dropped, null, First(reason, type)),
        "SpamComplaint" => (EmailEventType.SpamReport, null, null),
        "Unsubscribe" => (EmailEventType.Unsubscribed, null, reason),
        "AutoResponder" or "Subscribe" or "AddressChange" or "ChallengeVerification" or "OpenRelayTest" or "InboundError" => null,
        _ => (EmailEventType.Bounced, EmailBounceKind.Unknown, reason),
    };

    /// <summary>The record's key: <c>Bounce:&lt;ID&gt;</c> and <c>SpamComplaint:&lt;ID&gt;</c> from Postmark's bounce id;
    /// <c>&lt;RecordType&gt;:&lt;MessageID&gt;:&lt;recipient&gt;:&lt;time&gt;</c> for deliveries, opens and clicks (the
    /// record's own <c>DeliveredAt</c> / <c>ReceivedAt</c>, in UTC); <c>SubscriptionChange:&lt;MessageStream&gt;:&lt;recipient&gt;:&lt;ChangedAt&gt;</c>.
    /// The recipient is lower-cased. <see langword="null"/> when a part is missing: the caller uses the body's hash.</summary>
    internal static string? KeyOf(Fields f, string? recipient, DateTimeOffset? at)
    {
        string? who = string.IsNullOrWhiteSpace(recipient) ? null : recipient.Trim().ToLowerInvariant();
        string? when = at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) ?? (string.IsNullOrWhiteSpace(f.At) ? null : f.At.Trim());
        switch (f.RecordType)
        {
            case "Bounce" or "SpamComplaint" when !string.IsNullOrWhiteSpace(f.BounceId):
                return f.RecordType + ":" + f.BounceId;
            case "Bounce" or "SpamComplaint" or "Delivery" or "Open" or "Click" when !string.IsNullOrEmpty(f.MessageId) && who is not null && when is not null:
                return string.Join(':', f.RecordType, f.MessageId, who, when);
            case "SubscriptionChange" when !string.IsNullOrEmpty(f.MessageStream) && who is not null && when is not null:
                return string.Join(':', f.RecordType, f.MessageStream, who, when);
            default:
                return null;
        }
    }

    private string? CampaignOf(Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        foreach (var (key, value) in metadata)
        {
            if (string.Equals(key, campaignIdMetadataKey, StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }

    // Postmark writes ISO 8601 times, in UTC ("2019-11-05T16:33:54.9070259Z") or with an offset.
    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value) ? value.ToUniversalTime() : null;

    private static string? First(string? a, string? b) => !string.IsNullOrWhiteSpace(a) ? a : !string.IsNullOrWhiteSpace(b) ? b : null;

    internal sealed class Fields
    {
        public string? RecordType;
        public string? BounceId;
        public string? Type;
        public string? MessageId;
        public string? Recipient;
        public string? Email;
        public string? Tag;
        public string? MessageStream;
        public string? At;
        public string? Details;
        public string? Description;
        public string? UserAgent;
        public string? OriginalLink;
        public bool? SuppressSending;
        public string? SuppressionReason;
        public string? Ip;
        public Dictionary<string, string>? Metadata;
    }
}
