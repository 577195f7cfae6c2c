namespace Martech.Sdk.Tests.Slas.Slos;

/// <summary>Measurements leave a window as the clock moves, at bucket granularity, and reused buckets forget.</summary>
public sealed class VendorSloBucketTests
{
    [Fact]
    public void FineWindow_FailureAgesOut_OneBucketAfterTheWindow()
    {
        using var h = new SloHarness();
        h.Time.SetUtcNow(h.Time.Start.AddSeconds(30)); // 09:00:30, in the 09:00 bucket
        h.Record(500, 1);
        TimeSpan hour = TimeSpan.FromHours(1);

        h.Time.SetUtcNow(h.Time.Start.AddMinutes(59));
        Assert.Equal(1, h.Instance(window: hour).Measurements.VendorFailures);

        // 10:00:30: the window starts at 09:00:30, inside the 09:00 bucket, which still counts.
        h.Time.SetUtcNow(h.Time.Start.AddMinutes(60).AddSeconds(30));
        Assert.Equal(1, h.Instance(window: hour).Measurements.VendorFailures);

        // 10:01:00: the window starts in the 09:01 bucket: the failure is gone.
        h.Time.SetUtcNow(h.Time.Start.AddMinutes(61));
        Assert.Equal(0, h.Monitor.GetReport(hour).Instances.SingleOrDefault()?.Measurements.Requests ?? 0);
    }

    [Fact]
    public void CoarseWindow_ThirtyDays_KeepsDay29AndForgetsAfterDay30()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99, Window = TimeSpan.FromDays(30) });
        h.Record(200, 10);
        h.Record(500, 10);

        h.Time.SetUtcNow(h.Time.Start.AddDays(29));
        h.Record(200, 10);
        VendorSloInstanceReport day29 = h.Instance();
        Assert.Equal(30, day29.Measurements.Requests);
        Assert.Equal(66.666666666666667, day29.Measurements.Availability!.Value, 1e-9);

        // Past 30 days and one hour bucket: only day 29's requests are left, and the objective holds.
        h.Time.SetUtcNow(h.Time.Start.AddDays(30).AddHours(1));
        VendorSloInstanceReport day30 = h.Instance();
        Assert.Equal(10, day30.Measurements.Requests);
        Assert.Equal(VendorSloStatus.Met, Assert.Single(day30.Objectives).Status);

        // The short burn-rate window (1 h) has nothing in it.
        Assert.Null(Assert.Single(day30.Objectives).ShortBurnRate);
    }

    [Fact]
    public void Ring_SlotComesRoundAgain_OldBucketIsClearedNotAdded()
    {
        using var h = new SloHarness(o =>
        {
            o.LongWindow = TimeSpan.FromHours(2);
            o.DefaultWindow = TimeSpan.FromHours(3);
        });
        VendorSloLayout layout = h.Recorder.Layout;
        Assert.Equal(121, layout.FineSlots);   // 2 h of 1-minute buckets + the current one
        Assert.Equal(4, layout.CoarseSlots);   // 3 h of 1-hour buckets + the current one

        h.Record(500, 7);

        // Exactly one lap of each ring later the same slots are written again.
        h.Time.SetUtcNow(h.Time.Start + (TimeSpan.FromMinutes(1) * layout.FineSlots));
        h.Record(200, 1);
        Assert.Equal(1, h.Instance(window: TimeSpan.FromHours(1)).Measurements.Requests);

        h.Time.SetUtcNow(h.Time.Start + (TimeSpan.FromHours(1) * layout.CoarseSlots));
        h.Record(200, 2);
        VendorSloMeasurements coarse = h.Instance(window: TimeSpan.FromHours(3)).Measurements; // longer than LongWindow: coarse buckets
        Assert.Equal(3, coarse.Requests); // the one at 11:01 and these two
        Assert.Equal(0, coarse.VendorFailures);
    }

    [Fact]
    public void GetReport_WindowLongerThanKept_NamesTheLimit()
    {
        using var h = new SloHarness();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => h.Monitor.GetReport(TimeSpan.FromDays(31)));

        Assert.Contains("between 1 minute and 30.00:00:00", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Monitor.GetReport(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Histogram_MemoryIsTheUsedRangeOnly_AndClampsExtremes()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.Zero);
        histogram.Record(TimeSpan.FromDays(3));

        Assert.Equal(2, histogram.Count);
        Assert.True(histogram.Percentile(50) < TimeSpan.FromMilliseconds(0.01));
        Assert.True(Math.Abs(histogram.Percentile(100)!.Value.TotalDays - 1) <= 0.01); // clamped to a day
        Assert.Equal(1, histogram.CountAtMost(TimeSpan.FromSeconds(1)));
    }
}
