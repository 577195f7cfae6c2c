using System.Globalization;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Campaigns.Goals;

/// <summary>Goal evaluation through a stats source and a clock the test controls, every number worked by hand in the
/// comments: progress, the run rate still needed, the forecast (both methods) and the status with its reason.</summary>
public sealed class CampaignGoalEvaluationTests
{
    private const double Precision = 9;

    // "+25 % total email clicks in 2027 over 2026": 400 clicks in each month of 2026, then 450, 470 and 490 in January to
    // March 2027 and 250 in April so far.
    private static FakeCampaignStatsClient ClicksSource() => new FakeCampaignStatsClient()
        .Clicks("newsletter", "2026-01", 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400)
        .Clicks("newsletter", "2027-01", 450, 470, 490, 250);

    private static CampaignGoal ClicksGoal(CampaignGoalForecastMethod forecast) => new()
    {
        Name = "email-clicks-2027",
        Campaigns = ["newsletter"],
        Metric = CampaignGoalMetric.Count(CampaignMetric.TotalClicks),
        Measure = CampaignGoalMeasure.Total,
        Baseline = CampaignGoalBaseline.MeasuredOver(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
        Target = CampaignGoalTarget.Relative(25),
        Start = new DateOnly(2027, 1, 1),
        Deadline = new DateOnly(2027, 12, 31),
        Forecast = forecast,
        ForecastMonths = 3,
    };

    [Fact]
    public async Task TotalGoal_LinearTrend_IsOnTrack_WithHandCheckedProgressRunRateAndForecast()
    {
        FakeCampaignStatsClient source = ClicksSource();
        CampaignGoals goals = Build(source, "2027-04-16T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.LinearTrend));

        // Baseline: 12 × 400 = 4,800 clicks in 2026; target: 4,800 × 1.25 = 6,000.
        Assert.Equal(4800, result.Baseline);
        Assert.Equal(6000, result.Target, Precision);
        // So far in 2027: 450 + 470 + 490 + 250 = 1,660; progress 1,660 ÷ 6,000 = 0.27667.
        Assert.Equal(1660, result.Current);
        Assert.Equal(1660.0 / 6000, result.Progress!.Value, Precision);
        // 6,000 − 1,660 = 4,340 to go. Time left from 16 April 00:00: 15 of April's 30 days (0.5 month) and May to
        // December (8 months, 31+30+31+31+30+31+30+31 = 245 days): 8.5 months, 260 days.
        Assert.Equal(4340 / 8.5, result.RequiredPerMonth!.Value, Precision);    // 510.59 a month
        Assert.Equal(4340 / 260.0, result.RequiredPerDay!.Value, Precision);    // 16.69 a day
        // Least squares through January–March (450, 470, 490): slope +20 a month, through 470 at February. The line gives
        // April 510, May 530 … December 670. Forecast: 1,660 + 0.5 × 510 + (530 + 550 + … + 670 = 8 × 600 = 4,800) = 6,715.
        Assert.Equal(6715, result.Forecast!.Value, Precision);
        Assert.Equal(CampaignGoalStatus.OnTrack, result.Status);
        Assert.Equal("the forecast 6,715 meets the target 6,000; 4,340 to go, 510.59 a month", result.Reason);
        Assert.Equal("linear trend: least squares through the 3 complete months 2027-01 to 2027-03 (slope +20 a month), extended over the 8.5 months left and added to the total so far", result.ForecastMethod);
        Assert.Equal("Fake", result.Provider);

        // Two reads, both by month: the baseline year, then the goal so far up to the end of today (UTC midnight, so that
        // sources counting whole days can answer; the forecast window starts with the goal).
        Assert.Collection(
            source.Requests,
            r => Assert.Equal((At("2026-01-01T00:00Z"), At("2027-01-01T00:00Z"), CampaignStatsBreakdown.Month), (r.Options.From!.Value, r.Options.To!.Value, r.Options.Breakdown)),
            r => Assert.Equal((At("2027-01-01T00:00Z"), At("2027-04-17T00:00Z"), CampaignStatsBreakdown.Month), (r.Options.From!.Value, r.Options.To!.Value, r.Options.Breakdown)));
        Assert.Equal([450, 470, 490, 250], result.Months.Select(m => m.Value!.Value));
        Assert.Equal([true, true, true, false], result.Months.Select(m => m.IsComplete));
    }

    [Fact]
    public async Task TotalGoal_RecentRunRate_IsAtRisk_WithHandCheckedForecast()
    {
        CampaignGoals goals = Build(ClicksSource(), "2027-04-16T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.RecentRunRate));

        // Mean of January–March: (450 + 470 + 490) ÷ 3 = 470 a month, for the 8.5 months left: 1,660 + 470 × 8.5 = 5,655,
        // which is 345 short of 6,000.
        Assert.Equal(5655, result.Forecast!.Value, Precision);
        Assert.Equal(CampaignGoalStatus.AtRisk, result.Status);
        Assert.Equal("the forecast 5,655 falls short of the target 6,000 by 345; 510.59 a month is needed for the 8.5 months left", result.Reason);
        Assert.Equal("recent run rate: the mean of the 3 complete months 2027-01 to 2027-03 (470 a month), held over the 8.5 months left and added to the total so far", result.ForecastMethod);
    }

    [Fact]
    public async Task TotalGoal_ReachingItsTargetBeforeTheDeadline_IsAchieved()
    {
        CampaignGoals goals = Build(ClicksSource(), "2027-04-16T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with
        {
            Baseline = CampaignGoalBaseline.Of(1200),
            Target = CampaignGoalTarget.Absolute(1500),
        });

        // 1,660 ≥ 1,500: progress 1,660 ÷ 1,500 = 1.1067; nothing more is needed.
        Assert.Equal(CampaignGoalStatus.Achieved, result.Status);
        Assert.Equal(1660.0 / 1500, result.Progress!.Value, Precision);
        Assert.Null(result.RequiredPerMonth);
        Assert.Null(result.RequiredPerDay);
        Assert.Equal("the total 1,660 reached the target 1,500 before the deadline 2027-12-31", result.Reason);
    }

    [Fact]
    public async Task TotalGoal_ShortOfItsTargetAfterTheDeadline_IsMissed_WithTheFinalTotal()
    {
        FakeCampaignStatsClient source = new FakeCampaignStatsClient().Clicks("newsletter", "2027-01", 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400);
        CampaignGoals goals = Build(source, "2028-01-10T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Baseline = CampaignGoalBaseline.Of(4800) });

        // 12 × 400 = 4,800 against 4,800 × 1.25 = 6,000: 1,200 short. Only the goal's year is read.
        Assert.Equal(CampaignGoalStatus.Missed, result.Status);
        Assert.Equal(4800, result.Current);
        Assert.Equal(4800, result.Forecast);
        Assert.Equal(0.8, result.Progress!.Value, Precision);
        Assert.Null(result.RequiredPerMonth);
        Assert.Equal("the total 4,800 at the deadline 2027-12-31 fell short of the target 6,000 by 1,200", result.Reason);
        var read = Assert.Single(source.Requests);
        Assert.Equal((At("2027-01-01T00:00Z"), At("2028-01-01T00:00Z")), (read.Options.From!.Value, read.Options.To!.Value));
    }

    [Fact]
    public async Task MonthlyRate_ClickThroughRate_MeasuredBaseline_LinearTrend_IsOnTrack_WithHandCheckedNumbers()
    {
        FakeCampaignStatsClient source = new FakeCampaignStatsClient()
            .Month("newsletter", "2026-10", s => s with { UniqueClicks = 18, UniqueRecipients = 1000 })   // 1.8 %
            .Month("newsletter", "2026-12", s => s with { UniqueClicks = 22, UniqueRecipients = 1000 })   // 2.2 % (November: no sends)
            .Month("newsletter", "2027-01", s => s with { UniqueClicks = 21, UniqueRecipients = 1000 })   // 2.1 %
            .Month("newsletter", "2027-02", s => s with { UniqueClicks = 22, UniqueRecipients = 1000 })   // 2.2 %
            .Month("newsletter", "2027-03", s => s with { UniqueClicks = 22, UniqueRecipients = 1000 })   // 2.2 %
            .Month("newsletter", "2027-04", s => s with { UniqueClicks = 24, UniqueRecipients = 1000 })   // 2.4 %
            .Month("newsletter", "2027-05", s => s with { UniqueClicks = 5, UniqueRecipients = 300 });    // May so far
        CampaignGoals goals = Build(source, "2027-05-10T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(new CampaignGoal
        {
            Name = "ctr-2027",
            Campaigns = ["newsletter"],
            Metric = CampaignGoalMetric.ClickThroughRate,
            Measure = CampaignGoalMeasure.Monthly,
            Baseline = CampaignGoalBaseline.MeasuredOver(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)),
            Target = CampaignGoalTarget.Relative(25),
            Start = new DateOnly(2027, 1, 1),
            Deadline = new DateOnly(2027, 12, 31),
            ForecastMonths = 4,
        });

        // Baseline: the mean of the months with a value, (1.8 + 2.2) ÷ 2 = 2.0 % (November has no recipients, so no
        // rate); target 2.0 × 1.25 = 2.5 %.
        Assert.Equal(2.0, result.Baseline, Precision);
        Assert.Equal(2.5, result.Target, Precision);
        // Now: April, the latest complete month, at 2.4 %; progress (2.4 − 2.0) ÷ (2.5 − 2.0) = 0.8.
        Assert.Equal(new DateOnly(2027, 4, 1), result.CurrentMonth);
        Assert.Equal(2.4, result.Current!.Value, Precision);
        Assert.Equal(0.8, result.Progress!.Value, Precision);
        // Still needed: (2.5 − 2.4) ÷ 8 months (April → December) = +0.0125 points a month; no daily rate for a level.
        Assert.Equal(0.0125, result.RequiredPerMonth!.Value, Precision);
        Assert.Null(result.RequiredPerDay);
        // Least squares through January–April (x = 0..3; y = 2.1, 2.2, 2.2, 2.4): x̄ = 1.5, ȳ = 2.225,
        // Σ(x−x̄)(y−ȳ) = (−1.5)(−0.125) + (−0.5)(−0.025) + (0.5)(−0.025) + (1.5)(0.175) = 0.45, Σ(x−x̄)² = 5, slope 0.09 a month.
        // December is x = 11: 2.225 + 0.09 × (11 − 1.5) = 3.08 %.
        Assert.Equal(3.08, result.Forecast!.Value, Precision);
        Assert.Equal(CampaignGoalStatus.OnTrack, result.Status);
        Assert.Equal("the forecast 3.08 % for 2027-12 meets the target 2.5 %", result.Reason);
        Assert.Equal("linear trend: least squares through the 4 complete months 2027-01 to 2027-04 (slope +0.09 points a month), extended to 2027-12", result.ForecastMethod);
        Assert.Collection(
            source.Requests,
            r => Assert.Equal((At("2026-10-01T00:00Z"), At("2027-01-01T00:00Z")), (r.Options.From!.Value, r.Options.To!.Value)),
            r => Assert.Equal((At("2027-01-01T00:00Z"), At("2027-05-11T00:00Z")), (r.Options.From!.Value, r.Options.To!.Value)));
    }

    [Theory]
    [InlineData(12, CampaignGoalStatus.Achieved, "2027-06 closed at 2.4 %, at or below the target 2.4 %")]
    [InlineData(13, CampaignGoalStatus.Missed, "2027-06 closed at 2.6 %, short of the target 2.4 % by 0.2 points")]
    public async Task MonthlyRate_LowerIsBetter_IsJudgedOnTheDeadlineMonth(int juneBounces, CampaignGoalStatus expected, string reason)
    {
        FakeCampaignStatsClient source = new FakeCampaignStatsClient()
            .Month("newsletter", "2027-05", s => s with { Sent = 500, Bounces = 5 })              // 1 %: May does not count
            .Month("newsletter", "2027-06", s => s with { Sent = 500, Bounces = juneBounces });   // 12 ÷ 500 = 2.4 %, 13 ÷ 500 = 2.6 %
        CampaignGoals goals = Build(source, "2027-07-05T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(new CampaignGoal
        {
            Name = "bounces",
            Campaigns = ["newsletter"],
            Metric = CampaignGoalMetric.BounceRate,
            Measure = CampaignGoalMeasure.Monthly,
            Baseline = CampaignGoalBaseline.Of(3.0),
            Target = CampaignGoalTarget.Relative(-20),   // 3.0 × 0.8 = 2.4 %, lower is better
            Start = new DateOnly(2027, 1, 1),
            Deadline = new DateOnly(2027, 6, 30),
        });

        Assert.Equal(expected, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(2.4, result.Target, Precision);
        // Progress: (2.4 − 3.0) ÷ (2.4 − 3.0) = 1; (2.6 − 3.0) ÷ (2.4 − 3.0) = 0.667.
        Assert.Equal(juneBounces == 12 ? 1 : 0.4 / 0.6, result.Progress!.Value, Precision);
        Assert.Equal(result.Current, result.Forecast);
    }

    [Fact]
    public async Task Campaigns_AreAddedUpMonthByMonth_AndARateDividesTheSums()
    {
        FakeCampaignStatsClient source = new FakeCampaignStatsClient()
            .Month("spring", "2027-04", s => s with { UniqueClicks = 10, UniqueRecipients = 400 })   // 2.5 %
            .Month("summer", "2027-04", s => s with { UniqueClicks = 14, UniqueRecipients = 600 });  // 2.33 %
        CampaignGoals goals = Build(source, "2027-05-10T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(new CampaignGoal
        {
            Name = "ctr",
            Campaigns = ["spring", "summer"],
            Metric = CampaignGoalMetric.ClickThroughRate,
            Measure = CampaignGoalMeasure.Monthly,
            Baseline = CampaignGoalBaseline.Of(2.0),
            Target = CampaignGoalTarget.Absolute(2.5),
            Start = new DateOnly(2027, 1, 1),
            Deadline = new DateOnly(2027, 12, 31),
            ForecastMonths = 1,
        });

        // April: (10 + 14) ÷ (400 + 600) = 2.4 %, not the mean of the two rates (2.417 %). One month of data: a flat
        // forecast at 2.4 %, short of 2.5 %; (2.5 − 2.4) ÷ 8 = 0.0125 a month still needed.
        CampaignGoalMonth april = Assert.Single(result.Months, m => m.Month == new DateOnly(2027, 4, 1));
        Assert.Equal((24, 1000), (april.Numerator, april.Denominator));
        Assert.Equal(2.4, april.Value!.Value, Precision);
        Assert.Equal(2.4, result.Forecast!.Value, Precision);
        Assert.Equal(CampaignGoalStatus.AtRisk, result.Status);
        Assert.Equal("the forecast 2.4 % for 2027-12 misses the target 2.5 % by 0.1 points; from 2.4 % (2027-04) it needs +0.0125 points a month", result.Reason);
        Assert.Equal("linear trend over the complete month 2027-04: one value, so flat at 2.4 %, held to 2027-12", result.ForecastMethod);
        Assert.Equal(["spring", "summer"], source.Requests.Select(r => r.Campaign));
    }

    [Fact]
    public async Task MonthlyRate_WithNoMonthToForecastFrom_IsAtRisk_SayingWhy()
    {
        CampaignGoals goals = Build(new FakeCampaignStatsClient(), "2027-05-10T00:00Z");

        CampaignGoalEvaluation result = await goals.EvaluateAsync(new CampaignGoal
        {
            Name = "ctr",
            Campaigns = ["newsletter"],
            Metric = CampaignGoalMetric.ClickThroughRate,
            Measure = CampaignGoalMeasure.Monthly,
            Baseline = CampaignGoalBaseline.Of(2.0),
            Target = CampaignGoalTarget.Absolute(2.5),
            Start = new DateOnly(2027, 1, 1),
            Deadline = new DateOnly(2027, 12, 31),
        });

        Assert.Equal(CampaignGoalStatus.AtRisk, result.Status);
        Assert.Null(result.Current);
        Assert.Null(result.Forecast);
        Assert.Null(result.Progress);
        Assert.Equal("no month in the last 6 complete months has a value of ClickThroughRate to forecast from", result.Reason);
        Assert.Equal("no value in the 6 complete months 2026-11 to 2027-04 to forecast from", result.ForecastMethod);
    }

    [Fact]
    public async Task SourceThatIgnoresTheBreakdown_FailsNamingTheInstance()
    {
        CampaignGoals goals = Build(new FakeCampaignStatsClient { FillsBreakdown = false }.Clicks("newsletter", "2027-01", 450), "2027-04-16T00:00Z");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Baseline = CampaignGoalBaseline.Of(4800) }));

        Assert.StartsWith("Provider instance 'Fake' returned no monthly breakdown for campaign 'newsletter' (2027-01-01 to 2027-04-17T00:00:00Z) although Breakdown = Month was asked for", error.Message, StringComparison.Ordinal);
        Assert.Contains("goal 'email-clicks-2027'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceAnsweringByDayOrOutsideThePeriod_FailsNamingTheInstance()
    {
        var daily = new FakeCampaignStatsClient { Entry = e => e with { From = e.From!.Value.AddDays(1) } }.Clicks("newsletter", "2027-01", 450);
        var early = new FakeCampaignStatsClient { Entry = e => e with { From = e.From!.Value.AddMonths(-1) } }.Clicks("newsletter", "2027-01", 450);
        CampaignGoal goal = ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Baseline = CampaignGoalBaseline.Of(4800) };

        var byDay = await Assert.ThrowsAsync<InvalidOperationException>(() => Build(daily, "2027-04-16T00:00Z").EvaluateAsync(goal));
        var outside = await Assert.ThrowsAsync<InvalidOperationException>(() => Build(early, "2027-04-16T00:00Z").EvaluateAsync(goal));

        Assert.StartsWith("Provider instance 'Fake' returned a breakdown entry from 2027-01-02T00:00:00.0000000+00:00 for campaign 'newsletter' although Breakdown = Month was asked for 2027-01-01 to 2027-04-17T00:00:00.0000000+00:00 (goal 'email-clicks-2027'): entries must start on the first of a month (midnight in the source's calendar), inside the period.", byDay.Message, StringComparison.Ordinal);
        Assert.StartsWith("Provider instance 'Fake' returned a breakdown entry from 2026-12-01", outside.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceCountingInItsOwnTimeZone_MonthsStartAtItsMidnight_AreRead()
    {
        // Postmark counts in US Eastern time: its month entries start at 00:00−05:00 (05:00 UTC) on the 1st.
        var eastern = new FakeCampaignStatsClient { Entry = e => e with { From = new DateTimeOffset(e.From!.Value.DateTime, TimeSpan.FromHours(-5)) } }
            .Clicks("newsletter", "2027-01", 450, 470, 490, 250);
        CampaignGoal goal = ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Baseline = CampaignGoalBaseline.Of(4800) };

        CampaignGoalEvaluation result = await Build(eastern, "2027-04-16T00:00Z").EvaluateAsync(goal);

        Assert.Equal([450, 470, 490, 250], result.Months.Select(m => m.Value!.Value));
        Assert.Equal(1660, result.Current!.Value, Precision);
    }

    [Fact]
    public async Task EvaluatedDuringTheDay_ReadsUpToTheNextUtcMidnight()
    {
        // Sources that count whole days (the email vendors) refuse a period ending at 09:30; the read ends at midnight.
        var source = new FakeCampaignStatsClient().Clicks("newsletter", "2027-01", 450, 470, 490, 250);
        CampaignGoal goal = ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Baseline = CampaignGoalBaseline.Of(4800) };

        CampaignGoalEvaluation result = await Build(source, "2027-04-16T09:30Z").EvaluateAsync(goal);

        Assert.All(source.Requests, r => Assert.Equal(TimeSpan.Zero, r.Options.To!.Value.TimeOfDay));
        Assert.Equal(At("2027-04-17T00:00Z"), source.Requests[^1].Options.To!.Value);
        Assert.Equal(1660, result.Current!.Value, Precision);
    }

    [Fact]
    public async Task BaselineThatCannotBeMeasured_FailsSayingWhatToChange()
    {
        // Evaluated in December 2026, the 2026 baseline has not ended; in April 2027 a source with no 2026 clicks measures a
        // baseline of 0, and +25 % of 0 is nothing to reach.
        CampaignGoal goal = ClicksGoal(CampaignGoalForecastMethod.LinearTrend);
        FakeCampaignStatsClient empty2026 = new FakeCampaignStatsClient().Clicks("newsletter", "2027-01", 450);

        var early = await Assert.ThrowsAsync<InvalidOperationException>(() => Build(ClicksSource(), "2026-12-15T00:00Z").EvaluateAsync(goal));
        var zero = await Assert.ThrowsAsync<InvalidOperationException>(() => Build(empty2026, "2027-04-16T00:00Z").EvaluateAsync(goal));

        Assert.StartsWith("Goal 'email-clicks-2027': its baseline period measured 2026-01-01 to 2026-12-31 has not ended yet", early.Message, StringComparison.Ordinal);
        Assert.Equal("Goal 'email-clicks-2027': the target +25 % of a baseline of 0 is 0, so there is nothing to reach. Give the goal an absolute Target, or measure the baseline over months with data.", zero.Message);
    }

    [Fact]
    public async Task SourceThatDoesNotReportTheMetric_FailsNamingTheInstanceAndTheCount()
    {
        var source = new FakeCampaignStatsClient { Reported = CampaignMetric.Sent | CampaignMetric.TotalOpens }.Clicks("newsletter", "2027-01", 450);
        CampaignGoals goals = Build(source, "2027-04-16T00:00Z");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Baseline = CampaignGoalBaseline.Of(4800) }));

        Assert.StartsWith("Provider instance 'Fake' does not report TotalClicks for campaign 'newsletter' (it reports Sent, TotalOpens)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_WithAnInvalidGoal_OrAnUnknownProvider_ThrowsArgumentException()
    {
        CampaignGoals goals = Build(new FakeCampaignStatsClient(), "2027-04-16T00:00Z");

        var invalid = await Assert.ThrowsAsync<ArgumentException>(() => goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Deadline = new DateOnly(2027, 12, 30) }));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => goals.EvaluateAsync(ClicksGoal(CampaignGoalForecastMethod.LinearTrend) with { Provider = "SendGrid" }));
        var unnamed = await Assert.ThrowsAsync<ArgumentException>(() => goals.EvaluateAsync("nope"));

        Assert.Contains("CampaignGoal 'email-clicks-2027':Deadline (2027-12-30) must be the last day of a month, such as 2027-12-31", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("CampaignGoal 'email-clicks-2027':Provider names 'SendGrid', which is not a provider instance that supplies campaign stats (ICampaignStatsClient): register it (such as AddSendGrid(\"SendGrid\")) or name one that does (Fake).", unknown.Message, StringComparison.Ordinal);
        Assert.StartsWith("No campaign goal is named 'nope' (goals: none).", unnamed.Message, StringComparison.Ordinal);
    }

    internal static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static CampaignGoals Build(FakeCampaignStatsClient source, string now)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(At(now)));
        MartechBuilder martech = services.AddMartech();
        martech.AddProvider("Fake", "Fake").AddCapability<ICampaignStatsClient>(_ => source);
        martech.AddCampaignGoals();
        return services.BuildServiceProvider().GetRequiredService<CampaignGoals>();
    }
}
