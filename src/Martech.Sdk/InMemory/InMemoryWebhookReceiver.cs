namespace Martech.Sdk;

/// <summary>The in-memory provider's <see cref="IWebhookReceiver"/>: verifies Standard Webhooks signatures and reads the
/// body as events written by <see cref="MartechEventSerializer"/>, which arrive as the receiving instance's.</summary>
internal sealed class InMemoryWebhookReceiver(MartechProviderMetadata metadata, InMemoryWebhookOptions options, string configurationPath, TimeProvider? timeProvider)
    : StandardWebhookReceiver(metadata, options, configurationPath, timeProvider)
{
    protected override WebhookReceiveResult Map(WebhookRequest request)
    {
        IReadOnlyList<MartechEvent> events = MartechEventSerializer.DeserializeArray(request.Body.Span);
        var received = new MartechEvent[events.Count];
        for (int i = 0; i < received.Length; i++)
        {
            received[i] = events[i] with { Provider = Metadata.Name };
        }

        return new WebhookReceiveResult(received);
    }
}
