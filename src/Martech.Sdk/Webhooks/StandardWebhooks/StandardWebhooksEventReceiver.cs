using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>The receiver of <c>AddStandardWebhooks()</c>: verifies the Standard Webhooks signature and delivers the
/// payload as one <see cref="RawEvent"/> whose <see cref="MartechEvent.Id"/> is the <c>webhook-id</c> (redeliveries keep
/// it) and whose <see cref="RawEvent.VendorEventType"/> is the payload's <c>type</c>.</summary>
internal sealed class StandardWebhooksEventReceiver(MartechProviderMetadata metadata, StandardWebhookOptions options, string configurationPath, TimeProvider? timeProvider)
    : StandardWebhookReceiver(metadata, options, configurationPath, timeProvider)
{
    protected override WebhookReceiveResult Map(WebhookRequest request)
    {
        string id = MessageIdOf(request);
        DateTimeOffset occurredAt = ParseUnixSeconds(request.Header(StandardWebhookSigner.TimestampHeader)!, "the webhook-timestamp header");
        using JsonDocument document = JsonDocument.Parse(request.Body);
        string type = string.Empty;
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            if (document.RootElement.TryGetProperty("type", out JsonElement typeElement) && typeElement.ValueKind == JsonValueKind.String)
            {
                type = typeElement.GetString()!;
            }

            if (document.RootElement.TryGetProperty("timestamp", out JsonElement at) && at.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                occurredAt = parsed;
            }
        }

        return new WebhookReceiveResult(
        [
            new RawEvent { Id = id, Provider = Metadata.Name, OccurredAt = occurredAt, VendorEventType = type, RawUtf8 = request.Body.ToArray() },
        ]);
    }
}
