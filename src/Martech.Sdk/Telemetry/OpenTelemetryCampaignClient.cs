namespace Martech.Sdk;

/// <summary>Traces and times each campaign call (<c>campaigns.get</c>, …).</summary>
public sealed class OpenTelemetryCampaignClient : DelegatingCampaignClient
{
    private readonly TelemetryPipeline _telemetry;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="provider">The provider instance name tagged on every activity and measurement.</param>
    public OpenTelemetryCampaignClient(ICampaignClient innerClient, string provider)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _telemetry = new TelemetryPipeline(provider);
    }

    /// <inheritdoc />
    public override Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("campaigns.get", (InnerClient, id), static (s, ct) => s.InnerClient.GetAsync(s.id, ct), cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<Campaign> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.Wrap("campaigns.list", InnerClient.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<BulkResult<CampaignMember>> AddMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("campaigns.add_members", (InnerClient, campaignId, contactIds, options), static (s, ct) => s.InnerClient.AddMembersAsync(s.campaignId, s.contactIds, s.options, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<CampaignMember>> RemoveMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("campaigns.remove_members", (InnerClient, campaignId, contactIds, options), static (s, ct) => s.InnerClient.RemoveMembersAsync(s.campaignId, s.contactIds, s.options, ct), cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<CampaignMember> ListMembersAsync(string campaignId, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.Wrap("campaigns.list_members", InnerClient.ListMembersAsync(campaignId, options, cancellationToken));

    /// <inheritdoc />
    public override Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("campaigns.stats", (InnerClient, campaignId, options), static (s, ct) => s.InnerClient.GetStatsAsync(s.campaignId, s.options, ct), cancellationToken);
}
