namespace Martech.Sdk.Tests.Campaigns.VendorStats;

public sealed class VendorStatsSeriesTests
{
    private const CampaignMetric SentAndOpens = CampaignMetric.Sent | CampaignMetric.TotalOpens | CampaignMetric.UniqueOpens;
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    private static VendorStatsPeriod Period(DateOnly? first, DateOnly? end, CampaignStatsBreakdown breakdown, TimeSpan? offset = null)
    {
        TimeSpan zone = offset ?? TimeSpan.Zero;
        var options = new CampaignStatsOptions
        {
            From = first is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            To = end is { } e ? new DateTimeOffset(e.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Breakdown = breakdown,
        };
        return VendorStatsPeriod.Resolve("Vendor", "spring", options, zone, Now);
    }

    private static CampaignStats Day(int sent, int opens = 0, int uniqueOpens = 0) =>
        new() { CampaignId = "spring", Sent = sent, TotalOpens = opens, UniqueOpens = uniqueOpens };

    [Fact]
    public void Build_ByDay_OneEntryPerDayZerosWhereTheVendorLeftDaysOutAndTotalsSummed()
    {
        var series = new VendorStatsSeries("spring", Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 5), CampaignStatsBreakdown.Day));
        series.Add(new DateOnly(2026, 3, 1), Day(10, 4, 3));
        series.Add(new DateOnly(2026, 3, 3), Day(5, 2, 2));

        CampaignStats stats = series.Build(SentAndOpens);

        Assert.Equal(CampaignStatsSource.Vendor, stats.Source);
        Assert.Equal(SentAndOpens, stats.Reported);
        Assert.Equal((15, 6, 5), (stats.Sent, stats.TotalOpens, stats.UniqueOpens));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), stats.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), stats.To);
        Assert.Equal([10, 0, 5, 0], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 4, 0, 0, 0, TimeSpan.Zero)],
            stats.Breakdown.Select(d => d.From!.Value));
        Assert.All(stats.Breakdown, d => Assert.Equal(d.From!.Value.AddDays(1), d.To));
        Assert.All(stats.Breakdown, d => Assert.Equal((CampaignStatsSource.Vendor, SentAndOpens, "spring"), (d.Source, d.Reported, d.CampaignId)));
    }

    [Fact]
    public void Build_ByMonth_CalendarMonthsClippedToThePeriod()
    {
        // 15 January to 10 March (exclusive): January from the 15th, February whole, March to the 10th.
        var series = new VendorStatsSeries("spring", Period(new DateOnly(2026, 1, 15), new DateOnly(2026, 3, 10), CampaignStatsBreakdown.Month));
        series.Add(new DateOnly(2026, 1, 20), Day(2));
        series.Add(new DateOnly(2026, 2, 1), Day(3));
        series.Add(new DateOnly(2026, 2, 28), Day(1));
        series.Add(new DateOnly(2026, 3, 9), Day(4));
        series.Add(new DateOnly(2026, 3, 10), Day(100));
        series.Add(new DateOnly(2026, 1, 14), Day(100));

        CampaignStats stats = series.Build(CampaignMetric.Sent);

        Assert.Equal(10, stats.Sent);
        Assert.Equal([2, 4, 4], stats.Breakdown.Select(m => m.Sent));
        Assert.Equal(
            [(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)),
             (new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)),
             (new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero))],
            stats.Breakdown.Select(m => (m.From!.Value, m.To!.Value)));
    }

    [Fact]
    public void Build_AtAVendorOffset_BucketsBoundAtItsMidnights()
    {
        TimeSpan est = TimeSpan.FromHours(-5);
        var series = new VendorStatsSeries("spring", Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), CampaignStatsBreakdown.Day, est));
        series.Add(new DateOnly(2026, 3, 1), Day(1));

        CampaignStats day = Assert.Single(series.Build(CampaignMetric.Sent).Breakdown);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero), day.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.Zero), day.To);
    }

    [Fact]
    public void Build_SameDayTwice_IsSummed()
    {
        var series = new VendorStatsSeries("spring", Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), CampaignStatsBreakdown.Day));
        series.Add(new DateOnly(2026, 3, 1), Day(1, 1, 1));
        series.Add(new DateOnly(2026, 3, 1), Day(2, 3, 1));

        CampaignStats stats = series.Build(SentAndOpens);

        Assert.Equal((3, 4, 2), (stats.Sent, stats.TotalOpens, stats.UniqueOpens));
        Assert.Equal(3, Assert.Single(stats.Breakdown).Sent);
    }

    [Fact]
    public void Build_CountsNotReported_ReadZeroInTotalsAndBreakdown()
    {
        var series = new VendorStatsSeries("spring", Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), CampaignStatsBreakdown.Day));
        series.Add(new DateOnly(2026, 3, 1), new CampaignStats { CampaignId = "spring", Sent = 9, UniqueOpens = 4, Bounces = 2, HardBounces = 2, Delivered = 7 });

        CampaignStats stats = series.Build(CampaignMetric.Sent | CampaignMetric.Bounces);

        foreach (CampaignStats s in (CampaignStats[])[stats, stats.Breakdown[0]])
        {
            Assert.Equal((9, 2), (s.Sent, s.Bounces));
            Assert.Equal((0, 0, 0), (s.UniqueOpens, s.HardBounces, s.Delivered));
            Assert.Null(s.OpenRate.Percent);
        }
    }

    [Fact]
    public void Build_NoFirstDay_BreakdownStartsAtTheFirstEntryAndRunsToToday()
    {
        var series = new VendorStatsSeries("spring", Period(null, null, CampaignStatsBreakdown.Day));
        series.Add(new DateOnly(2026, 3, 18), Day(1));

        CampaignStats stats = series.Build(CampaignMetric.Sent);

        Assert.Null(stats.From);
        Assert.Equal([1, 0, 0], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), stats.Breakdown[^1].From);
    }

    [Fact]
    public void Build_NoEntriesNoFirstDay_EmptyBreakdownAndZeros()
    {
        CampaignStats stats = new VendorStatsSeries("spring", Period(null, null, CampaignStatsBreakdown.Month)).Build(CampaignMetric.Sent);

        Assert.Empty(stats.Breakdown);
        Assert.Equal(0, stats.Sent);
        Assert.Equal("spring", stats.CampaignId);
    }

    [Fact]
    public void Build_NoBreakdownAsked_BreakdownIsEmpty()
    {
        var series = new VendorStatsSeries("spring", Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 5), CampaignStatsBreakdown.None));
        series.Add(new DateOnly(2026, 3, 2), Day(3));

        CampaignStats stats = series.Build(CampaignMetric.Sent);

        Assert.Empty(stats.Breakdown);
        Assert.Equal(3, stats.Sent);
    }
}
