using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Logs each campaign stats call of a stats-only provider: Debug with timing, Error on failure, the stats only
/// at Trace.</summary>
public sealed class LoggingCampaignStatsClient : DelegatingCampaignStatsClient
{
    private readonly LoggingPipeline _log;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="provider">The provider instance name written with every entry.</param>
    public LoggingCampaignStatsClient(ICampaignStatsClient innerClient, ILogger logger, string provider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _log = new LoggingPipeline(logger, provider);
    }

    /// <inheritdoc />
    public override Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("GetCampaignStats", (InnerClient, campaignId, options), static (s, ct) => s.InnerClient.GetStatsAsync(s.campaignId, s.options, ct), static s => s.campaignId, LoggingPayloads.Of, cancellationToken);
}
