using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Testing;

public sealed partial class PostmarkEmulator
{
    private const int ServerId = 4509041;
    private string _webhookUsername = "postmark-emulator";
    private string _webhookPassword = RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>Gets or sets the HTTP Basic user name the emulator's webhooks carry; configure the same value as
    /// <c>Martech:Postmark:Webhooks:Username</c>.</summary>
    /// <value>The default value is <c>postmark-emulator</c>.</value>
    /// <exception cref="ArgumentException">Set to an empty value or one with a colon.</exception>
    public string WebhookUsername
    {
        get => Volatile.Read(ref _webhookUsername);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            if (value.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException("An HTTP Basic user name cannot contain a colon.", nameof(value));
            }

            Volatile.Write(ref _webhookUsername, value);
        }
    }

    /// <summary>Gets or sets the HTTP Basic password the emulator's webhooks carry; configure the same value as
    /// <c>Martech:Postmark:Webhooks:Password</c>.</summary>
    /// <value>The default value is a random one made when the emulator is created.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string WebhookPassword
    {
        get => Volatile.Read(ref _webhookPassword);
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            Volatile.Write(ref _webhookPassword, value);
        }
    }

    private void QueueWebhooks(PostmarkEmulatedEmail email)
    {
        if (Webhooks.Url is null)
        {
            return;
        }

        string? html = Property(email.Json, "HtmlBody");
        string? text = Property(email.Json, "TextBody");
        bool opens = !(email.Json.TryGetProperty("TrackOpens", out JsonElement trackOpens) && trackOpens.ValueKind == JsonValueKind.False);
        bool clicks = !string.Equals(Property(email.Json, "TrackLinks"), "None", StringComparison.Ordinal);
        var requests = new List<(string, Func<DateTimeOffset, WebhookCallback>)>();
        foreach (EmailAddress recipient in email.Recipients)
        {
            foreach (SimulatedEmailEvent simulated in EmailEventSimulation.Plan(Webhooks, recipient.Value, email.SubmittedAt, html, text))
            {
                if (simulated.Type == EmailEventType.Processed
                    || (simulated.Type == EmailEventType.Opened && !opens)
                    || (simulated.Type == EmailEventType.Clicked && !clicks))
                {
                    continue;
                }

                byte[] body = Record(email, simulated);
                requests.Add(($"{simulated.Type} {recipient.Value}", _ => Authorized(body)));
            }
        }

        QueueWebhooks(requests);
    }

    // Postmark sends the webhook's Basic auth credentials; written here independently of the SDK.
    private WebhookCallback Authorized(byte[] body) =>
        new(body, "application/json", [new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(WebhookUsername + ":" + WebhookPassword)))]);

    private static byte[] Record(PostmarkEmulatedEmail email, SimulatedEmailEvent simulated)
    {
        string at = simulated.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (simulated.Type == EmailEventType.Delivered)
            {
                json.WriteString("RecordType", "Delivery");
                Common(json, email);
                json.WriteString("Recipient", simulated.Recipient);
                json.WriteString("DeliveredAt", at);
                json.WriteString("Details", "smtp;250 2.0.0 OK");
            }
            else if (simulated.Type == EmailEventType.Bounced || simulated.Type == EmailEventType.SpamReport)
            {
                bool bounce = simulated.Type == EmailEventType.Bounced;
                json.WriteString("RecordType", bounce ? "Bounce" : "SpamComplaint");
                Common(json, email);
                json.WriteNumber("ID", BounceId(email.MessageId, simulated.Recipient, simulated.Sequence));
                json.WriteString("Type", bounce ? "HardBounce" : "SpamComplaint");
                json.WriteNumber("TypeCode", bounce ? 1 : 100001);
                json.WriteString("Name", bounce ? "Hard bounce" : "Spam complaint");
                json.WriteString("Description", bounce ? "The server was unable to deliver your message (ex: unknown user, mailbox not found)." : "The subscriber explicitly marked this message as spam.");
                json.WriteString("Details", bounce ? "smtp;550 5.1.1 The email account that you tried to reach does not exist." : string.Empty);
                json.WriteString("Email", simulated.Recipient);
                json.WriteString("From", email.From.Value);
                json.WriteString("BouncedAt", at);
                json.WriteBoolean("DumpAvailable", false);
                json.WriteBoolean("Inactive", true);
                json.WriteBoolean("CanActivate", bounce);
                json.WriteString("Subject", email.Subject ?? string.Empty);
            }
            else if (simulated.Type == EmailEventType.Opened || simulated.Type == EmailEventType.Clicked)
            {
                bool open = simulated.Type == EmailEventType.Opened;
                json.WriteString("RecordType", open ? "Open" : "Click");
                Common(json, email);
                json.WriteString("Recipient", simulated.Recipient);
                json.WriteString("ReceivedAt", at);
                if (open)
                {
                    json.WriteBoolean("FirstOpen", true);
                    json.WriteNumber("ReadSeconds", simulated.Machine ? 0 : 7);
                }
                else
                {
                    json.WriteString("ClickLocation", "HTML");
                    json.WriteString("OriginalLink", simulated.Url?.AbsoluteUri ?? string.Empty);
                }

                json.WriteString("Platform", simulated.Machine ? "Unknown" : "Desktop");
                json.WriteString("UserAgent", simulated.Machine ? "Mozilla/5.0" : "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15");
                ClientDetails(json, "Client", simulated.Machine ? "Unknown" : "Safari 17.1", simulated.Machine ? "Unknown" : "Apple Inc.", simulated.Machine ? "Unknown" : "Safari");
                ClientDetails(json, "OS", simulated.Machine ? "Unknown" : "macOS 14", simulated.Machine ? "Unknown" : "Apple Inc.", simulated.Machine ? "Unknown" : "macOS");
                json.WriteStartObject("Geo");
                json.WriteString("IP", simulated.Machine ? "17.58.100.1" : "203.0.113.7");
                json.WriteEndObject();
            }
            else
            {
                // Unsubscribed: the recipient used the stream's unsubscribe link.
                json.WriteString("RecordType", "SubscriptionChange");
                Common(json, email);
                json.WriteString("Recipient", simulated.Recipient);
                json.WriteString("ChangedAt", at);
                json.WriteString("Origin", "Recipient");
                json.WriteBoolean("SuppressSending", true);
                json.WriteString("SuppressionReason", "ManualSuppression");
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Common(Utf8JsonWriter json, PostmarkEmulatedEmail email)
    {
        json.WriteNumber("ServerID", ServerId);
        json.WriteString("MessageStream", email.MessageStream);
        json.WriteString("MessageID", email.MessageId);
        if (email.Tag is { } tag)
        {
            json.WriteString("Tag", tag);
        }
        else
        {
            json.WriteNull("Tag");
        }

        json.WriteStartObject("Metadata");
        foreach (var (key, value) in email.Metadata)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static void ClientDetails(Utf8JsonWriter json, string property, string name, string company, string family)
    {
        json.WriteStartObject(property);
        json.WriteString("Name", name);
        json.WriteString("Company", company);
        json.WriteString("Family", family);
        json.WriteEndObject();
    }

    // Postmark's bounce IDs are positive 64-bit numbers; these are derived from the message, recipient and event, so a
    // redelivered record carries the same one.
    private static long BounceId(string messageId, string recipient, int sequence)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}\n{recipient}\n{sequence}")), hash);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) & long.MaxValue);
    }

    private static string? Property(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
