using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Testing;

public sealed partial class MailgunEmulator
{
    private string _webhookSigningKey = "key-" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>Gets or sets the HTTP webhook signing key the emulator signs with; configure the same value as
    /// <c>Martech:Mailgun:Webhooks:SigningKey</c>.</summary>
    /// <value>The default value is a random <c>key-…</c> made when the emulator is created.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string WebhookSigningKey
    {
        get => Volatile.Read(ref _webhookSigningKey);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _webhookSigningKey, value);
        }
    }

    private void QueueWebhooks(MailgunReceivedMessage message)
    {
        if (Webhooks.Url is null)
        {
            return;
        }

        var requests = new List<(string, Func<DateTimeOffset, WebhookCallback>)>();
        foreach (string recipient in message.RecipientAddresses.Distinct(StringComparer.Ordinal))
        {
            foreach (SimulatedEmailEvent simulated in EmailEventSimulation.Plan(Webhooks, recipient, message.ReceivedAt, message.Html, message.Text))
            {
                byte[] eventData = EventData(message, simulated);
                requests.Add(($"{simulated.Type} {recipient}", at => Signed(eventData, at)));
            }
        }

        QueueWebhooks(requests);
    }

    // Signed as Mailgun documents it, written here independently of the SDK's verifier: a new timestamp and 50-character
    // token for every post, and the lowercase hex HMAC-SHA256 of the two with the signing key.
    private WebhookCallback Signed(byte[] eventData, DateTimeOffset at)
    {
        string timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string token = RandomNumberGenerator.GetHexString(50, lowercase: true);
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSigningKey), Encoding.UTF8.GetBytes(timestamp + token));
        var buffer = new ArrayBufferWriter<byte>(eventData.Length + 192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("signature");
            json.WriteString("timestamp", timestamp);
            json.WriteString("token", token);
            json.WriteString("signature", Convert.ToHexStringLower(mac));
            json.WriteEndObject();
            json.WritePropertyName("event-data");
            json.WriteRawValue(eventData, skipInputValidation: true);
            json.WriteEndObject();
        }

        return new(buffer.WrittenSpan.ToArray(), "application/json", []);
    }

    private static byte[] EventData(MailgunReceivedMessage message, SimulatedEmailEvent simulated)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", EventId(message.MessageId, simulated.Recipient, simulated.Sequence));
            json.WriteNumber("timestamp", Math.Round(simulated.OccurredAt.ToUnixTimeMilliseconds() / 1000.0, 3));
            json.WriteString("event", EventName(simulated.Type));
            json.WriteString("log-level", simulated.Type == EmailEventType.Bounced ? "error" : simulated.Type == EmailEventType.SpamReport ? "warn" : "info");
            json.WriteString("recipient", simulated.Recipient);
            json.WriteString("recipient-domain", simulated.Recipient[(simulated.Recipient.IndexOf('@', StringComparison.Ordinal) + 1)..]);
            json.WriteStartArray("tags");
            foreach (string tag in message.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteStartArray("campaigns");
            json.WriteEndArray();
            json.WriteStartObject("user-variables");
            foreach (var (name, value) in message.Variables)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("flags");
            json.WriteBoolean("is-authenticated", true);
            json.WriteBoolean("is-test-mode", message.TestMode);
            json.WriteEndObject();
            json.WriteStartObject("envelope");
            json.WriteString("sender", message.FromAddress);
            json.WriteString("targets", simulated.Recipient);
            json.WriteString("transport", simulated.Type == EmailEventType.Processed ? string.Empty : "smtp");
            json.WriteEndObject();
            json.WriteStartObject("message");
            json.WriteStartObject("headers");
            json.WriteString("to", string.Join(", ", message.To));
            json.WriteString("message-id", message.MessageId);
            json.WriteString("from", message.From);
            json.WriteString("subject", message.Subject ?? string.Empty);
            json.WriteEndObject();
            json.WriteEndObject();
            WriteDetails(json, simulated);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteDetails(Utf8JsonWriter json, SimulatedEmailEvent simulated)
    {
        if (simulated.Type == EmailEventType.Processed)
        {
            json.WriteString("method", "HTTP");
        }
        else if (simulated.Type == EmailEventType.Delivered)
        {
            json.WriteStartObject("delivery-status");
            json.WriteNumber("code", 250);
            json.WriteString("message", "OK");
            json.WriteString("description", string.Empty);
            json.WriteNumber("attempt-no", 1);
            json.WriteBoolean("tls", true);
            json.WriteEndObject();
        }
        else if (simulated.Type == EmailEventType.Bounced)
        {
            json.WriteString("severity", "permanent");
            json.WriteString("reason", "bounce");
            json.WriteStartObject("delivery-status");
            json.WriteNumber("code", 550);
            json.WriteString("message", "5.1.1 The email account that you tried to reach does not exist.");
            json.WriteString("description", string.Empty);
            json.WriteString("bounce-code", "5.1.1");
            json.WriteNumber("attempt-no", 1);
            json.WriteEndObject();
        }
        else if (simulated.Type == EmailEventType.Opened || simulated.Type == EmailEventType.Clicked || simulated.Type == EmailEventType.Unsubscribed)
        {
            json.WriteString("ip", simulated.Machine ? "17.58.100.1" : "203.0.113.7");
            json.WriteStartObject("client-info");
            json.WriteString("client-type", simulated.Machine ? "unknown" : "browser");
            json.WriteString("client-os", simulated.Machine ? "unknown" : "macOS");
            json.WriteString("device-type", simulated.Machine ? "unknown" : "desktop");
            json.WriteString("client-name", simulated.Machine ? "unknown" : "Safari");
            json.WriteString("user-agent", simulated.Machine ? "Mozilla/5.0" : "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15");
            json.WriteString("bot", simulated.Machine ? "apple" : string.Empty);
            json.WriteEndObject();
            if (simulated.Url is { } url)
            {
                json.WriteString("url", url.AbsoluteUri);
            }
        }
    }

    // Mailgun event ids are 22 URL-safe characters; these are derived from the message, recipient and event, so every
    // redelivery of an event carries the same one.
    private static string EventId(string messageId, string recipient, int sequence)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}\n{recipient}\n{sequence}")), hash);
        return Base64Url.EncodeToString(hash[..16]);
    }

    private static string EventName(EmailEventType type) =>
        type == EmailEventType.Processed ? "accepted"
        : type == EmailEventType.Bounced ? "failed"
        : type == EmailEventType.SpamReport ? "complained"
        : type.Value;
}
