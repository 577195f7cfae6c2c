namespace Martech.Sdk;

/// <summary>Feeds the webhook inbox's events to a <see cref="CampaignAnalytics"/> (registered by
/// <c>AddCampaignAnalytics()</c>): email events and SMS statuses of the configured providers. The engine recognises a
/// redelivery itself, so the inbox's at-least-once dispatch counts each event once.</summary>
internal sealed class CampaignAnalyticsEventHandler(CampaignAnalytics analytics, CampaignAnalyticsOptions options) : IMartechEventHandler<MartechEvent>
{
    public Task HandleAsync(MartechEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        if (options.CountWebhookEvents
            && martechEvent is EmailEvent or MessageStatusEvent
            && (options.Providers.Count == 0 || options.Providers.Contains(martechEvent.Provider, StringComparer.OrdinalIgnoreCase)))
        {
            analytics.Record(martechEvent);
        }

        return Task.CompletedTask;
    }
}
