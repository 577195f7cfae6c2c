namespace Martech.Sdk;

/// <summary>Traces and times each campaign stats call of a stats-only provider (<c>campaigns.stats</c>, the same
/// operation name a campaign client's stats call has).</summary>
public sealed class OpenTelemetryCampaignStatsClient : DelegatingCampaignStatsClient
{
    private readonly TelemetryPipeline _telemetry;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="provider">The provider instance name tagged on every activity and measurement.</param>
    public OpenTelemetryCampaignStatsClient(ICampaignStatsClient innerClient, string provider)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _telemetry = new TelemetryPipeline(provider);
    }

    /// <inheritdoc />
    public override Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("campaigns.stats", (InnerClient, campaignId, options), static (s, ct) => s.InnerClient.GetStatsAsync(s.campaignId, s.options, ct), cancellationToken);
}
