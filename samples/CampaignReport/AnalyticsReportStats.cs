using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignReportSample;

/// <summary>
/// Where the report's numbers come from, and the only class that knows: the SDK's campaign analytics
/// (<c>AddCampaignAnalytics()</c>), fed the recorded events file as it is through
/// <see cref="CampaignAnalytics.RecordJsonLinesAsync"/>, and read back through the instance's
/// <see cref="ICampaignStatsClient"/>.
/// </summary>
/// <remarks>
/// The engine does all the counting: each event once however often it arrived (by provider and event id, and a send,
/// delivery or bounce once per message and recipient), in the hour it happened whatever order it came in, sends from the
/// vendor's <c>processed</c> events, and machine opens and clicks apart from people's. This class hands it the file and
/// nothing else; any other <see cref="ICampaignStatsClient"/> (a vendor's statistics) could take its place, since the
/// report only reads <see cref="Stats"/>.
/// </remarks>
internal sealed class AnalyticsReportStats : IAsyncDisposable
{
    /// <summary>The campaign analytics instance's name: its keyed services and its configuration section
    /// (<c>Martech:Campaigns:Analytics</c>).</summary>
    public const string InstanceName = "Analytics";

    private readonly ServiceProvider _services;

    private AnalyticsReportStats(ServiceProvider services, ICampaignStatsClient stats, CampaignAnalyticsIngestResult ingested)
    {
        _services = services;
        Stats = stats;
        Ingested = ingested;
    }

    /// <summary>What the report says its numbers are.</summary>
    public static string Description => "the SDK's campaign analytics (AddCampaignAnalytics), fed the recorded events";

    /// <summary>The campaign analytics instance's stats client.</summary>
    public ICampaignStatsClient Stats { get; }

    /// <summary>What the engine did with the file's events: counted, duplicates (redeliveries and facts already
    /// counted), ignored.</summary>
    public CampaignAnalyticsIngestResult Ingested { get; }

    /// <summary>Feeds a file of recorded events (JSON lines) into a new campaign analytics instance.</summary>
    /// <param name="eventsFile">The file.</param>
    /// <param name="clock">The report's clock: "now" for the engine (its dedupe window and the months its breakdowns
    /// list).</param>
    /// <param name="cancellationToken">Stops the feeding.</param>
    /// <exception cref="InvalidDataException">A line is not a valid event; the message names the line.</exception>
    public static async Task<AnalyticsReportStats> LoadAsync(string eventsFile, TimeProvider clock, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddMartech().AddCampaignAnalytics(InstanceName);
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            ICampaignStatsClient stats = provider.GetRequiredKeyedService<ICampaignStatsClient>(InstanceName);
            CampaignAnalytics engine = provider.GetRequiredKeyedService<CampaignAnalytics>(InstanceName);
            await using FileStream file = File.OpenRead(eventsFile);
            CampaignAnalyticsIngestResult ingested = await engine.RecordJsonLinesAsync(file, cancellationToken);
            return new AnalyticsReportStats(provider, stats, ingested);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
