namespace Martech.Sdk;

/// <summary>A campaign client that forwards every call to an inner client; middleware derives from it.</summary>
public class DelegatingCampaignClient : ICampaignClient
{
    /// <summary>Creates a client that forwards to <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    protected DelegatingCampaignClient(ICampaignClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        InnerClient = innerClient;
    }

    /// <summary>The client calls are forwarded to.</summary>
    protected ICampaignClient InnerClient { get; }

    /// <inheritdoc />
    public virtual Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        InnerClient.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public virtual AsyncPageable<Campaign> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.ListAsync(options, cancellationToken);

    /// <inheritdoc />
    public virtual Task<BulkResult<CampaignMember>> AddMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.AddMembersAsync(campaignId, contactIds, options, cancellationToken);

    /// <inheritdoc />
    public virtual Task<BulkResult<CampaignMember>> RemoveMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.RemoveMembersAsync(campaignId, contactIds, options, cancellationToken);

    /// <inheritdoc />
    public virtual AsyncPageable<CampaignMember> ListMembersAsync(string campaignId, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.ListMembersAsync(campaignId, options, cancellationToken);

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
