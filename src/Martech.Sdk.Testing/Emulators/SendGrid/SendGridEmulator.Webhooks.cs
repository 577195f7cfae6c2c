using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Testing;

public sealed partial class SendGridEmulator
{
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Gets the verification key to configure as <c>Martech:SendGrid:Webhooks:PublicKey</c>.</summary>
    public string WebhookPublicKey => Convert.ToBase64String(_signingKey.ExportSubjectPublicKeyInfo());

    /// <summary>Gets the private key the emulator signs with (Base64 PKCS #8), for tests that sign their own requests.</summary>
    public string WebhookPrivateKey => Convert.ToBase64String(_signingKey.ExportPkcs8PrivateKey());

    private void QueueWebhooks(IReadOnlyList<SendGridEmulatorMessage> messages)
    {
        if (Webhooks.Url is null)
        {
            return;
        }

        var requests = new List<(string, Func<DateTimeOffset, WebhookCallback>)>();
        foreach (SendGridEmulatorMessage message in messages)
        {
            int recipientIndex = 0;
            foreach (string recipient in message.Recipients)
            {
                int index = recipientIndex++;
                foreach (SimulatedEmailEvent simulated in EmailEventSimulation.Plan(Webhooks, recipient, message.AcceptedAt, message.Html, message.Text))
                {
                    byte[] body = EventBody(message, index, simulated);
                    requests.Add(($"{simulated.Type} {recipient}", at => Signed(body, at)));
                }
            }
        }

        QueueWebhooks(requests);
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore().ConfigureAwait(false);
        _signingKey.Dispose();
    }

    // Signed as SendGrid documents it, written here independently of the SDK's verifier: ECDSA P-256 over SHA-256 of
    // the timestamp's text followed by the body bytes, the DER signature in Base64.
    private WebhookCallback Signed(byte[] body, DateTimeOffset at)
    {
        string timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp), .. body];
        string signature = Convert.ToBase64String(_signingKey.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        return new(body, "application/json", [new("X-Twilio-Email-Event-Webhook-Signature", signature), new("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)]);
    }

    private static byte[] EventBody(SendGridEmulatorMessage message, int recipientIndex, SimulatedEmailEvent simulated)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("email", simulated.Recipient);
            json.WriteNumber("timestamp", simulated.OccurredAt.ToUnixTimeSeconds());
            json.WriteString("event", EventName(simulated.Type));
            json.WriteString("sg_event_id", string.Create(CultureInfo.InvariantCulture, $"{message.MessageId}-{message.PersonalizationIndex}-{recipientIndex}-{simulated.Sequence}"));
            json.WriteString("sg_message_id", string.Create(CultureInfo.InvariantCulture, $"{message.MessageId}.filter0001.{message.PersonalizationIndex}.{recipientIndex}.0"));
            json.WriteString("smtp-id", $"<{message.MessageId}@emulator>");
            if (message.Categories.Count > 0)
            {
                json.WriteStartArray("category");
                foreach (string category in message.Categories)
                {
                    json.WriteStringValue(category);
                }

                json.WriteEndArray();
            }

            foreach (var (key, value) in message.CustomArgs)
            {
                json.WriteString(key, value);
            }

            if (message.UnsubscribeGroupId is { } group)
            {
                json.WriteNumber("asm_group_id", group);
            }

            if (simulated.Type == EmailEventType.Bounced)
            {
                json.WriteString("type", "bounce");
                json.WriteString("status", "5.1.1");
                json.WriteString("reason", "550 5.1.1 The email account that you tried to reach does not exist.");
            }
            else if (simulated.Type == EmailEventType.Delivered)
            {
                json.WriteString("response", "250 OK");
            }
            else if (simulated.Type == EmailEventType.Opened || simulated.Type == EmailEventType.Clicked)
            {
                json.WriteBoolean("sg_machine_open", simulated.Machine);
                json.WriteString("useragent", simulated.Machine ? "Mozilla/5.0" : "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15");
                json.WriteString("ip", simulated.Machine ? "17.58.100.1" : "203.0.113.7");
                if (simulated.Url is { } url)
                {
                    json.WriteString("url", url.AbsoluteUri);
                }
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        return stream.ToArray();
    }

    private static string EventName(EmailEventType type) =>
        type == EmailEventType.Bounced ? "bounce"
        : type == EmailEventType.Opened ? "open"
        : type == EmailEventType.Clicked ? "click"
        : type == EmailEventType.Unsubscribed ? "unsubscribe"
        : type.Value;
}
