namespace Martech.Sdk;

/// <summary>A campaign stats client that forwards every call to an inner client; middleware derives from it.</summary>
public class DelegatingCampaignStatsClient : ICampaignStatsClient
{
    /// <summary>Creates a client that forwards to <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    protected DelegatingCampaignStatsClient(ICampaignStatsClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        InnerClient = innerClient;
    }

    /// <summary>The client calls are forwarded to.</summary>
    protected ICampaignStatsClient InnerClient { get; }

    /// <inheritdoc />
    public virtual Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.GetStatsAsync(campaignId, options, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerClient.GetService(serviceType, serviceKey);
    }
}
