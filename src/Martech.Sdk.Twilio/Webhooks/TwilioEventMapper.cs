using System.Security.Cryptography;

namespace Martech.Sdk.Twilio;

/// <summary>
/// Maps the parameters of one Twilio Messaging webhook to an event.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A status callback (<c>MessageSid</c> and <c>MessageStatus</c>, or the older <c>SmsSid</c>/<c>SmsStatus</c>, and
/// no <c>Body</c>) becomes a <see cref="MessageStatusEvent"/> with <see cref="MartechEvent.Id"/>
/// <c>MessageSid:MessageStatus</c>: Twilio posts one callback per status, so the pair names the event, and a redelivered
/// callback of the same status has the same id.</item>
/// <item>An incoming message (<c>Body</c> present, no status other than <c>received</c>, with <c>MessageSid</c> (or
/// <c>SmsMessageSid</c>), <c>From</c> and <c>To</c>) becomes a <see cref="MessageReceivedEvent"/> with id
/// <c>MessageSid</c>. The conversation is the receiving number, or a channel (<c>whatsapp:+1…</c>, a short code) when
/// <c>To</c> is not an E.164 number.</item>
/// <item>Anything else (a voice call, a Conversations event, a status without a sid) becomes a <see cref="RawEvent"/>
/// keyed <c>sid:status</c> when it has both, else <c>sha256:</c> of its raw JSON.</item>
/// </list>
/// Twilio puts no time in these webhooks, so <see cref="MartechEvent.OccurredAt"/> is when the request was received.
/// </remarks>
internal static class TwilioEventMapper
{
    public static MartechEvent Map(IReadOnlyList<KeyValuePair<string, string>> fields, ReadOnlyMemory<byte> raw, string provider, DateTimeOffset receivedAt)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            values.TryAdd(key, value);
        }

        string? Get(string name) => values.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? WebhookText.Clean(value) : null;

        string? sid = Get("MessageSid") ?? Get("SmsMessageSid") ?? Get("SmsSid");
        string? messageStatus = Get("MessageStatus");
        string? smsStatus = Get("SmsStatus");
        string? to = Get("To");
        string? from = Get("From");
        bool received = values.ContainsKey("Body") && IsReceivedOrNone(messageStatus) && IsReceivedOrNone(smsStatus);

        if (received && sid is not null && from is not null && to is not null && ConversationOf(to) is { } conversation)
        {
            return new MessageReceivedEvent
            {
                Id = sid,
                Provider = provider,
                OccurredAt = receivedAt,
                Conversation = conversation,
                From = from,
                Text = WebhookText.Clean(values["Body"]),
                MessageId = sid,
                Phone = from,
                RawUtf8 = raw,
            };
        }

        string? status = messageStatus ?? smsStatus;
        if (!received && sid is not null && status is not null)
        {
            return new MessageStatusEvent
            {
                Id = $"{sid}:{status}",
                Provider = provider,
                OccurredAt = receivedAt,
                MessageId = sid,
                Status = MessageDeliveryStatus.Create(status),
                To = to,
                Phone = to,
                ErrorCode = Get("ErrorCode"),
                ErrorMessage = Get("ErrorMessage"),
                RawUtf8 = raw,
            };
        }

        string? anySid = sid ?? Get("CallSid") ?? Get("ConversationSid") ?? Get("Sid");
        string? anyStatus = status ?? Get("CallStatus") ?? Get("EventType");
        return new RawEvent
        {
            Id = anySid is not null && anyStatus is not null ? $"{anySid}:{anyStatus}" : WebhookJson.ContentKey(raw.Span),
            Provider = provider,
            OccurredAt = receivedAt,
            VendorEventType = Get("EventType") ?? status ?? Get("CallStatus") ?? string.Empty,
            Phone = from ?? to,
            RawUtf8 = raw,
        };
    }

    private static bool IsReceivedOrNone(string? status) => status is null || string.Equals(status, "received", StringComparison.OrdinalIgnoreCase);

    private static MessageDestination? ConversationOf(string to)
    {
        if (PhoneNumber.TryParse(to, out PhoneNumber number) && number.Value == to.Trim())
        {
            return MessageDestination.Phone(number);
        }

        // whatsapp:+1…, a short code, or another channel address: kept as Twilio wrote it.
        return to.AsSpan().ContainsAny('\r', '\n') ? null : MessageDestination.Channel(to);
    }
}
