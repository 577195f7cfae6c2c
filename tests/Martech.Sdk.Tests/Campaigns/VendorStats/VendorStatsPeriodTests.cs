namespace Martech.Sdk.Tests.Campaigns.VendorStats;

public sealed class VendorStatsPeriodTests
{
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resolve_MidnightsInTheirOwnOffset_AreReadAsDaysOfTheVendorCalendar()
    {
        var options = new CampaignStatsOptions
        {
            From = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)),
            To = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero),
            Breakdown = CampaignStatsBreakdown.Day,
        };

        var period = VendorStatsPeriod.Resolve("Postmark", "spring", options, Est, Now);

        Assert.Equal(new DateOnly(2026, 3, 1), period.FirstDay);
        Assert.Equal(new DateOnly(2026, 3, 10), period.EndDay);
        Assert.Equal(new DateOnly(2026, 3, 9), period.LastCountedDay);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, Est), period.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, Est), period.To);
        Assert.Equal(CampaignStatsBreakdown.Day, period.Breakdown);
        Assert.False(period.IsEmpty);
    }

    [Fact]
    public void Resolve_NotAMidnight_ThrowsNamingTheFieldTheVendorAndItsZone()
    {
        var options = new CampaignStatsOptions { From = new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero) };

        var ex = Assert.Throws<ArgumentException>(() => VendorStatsPeriod.Resolve("Postmark", "spring", options, Est, Now));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("CampaignStatsOptions.From", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Postmark reports whole days (in UTC-05:00)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2026-03-01T00:00:00+00:00", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_EmptyCampaignId_ThrowsArgumentException(string? campaignId)
    {
        Assert.ThrowsAny<ArgumentException>(() => VendorStatsPeriod.Resolve("SendGrid", campaignId!, null, TimeSpan.Zero, Now));
    }

    [Fact]
    public void Resolve_InvalidOptions_ThrowsBeforeAnythingElse()
    {
        var backwards = new CampaignStatsOptions { From = Now.Date.AddDays(-1), To = Now.Date.AddDays(-3) };
        var undefined = new CampaignStatsOptions { Breakdown = (CampaignStatsBreakdown)7 };

        Assert.Contains("is after", Assert.Throws<ArgumentException>(() => VendorStatsPeriod.Resolve("SendGrid", "spring", backwards, TimeSpan.Zero, Now)).Message, StringComparison.Ordinal);
        Assert.Contains("Breakdown", Assert.Throws<ArgumentException>(() => VendorStatsPeriod.Resolve("SendGrid", "spring", undefined, TimeSpan.Zero, Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Today_IsTheDateAtTheVendorOffset()
    {
        var early = new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 2, 28), VendorStatsPeriod.Resolve("Postmark", "spring", null, Est, early).Today);
        Assert.Equal(new DateOnly(2026, 3, 1), VendorStatsPeriod.Resolve("SendGrid", "spring", null, TimeSpan.Zero, early).Today);
    }

    [Fact]
    public void Unbounded_HasNoDaysButCountsUpToToday()
    {
        var period = VendorStatsPeriod.Resolve("Postmark", "spring", null, Est, Now);

        Assert.Null(period.FirstDay);
        Assert.Null(period.EndDay);
        Assert.Null(period.From);
        Assert.Null(period.To);
        Assert.Equal(new DateOnly(2026, 3, 20), period.LastCountedDay);
        Assert.False(period.IsEmpty);
    }

    [Fact]
    public void LastCountedDay_EndInTheFuture_StopsAtToday()
    {
        var options = new CampaignStatsOptions { From = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) };

        Assert.Equal(new DateOnly(2026, 3, 20), VendorStatsPeriod.Resolve("SendGrid", "spring", options, TimeSpan.Zero, Now).LastCountedDay);
    }

    [Fact]
    public void IsEmpty_NoDaysOrStartingAfterToday_IsTrue()
    {
        var day = new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero);
        var none = new CampaignStatsOptions { From = day, To = day };
        var future = new CampaignStatsOptions { From = new DateTimeOffset(2026, 3, 21, 0, 0, 0, TimeSpan.Zero) };

        Assert.True(VendorStatsPeriod.Resolve("SendGrid", "spring", none, TimeSpan.Zero, Now).IsEmpty);
        Assert.True(VendorStatsPeriod.Resolve("SendGrid", "spring", future, TimeSpan.Zero, Now).IsEmpty);
    }

    [Fact]
    public void StartingAt_KeepsTheRestOfThePeriod()
    {
        var options = new CampaignStatsOptions { To = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), Breakdown = CampaignStatsBreakdown.Month };

        var period = VendorStatsPeriod.Resolve("SendGrid", "spring", options, TimeSpan.Zero, Now).StartingAt(new DateOnly(2025, 2, 20));

        Assert.Equal(new DateOnly(2025, 2, 20), period.FirstDay);
        Assert.Equal(new DateOnly(2026, 3, 10), period.EndDay);
        Assert.Equal(CampaignStatsBreakdown.Month, period.Breakdown);
    }

    [Fact]
    public void ThrowIfBefore_EarlierFirstDay_ThrowsNamingTheRetentionAndTheEarliestDay()
    {
        var options = new CampaignStatsOptions { From = new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero) };
        var period = VendorStatsPeriod.Resolve("SendGrid", "spring", options, TimeSpan.Zero, Now);

        period.ThrowIfBefore(new DateOnly(2025, 2, 1), "category statistics for the previous 13 months");
        var ex = Assert.Throws<ArgumentException>(() => period.ThrowIfBefore(new DateOnly(2025, 2, 20), "category statistics for the previous 13 months"));

        Assert.Equal("options", ex.ParamName);
        Assert.Equal("CampaignStatsOptions.From (2025-02-01) is before 2025-02-20: SendGrid keeps category statistics for the previous 13 months. Ask for a period from 2025-02-20 on. (Parameter 'options')", ex.Message);
    }

    [Theory]
    [InlineData("2026-03-01", true)]
    [InlineData("2026-03-01T00:00:00", true)]
    [InlineData("03/01/2026", false)]
    [InlineData("2026-02-30", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParseDate_ReadsIsoDaysOnly(string? text, bool valid)
    {
        Assert.Equal(valid, VendorStatsPeriod.TryParseDate(text, out DateOnly day));
        if (valid)
        {
            Assert.Equal("2026-03-01", VendorStatsPeriod.FormatDate(day));
        }
    }
}
