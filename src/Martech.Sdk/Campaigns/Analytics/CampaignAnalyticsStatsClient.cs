namespace Martech.Sdk;

/// <summary>A campaign analytics instance's <see cref="ICampaignStatsClient"/>: stats computed by its
/// <see cref="CampaignAnalytics"/> (which <c>GetService</c> returns). Any campaign id is known: one with nothing recorded
/// has zeros.</summary>
internal sealed class CampaignAnalyticsStatsClient(MartechProviderMetadata metadata, CampaignAnalytics analytics) : ICampaignStatsClient
{
    public Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(analytics.GetStats(campaignId, options));
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(MartechProviderMetadata) ? metadata
            : serviceType.IsInstanceOfType(analytics) ? analytics
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }
}
