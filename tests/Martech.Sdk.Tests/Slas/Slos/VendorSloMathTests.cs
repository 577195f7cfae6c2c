using Polly.Timeout;

namespace Martech.Sdk.Tests.Slas.Slos;

/// <summary>The SLO maths from recorded measurements, each checked against a calculation written out by hand.</summary>
public sealed class VendorSloMathTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Availability_1000RequestsWith3VendorFailuresAnd5CallerErrors_IsSuccessesOverEligible()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99.9 });
        h.Record(202, 992);
        h.Record(503, 2);
        h.Record(500, 1);
        h.Record(400, 1);
        h.Record(401, 1);
        h.Record(404, 1);
        h.Record(409, 1);
        h.Record(422, 1);

        VendorSloInstanceReport report = h.Instance();

        // 1,000 requests; 5 caller errors are not eligible: 995 eligible, 992 succeeded.
        // availability = 992 / 995 = 0.99698492… = 99.698492 %
        VendorSloMeasurements m = report.Measurements;
        Assert.Equal(1000, m.Requests);
        Assert.Equal(995, m.Eligible);
        Assert.Equal(992, m.Succeeded);
        Assert.Equal(3, m.VendorFailures);
        Assert.Equal(3, m.Failed);
        Assert.Equal(5, m.CallerErrors);
        Assert.Equal(99.698492462311558, m.Availability!.Value, Tolerance);

        // Objective 99.9 %: allowed failures = 0.1 % of 995 = 0.995; consumed 3; remaining 0.995 − 3 = −2.005,
        // which is −2.005 / 0.995 = −201.5075 % of the budget. Burn rate = (3 / 995) / 0.001 = 3.0150754.
        VendorSloObjectiveResult objective = Assert.Single(report.Objectives);
        Assert.Equal(VendorSloStatus.Breached, objective.Status);
        Assert.Equal("availability >= 99.9 %", objective.Description);
        Assert.Equal(0.995, objective.ErrorBudget.Allowed, Tolerance);
        Assert.Equal(3, objective.ErrorBudget.Consumed);
        Assert.Equal(-2.005, objective.ErrorBudget.Remaining, Tolerance);
        Assert.Equal(-201.50753768844221, objective.ErrorBudget.RemainingPercent!.Value, 1e-6);
        Assert.Equal(3.0150753768844221, objective.ShortBurnRate!.Value, 1e-9);
        Assert.Equal(3.0150753768844221, objective.LongBurnRate!.Value, 1e-9);
    }

    [Fact]
    public void Availability_LooserObjective_IsMetWithBudgetLeft()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99.5 });
        h.Record(202, 992);
        h.Record(503, 3);
        h.Record(400, 5);

        VendorSloObjectiveResult objective = Assert.Single(h.Instance().Objectives);

        // allowed = 0.5 % of 995 = 4.975; consumed 3; remaining 1.975 = 39.6985 % of 4.975; burn = (3/995)/0.005 = 0.6030151.
        Assert.Equal(VendorSloStatus.Met, objective.Status);
        Assert.Equal(4.975, objective.ErrorBudget.Allowed, Tolerance);
        Assert.Equal(1.975, objective.ErrorBudget.Remaining, Tolerance);
        Assert.Equal(39.698492462311558, objective.ErrorBudget.RemainingPercent!.Value, 1e-6);
        Assert.Equal(0.60301507537688444, objective.ShortBurnRate!.Value, 1e-9);
    }

    [Fact]
    public void Outcomes_StatusesAndExceptions_CountAsTheDocumentedRulesSay()
    {
        using var h = new SloHarness();
        h.Record(200, 90);
        h.Record(408, 2);                                          // timeout: against the vendor
        h.Record(429, 3);                                          // throttled: apart
        h.Record(403, 4);                                          // caller error
        h.Record(502, 1);                                          // vendor failure
        h.RecordFailure(new TimeoutRejectedException(), 2);        // the transport's timeout
        h.RecordFailure(new HttpRequestException("reset"), 1);     // connection lost
        h.RecordFailure(new MartechRateLimitedException("budget"), 1); // the rate budget would not wait
        h.RecordFailure(new OperationCanceledException(), 5, canceled: true);

        VendorSloMeasurements m = h.Instance().Measurements;

        // eligible = 90 success + 2 + 1 + 2 + 1 = 96 (throttled 4, caller 4 and canceled 5 excluded); 90 / 96 = 93.75 %
        Assert.Equal(109, m.Requests);
        Assert.Equal(96, m.Eligible);
        Assert.Equal(4, m.TimedOut);
        Assert.Equal(2, m.VendorFailures);
        Assert.Equal(4, m.Throttled);
        Assert.Equal(3, m.FinalTooManyRequests);
        Assert.Equal(4, m.CallerErrors);
        Assert.Equal(5, m.Canceled);
        Assert.Equal(93.75, m.Availability!.Value, Tolerance);
    }

    [Fact]
    public void Outcomes_CountThrottlingAsFailure_PutsThrottledRequestsIntoAvailability()
    {
        using var h = new SloHarness(o => o.CountThrottlingAsFailure = true);
        h.Record(200, 96);
        h.Record(429, 4);

        // eligible = 96 + 4 = 100; 96 / 100 = 96 %
        VendorSloMeasurements m = h.Instance().Measurements;
        Assert.Equal(100, m.Eligible);
        Assert.Equal(96, m.Availability!.Value, Tolerance);
    }

    [Fact]
    public void Percentiles_OneToThousandMilliseconds_AreTheNearestRanksWithinOnePercent()
    {
        using var h = new SloHarness();
        for (int ms = 1000; ms >= 1; ms--)
        {
            h.Record(200, 1, ms);
        }

        h.Record(500, 10, milliseconds: 60_000); // failures carry no latency

        VendorSloMeasurements m = h.Instance().Measurements;

        // Nearest rank of 1,000 sorted values: p50 = value #500 = 500 ms, p95 = #950 = 950 ms, p99 = #990 = 990 ms.
        AssertWithin(TimeSpan.FromMilliseconds(500), m.LatencyP50);
        AssertWithin(TimeSpan.FromMilliseconds(950), m.LatencyP95);
        AssertWithin(TimeSpan.FromMilliseconds(990), m.LatencyP99);
    }

    [Fact]
    public void Percentiles_RandomLatencies_MatchTheExactNearestRankWithinOnePercent()
    {
        var random = new Random(42);
        var histogram = new LatencyHistogram();
        var values = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            // Log-uniform from 0.5 ms to 30 s.
            double seconds = Math.Exp(Math.Log(0.0005) + (random.NextDouble() * (Math.Log(30) - Math.Log(0.0005))));
            values.Add(seconds);
            histogram.Record(TimeSpan.FromSeconds(seconds));
        }

        values.Sort();
        foreach (double p in (double[])[1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100])
        {
            double exact = values[(int)Math.Ceiling(p / 100 * values.Count) - 1];
            double estimate = histogram.Percentile(p)!.Value.TotalSeconds;
            Assert.True(Math.Abs(estimate - exact) / exact <= LatencyHistogram.RelativeError + 1e-6, $"p{p}: {estimate} s against {exact} s");
        }
    }

    [Fact]
    public void LatencyObjective_900FastAnd100Slow_IsMissedWithItsBudgetAndBurnRate()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { LatencyP95 = TimeSpan.FromSeconds(1), LatencyP50 = TimeSpan.FromMilliseconds(150) });
        h.Record(202, 900, milliseconds: 100);
        h.Record(202, 100, milliseconds: 2000);
        h.Record(503, 50, milliseconds: 5000); // failures are availability's business, not latency's

        VendorSloInstanceReport report = h.Instance();
        VendorSloObjectiveResult p50 = report.Objectives[0];
        VendorSloObjectiveResult p95 = report.Objectives[1];

        // p95 <= 1 s: 900 of 1,000 successes within 1 s = 90 % < 95 %. Budget: 5 % of 1,000 = 50 slow allowed, 100 slow,
        // remaining −50 (−100 %). Burn = (100 / 1,000) / 0.05 = 2. The measured p95 is rank 950 = 2 s (within 1 %).
        Assert.Equal("p95 <= 1 s", p95.Description);
        Assert.Equal(VendorSloStatus.Breached, p95.Status);
        Assert.Equal(1000, p95.Eligible);
        Assert.Equal(900, p95.Good);
        Assert.Equal(90, p95.Actual!.Value, Tolerance);
        Assert.Equal(50, p95.ErrorBudget.Allowed, Tolerance);
        Assert.Equal(100, p95.ErrorBudget.Consumed);
        Assert.Equal(-100, p95.ErrorBudget.RemainingPercent!.Value, Tolerance);
        Assert.Equal(2, p95.ShortBurnRate!.Value, Tolerance);
        AssertWithin(TimeSpan.FromSeconds(2), p95.ActualLatency);

        // p50 <= 150 ms: 900 of 1,000 = 90 % >= 50 %: met; allowed 500 slow, 100 used; burn = 0.1 / 0.5 = 0.2.
        Assert.Equal(VendorSloStatus.Met, p50.Status);
        Assert.Equal(400, p50.ErrorBudget.Remaining, Tolerance);
        Assert.Equal(0.2, p50.ShortBurnRate!.Value, Tolerance);
    }

    [Fact]
    public void BurnRate_FailuresOnlyInTheLastHour_ShortWindowBurnsFasterThanLong()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99.9 });

        // Six hours (09:00–15:00) of 100 requests each, at half past; the last hour has 5 failures.
        for (int hour = 0; hour < 6; hour++)
        {
            h.Time.SetUtcNow(h.Time.Start.AddHours(hour).AddMinutes(30));
            h.Record(202, hour == 5 ? 95 : 100);
            h.Record(503, hour == 5 ? 5 : 0);
        }

        h.Time.SetUtcNow(h.Time.Start.AddHours(6)); // 15:00
        VendorSloObjectiveResult objective = Assert.Single(h.Instance().Objectives);

        // Short (1 h): 5 / 100 = 0.05 error rate ÷ 0.001 = 50. Long (6 h): 5 / 600 = 0.008333 ÷ 0.001 = 8.3333.
        Assert.Equal(TimeSpan.FromHours(1), objective.ShortWindow);
        Assert.Equal(TimeSpan.FromHours(6), objective.LongWindow);
        Assert.Equal(50, objective.ShortBurnRate!.Value, 1e-9);
        Assert.Equal(8.3333333333333333, objective.LongBurnRate!.Value, 1e-9);

        // Over the 30-day window: 600 eligible, 5 failed: 99.1667 %, budget 0.6 allowed, 5 consumed.
        Assert.Equal(99.166666666666667, objective.Actual!.Value, 1e-9);
        Assert.Equal(0.6, objective.ErrorBudget.Allowed, Tolerance);
    }

    [Fact]
    public void MinimumRequests_FewerEligible_IsNoDataNotMissed()
    {
        using var h = new SloHarness(o =>
        {
            o.MinimumRequests = 20;
            o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99.9 };
        });
        h.Record(200, 18);
        h.Record(500, 1);
        h.Record(400, 30); // caller errors do not make up the number

        VendorSloObjectiveResult objective = Assert.Single(h.Instance().Objectives);

        Assert.Equal(VendorSloStatus.NoData, objective.Status);
        Assert.Equal(19, objective.Eligible);
    }

    [Fact]
    public void Retries_And429s_AreCountedApartFromFinalAnswers()
    {
        using var h = new SloHarness();
        h.Recorder.Retry("SendGrid", "SendGrid", "mail.send", "429");
        h.Recorder.Retry("SendGrid", "SendGrid", "mail.send", "429");
        h.Recorder.Retry("SendGrid", "SendGrid", "mail.send", "503");
        h.Record(202, 3);
        h.Record(429, 1);
        h.Recorder.RateLimitWait("SendGrid", "SendGrid", "mail.send", TimeSpan.FromMilliseconds(250));
        h.Recorder.RateLimitWait("SendGrid", "SendGrid", "mail.send", TimeSpan.FromMilliseconds(750));
        h.Recorder.RateLimitWait("SendGrid", "SendGrid", "mail.send", TimeSpan.Zero); // did not wait

        VendorSloMeasurements m = h.Instance().Measurements;

        Assert.Equal(3, m.Retries);
        Assert.Equal(2, m.RetriedTooManyRequests);
        Assert.Equal(1, m.FinalTooManyRequests);
        Assert.Equal(2, m.RateLimitWaits);
        Assert.Equal(TimeSpan.FromSeconds(1), m.RateLimitWaitTotal);
        Assert.Equal(TimeSpan.FromMilliseconds(750), m.RateLimitWaitMax);
    }

    [Fact]
    public void Operations_AreReportedApartWithTheirOwnObjectives()
    {
        using var h = new SloHarness(o =>
        {
            var sendGrid = new VendorSloObjectives { Availability = 99 };
            sendGrid.Operations["suppressions.list"] = new VendorSloObjectives { Availability = 99.99, Window = TimeSpan.FromHours(1) };
            o.Providers["SendGrid"] = sendGrid;
        });
        h.Record(202, 99, operation: "mail.send");
        h.Record(500, 1, operation: "mail.send");
        h.Record(200, 50, operation: "suppressions.list");

        VendorSloInstanceReport report = h.Instance();

        Assert.Equal(150, report.Measurements.Requests);
        Assert.Equal(99.333333333333333, report.Measurements.Availability!.Value, 1e-9); // 149 / 150
        Assert.Equal(["mail.send", "suppressions.list"], report.Operations.Select(o => o.Operation));
        VendorSloOperationReport list = report.Operations[1];
        Assert.Equal(TimeSpan.FromHours(1), list.Measurements.Window);
        VendorSloObjectiveResult own = Assert.Single(list.Objectives);
        Assert.Equal("suppressions.list", own.Operation);
        Assert.Equal(VendorSloStatus.Met, own.Status);
        Assert.Empty(report.Operations[0].Objectives);
    }

    [Fact]
    public void Operations_BeyondTheLimit_AreCountedTogether()
    {
        using var h = new SloHarness(o => o.MaxOperationsPerInstance = 2);
        h.Record(200, 1, operation: "a");
        h.Record(200, 1, operation: "b");
        h.Record(200, 2, operation: "c");
        h.Record(200, 3, operation: "d");
        h.Record(200, 1, operation: "a");

        VendorSloInstanceReport report = h.Instance();

        Assert.Equal(["a", "b", "(other)"], report.Operations.Select(o => o.Operation));
        Assert.Equal(5, report.Operations[2].Measurements.Requests);
        Assert.Equal(8, report.Measurements.Requests);
    }

    private static void AssertWithin(TimeSpan expected, TimeSpan? actual)
    {
        Assert.NotNull(actual);
        double error = Math.Abs(actual.Value.TotalSeconds - expected.TotalSeconds) / expected.TotalSeconds;
        Assert.True(error <= LatencyHistogram.RelativeError, $"{actual.Value.TotalMilliseconds} ms is not within 1 % of {expected.TotalMilliseconds} ms");
    }
}
