using System.Diagnostics.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using static Martech.Sdk.Testing.Conformance.ConformanceHelpers;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="ICampaignStatsClient"/>: what every stats source promises, whether it counts
/// events, reads a CRM's campaign members or a vendor's statistics API. A provider is done when its derived class passes.
/// </summary>
/// <remarks>
/// <para>Derive a public class in a test project and override three hooks: <see cref="CreateClientAsync"/> returns a fresh
/// client of the provider under test with nothing sent; <see cref="SeedCampaignAsync"/> returns the id of a campaign that
/// has reached nobody yet (a new campaign record, or a tag or category never used); <see cref="ReachAsync"/> makes the
/// campaign reach recipients now, the way the provider learns of it (sending through the provider's email sender with the
/// campaign as the tag, or adding the recipients as campaign members). Set <see cref="KeepsCampaignRecords"/> and
/// <see cref="SupportsBreakdown"/> to what the provider documents.</para>
/// <para>Periods are whole UTC days around today, so they also suit vendors that count whole days in their own time
/// zone. Only what every source shares is checked: a count the source does not report reads 0 and rates over it are
/// <see langword="null"/>; reported counts are consistent (unique at most total, a breakdown that adds up to the
/// totals).</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class CampaignStatsClientConformanceTests : ConformanceSuite
{
    // Counts that add up across a breakdown (unique counts do not: a recipient can be unique on two days).
    private static readonly CampaignMetric[] Additive =
    [
        CampaignMetric.Sent, CampaignMetric.Delivered, CampaignMetric.Dropped, CampaignMetric.Bounces, CampaignMetric.TotalOpens,
        CampaignMetric.TotalClicks, CampaignMetric.Unsubscribes, CampaignMetric.SpamReports,
    ];

    private static readonly CampaignMetric[] Counts =
    [
        CampaignMetric.Sent, CampaignMetric.UniqueRecipients, CampaignMetric.Delivered, CampaignMetric.Dropped, CampaignMetric.Bounces,
        CampaignMetric.TotalOpens, CampaignMetric.UniqueOpens, CampaignMetric.TotalClicks, CampaignMetric.UniqueClicks,
        CampaignMetric.Unsubscribes, CampaignMetric.SpamReports,
    ];

    private ICampaignStatsClient? _client;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the provider record why; optional.</param>
    protected CampaignStatsClientConformanceTests(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>The client under test, created for this test by <see cref="CreateClientAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected ICampaignStatsClient Client => _client ?? throw new InvalidOperationException("The client is created in InitializeAsync, which has not run.");

    /// <summary>Whether the provider keeps campaign records, so that stats of an unknown campaign throw
    /// <see cref="MartechNotFoundException"/>; otherwise (categories and tags) they read as zeros. The default value is
    /// <see langword="false"/>.</summary>
    protected virtual bool KeepsCampaignRecords => false;

    /// <summary>Whether the provider splits a period by day and by month; when not, asking for a breakdown throws
    /// <see cref="NotSupportedException"/> before any request. The default value is <see langword="true"/>.</summary>
    protected virtual bool SupportsBreakdown => true;

    /// <summary>An id in the provider's format that names no campaign. The default value is <c>"999999999"</c>.</summary>
    protected virtual string UnknownId => "999999999";

    /// <summary>Creates a fresh client of the provider under test; called once before each test.</summary>
    /// <returns>The client.</returns>
    protected abstract Task<ICampaignStatsClient> CreateClientAsync();

    /// <summary>Returns the id of a campaign that has reached nobody yet, in the store or vendor behind the client.</summary>
    /// <returns>The campaign id (a campaign record's id, a category or a tag).</returns>
    protected abstract Task<string> SeedCampaignAsync();

    /// <summary>Makes the campaign reach these recipients now, as the provider learns of it.</summary>
    /// <param name="campaignId">The campaign, from <see cref="SeedCampaignAsync"/>.</param>
    /// <param name="recipients">The recipients, each reached once.</param>
    /// <returns>A task that completes when the provider's stats can see them.</returns>
    protected abstract Task ReachAsync(string campaignId, IReadOnlyList<EmailAddress> recipients);

    /// <summary>Creates the client for this test.</summary>
    /// <returns>A task that completes when the client is ready.</returns>
    public override async Task InitializeAsync() =>
        _client = await CreateClientAsync() ?? throw new InvalidOperationException("CreateClientAsync returned null.");

    /// <summary>An empty campaign id is refused with <see cref="ArgumentException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_EmptyCampaignId_ThrowsArgumentException()
    {
        foreach (string? id in (string?[])[null, string.Empty, "   "])
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.GetStatsAsync(id!));
        }
    }

    /// <summary>A period that ends before it starts is refused with <see cref="ArgumentException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_FromAfterTo_ThrowsArgumentException()
    {
        string campaignId = await SeedCampaignAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.GetStatsAsync(campaignId, new CampaignStatsOptions { From = Day(1), To = Day(-1) }));
    }

    /// <summary>A breakdown that is not a defined value is refused with <see cref="ArgumentException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_UndefinedBreakdown_ThrowsArgumentException()
    {
        string campaignId = await SeedCampaignAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.GetStatsAsync(campaignId, new CampaignStatsOptions { Breakdown = (CampaignStatsBreakdown)42 }));
    }

    /// <summary>A campaign that reached nobody reads zero in every count, and every rate is <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_NothingSent_ZerosAndNoRates()
    {
        string campaignId = await SeedCampaignAsync();

        CampaignStats stats = await Client.GetStatsAsync(campaignId, Around(CampaignStatsBreakdown.None));

        Assert.Equal(campaignId, stats.CampaignId);
        Assert.True(Enum.IsDefined(stats.Source));
        Assert.All(Counts, metric => Assert.Equal(0, stats.Count(metric)));
        Assert.All(Rates(stats), rate => Assert.Null(rate.Percent));
        Assert.Empty(stats.Breakdown);
    }

    /// <summary>An unknown campaign throws <see cref="MartechNotFoundException"/> where the provider keeps campaign
    /// records, and reads as zeros where a campaign is a tag or category.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_UnknownCampaign_NotFoundOrZeros()
    {
        if (KeepsCampaignRecords)
        {
            await Assert.ThrowsAnyAsync<MartechNotFoundException>(() => Client.GetStatsAsync(UnknownId));
            return;
        }

        CampaignStats stats = await Client.GetStatsAsync(UnknownId, Around(CampaignStatsBreakdown.None));

        Assert.All(Counts, metric => Assert.Equal(0, stats.Count(metric)));
    }

    /// <summary>After the campaign reached three recipients, the source's send count (sent, else unique recipients) is 3,
    /// and the click-through rate divides by it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_AfterReaching_CountsEachRecipientOnce()
    {
        string campaignId = await SeedCampaignAsync();
        await ReachAsync(campaignId, Recipients(3));

        CampaignStats stats = await Client.GetStatsAsync(campaignId, Around(CampaignStatsBreakdown.None));

        Assert.True(Reports(stats, CampaignMetric.Sent) || Reports(stats, CampaignMetric.UniqueRecipients), "A stats source reports sends or recipients.");
        if (Reports(stats, CampaignMetric.Sent))
        {
            Assert.Equal(3, stats.Sent);
        }

        if (Reports(stats, CampaignMetric.UniqueRecipients))
        {
            Assert.Equal(3, stats.UniqueRecipients);
        }

        Assert.Equal(3, stats.ClickThroughRate.DenominatorValue);
    }

    /// <summary>A count the source does not report reads 0 even after sends, and a rate over it is
    /// <see langword="null"/>; reported unique counts are at most their totals.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_AfterReaching_UnreportedCountsReadZeroAndUniqueAtMostTotal()
    {
        string campaignId = await SeedCampaignAsync();
        await ReachAsync(campaignId, Recipients(3));

        CampaignStats stats = await Client.GetStatsAsync(campaignId, Around(CampaignStatsBreakdown.None));

        Assert.All(Counts.Where(m => !Reports(stats, m)), metric => Assert.Equal(0, stats.Count(metric)));
        Assert.All(Rates(stats).Where(r => !Reports(stats, r.Numerator) || !Reports(stats, r.Denominator)), rate => Assert.Null(rate.Percent));
        if (!Reports(stats, CampaignMetric.BounceKinds))
        {
            Assert.Equal((0, 0, 0), (stats.HardBounces, stats.SoftBounces, stats.BlockedBounces));
        }

        if (!Reports(stats, CampaignMetric.MachineEngagement))
        {
            Assert.Equal((0, 0, 0, 0), (stats.MachineOpens, stats.UniqueMachineOpens, stats.MachineClicks, stats.UniqueMachineClicks));
        }

        if (Reports(stats, CampaignMetric.UniqueOpens | CampaignMetric.TotalOpens))
        {
            Assert.InRange(stats.UniqueOpens, 0, stats.TotalOpens);
        }

        if (Reports(stats, CampaignMetric.UniqueClicks | CampaignMetric.TotalClicks))
        {
            Assert.InRange(stats.UniqueClicks, 0, stats.TotalClicks);
        }
    }

    /// <summary>With no breakdown asked for, <see cref="CampaignStats.Breakdown"/> is empty.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_NoBreakdown_BreakdownIsEmpty()
    {
        string campaignId = await SeedCampaignAsync();
        await ReachAsync(campaignId, Recipients(2));

        CampaignStats stats = await Client.GetStatsAsync(campaignId, Around(CampaignStatsBreakdown.None));

        Assert.Empty(stats.Breakdown);
    }

    /// <summary>By day: one entry a day in time order, each a day long, inside the period, of the same campaign, source
    /// and reported counts, adding up to the totals.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public Task GetStatsAsync_ByDay_EntriesAddUpToTheTotals() =>
        AssertBreakdownAsync(CampaignStatsBreakdown.Day, (from, to) => to - from == TimeSpan.FromDays(1));

    /// <summary>By month: one entry a month in time order, each inside one calendar month and the period, adding up to
    /// the totals.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public Task GetStatsAsync_ByMonth_EntriesAddUpToTheTotals() =>
        AssertBreakdownAsync(CampaignStatsBreakdown.Month, (from, to) => to > from && to - from <= TimeSpan.FromDays(31) && (to.AddTicks(-1).Month == from.Month));

    /// <summary>A period that ended before the campaign reached anyone counts none of it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_EarlierPeriod_CountsNothingOfLaterSends()
    {
        string campaignId = await SeedCampaignAsync();
        await ReachAsync(campaignId, Recipients(2));

        CampaignStats stats = await Client.GetStatsAsync(campaignId, new CampaignStatsOptions { From = Day(-20), To = Day(-10) });

        Assert.Equal((0, 0), (stats.Sent, stats.UniqueRecipients));
    }

    /// <summary>A cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        string campaignId = await SeedCampaignAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetStatsAsync(campaignId, Around(CampaignStatsBreakdown.None), Cancelled));
    }

    /// <summary><see cref="ICampaignStatsClient.GetService"/> names the provider instance and returns the client for its
    /// own interface.</summary>
    [Fact]
    public void GetService_MetadataAndOwnInterface()
    {
        var metadata = Assert.IsType<MartechProviderMetadata>(Client.GetService(typeof(MartechProviderMetadata)));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Name));
        Assert.False(string.IsNullOrWhiteSpace(metadata.ProviderType));
        Assert.IsAssignableFrom<ICampaignStatsClient>(Client.GetService(typeof(ICampaignStatsClient)));
    }

    /// <summary>Midnight UTC <paramref name="days"/> days from today.</summary>
    private static DateTimeOffset Day(int days) => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(days);

    /// <summary>Yesterday to the day after tomorrow (UTC): today in any vendor's time zone, whatever the hour.</summary>
    private static CampaignStatsOptions Around(CampaignStatsBreakdown breakdown) => new() { From = Day(-1), To = Day(2), Breakdown = breakdown };

    private static List<EmailAddress> Recipients(int count) =>
        [.. Enumerable.Range(1, count).Select(i => EmailAddress.Parse($"stats-reader{i}@example.com"))];

    private static bool Reports(CampaignStats stats, CampaignMetric metrics) => (stats.Reported & metrics) == metrics;

    private static CampaignRate[] Rates(CampaignStats stats) =>
        [stats.ClickThroughRate, stats.OpenRate, stats.ClickToOpenRate, stats.DeliveryRate, stats.BounceRate, stats.UnsubscribeRate, stats.SpamReportRate];

    private async Task AssertBreakdownAsync(CampaignStatsBreakdown breakdown, Func<DateTimeOffset, DateTimeOffset, bool> oneBucket)
    {
        string campaignId = await SeedCampaignAsync();
        if (!SupportsBreakdown)
        {
            NotApplicable("The provider reports totals only; a breakdown is refused.");
            await Assert.ThrowsAsync<NotSupportedException>(() => Client.GetStatsAsync(campaignId, Around(breakdown)));
            return;
        }

        await ReachAsync(campaignId, Recipients(3));

        CampaignStats stats = await Client.GetStatsAsync(campaignId, Around(breakdown));

        Assert.NotEmpty(stats.Breakdown);
        DateTimeOffset? previous = null;
        foreach (CampaignStats entry in stats.Breakdown)
        {
            Assert.Equal((campaignId, stats.Source, stats.Reported), (entry.CampaignId, entry.Source, entry.Reported));
            Assert.NotNull(entry.From);
            Assert.NotNull(entry.To);
            Assert.True(oneBucket(entry.From.Value, entry.To.Value), $"{entry.From:O} to {entry.To:O} is not one {breakdown}.");
            Assert.True(previous is null || entry.From >= previous, "Breakdown entries are in time order without overlap.");
            Assert.True(stats.From is null || entry.From >= stats.From, "An entry starts inside the period.");
            Assert.True(stats.To is null || entry.To <= stats.To, "An entry ends inside the period.");
            Assert.Empty(entry.Breakdown);
            previous = entry.To;
        }

        foreach (CampaignMetric metric in Additive.Where(m => Reports(stats, m)))
        {
            Assert.Equal(stats.Count(metric), stats.Breakdown.Sum(entry => entry.Count(metric)));
        }
    }
}
