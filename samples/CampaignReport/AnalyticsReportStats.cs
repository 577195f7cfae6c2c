using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignReportSample;

/// <summary>
/// Where the report's numbers come from, and the only class that knows: the SDK's campaign analytics
/// (<c>AddCampaignAnalytics()</c>), fed the recorded events file as it is through
/// <see cref="CampaignAnalytics.RecordJsonLinesAsync"/>, and read back through the instance's
/// <see cref="ICampaignStatsClient"/>; and the SMART goals of the configuration (<c>Martech:Campaigns:Goals</c>,
/// <c>AddCampaignGoals()</c>), which read the same client.
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

    private AnalyticsReportStats(ServiceProvider services, ICampaignStatsClient stats, CampaignGoals goals, CampaignAnalyticsIngestResult ingested)
    {
        _services = services;
        Stats = stats;
        Goals = goals;
        Ingested = ingested;
    }

    /// <summary>What the report says its numbers are.</summary>
    public static string Description => "the SDK's campaign analytics (AddCampaignAnalytics), fed the recorded events";

    /// <summary>The campaign analytics instance's stats client.</summary>
    public ICampaignStatsClient Stats { get; }

    /// <summary>The configured goals, evaluated on the report's clock from <see cref="Stats"/>.</summary>
    public CampaignGoals Goals { get; }

    /// <summary>What the engine did with the file's events: counted, duplicates (redeliveries and facts already
    /// counted), ignored.</summary>
    public CampaignAnalyticsIngestResult Ingested { get; }

    /// <summary>Builds the campaign analytics instance and the goals from the configuration, checks them as a host's
    /// start would, and feeds the file of recorded events (JSON lines) into the engine.</summary>
    /// <param name="configuration">The configuration holding the <c>Martech</c> section.</param>
    /// <param name="eventsFile">The file.</param>
    /// <param name="clock">The report's clock: "now" for the engine (its dedupe window and the months its breakdowns
    /// list) and for the goals.</param>
    /// <param name="cancellationToken">Stops the feeding.</param>
    /// <exception cref="OptionsValidationException">The configuration is not valid; each failure names its path.</exception>
    /// <exception cref="InvalidDataException">A line is not a valid event; the message names the line.</exception>
    public static async Task<AnalyticsReportStats> LoadAsync(IConfiguration configuration, string eventsFile, TimeProvider clock, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddCampaignAnalytics(InstanceName);
        martech.AddCampaignGoals();
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            ICampaignStatsClient stats = provider.GetRequiredKeyedService<ICampaignStatsClient>(InstanceName);
            CampaignAnalytics engine = provider.GetRequiredKeyedService<CampaignAnalytics>(InstanceName);
            await using FileStream file = File.OpenRead(eventsFile);
            CampaignAnalyticsIngestResult ingested = await engine.RecordJsonLinesAsync(file, cancellationToken);
            return new AnalyticsReportStats(provider, stats, provider.GetRequiredService<CampaignGoals>(), ingested);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
