namespace Martech.Sdk.IntegrationTests.ScaleOut;

/// <summary>The over-admission arithmetic the scale-out figures rest on, on hand-made arrival times.</summary>
public sealed class ArrivalFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Measure_EvenlySpacedAtTheLimit_NothingOverAndTheRateIsTheLimit()
    {
        // 10 per second for 5 s, 100 ms apart: every window of 1 s holds exactly 10.
        ArrivalFigures figures = ArrivalFigures.Measure(At(Enumerable.Range(0, 50).Select(i => i * 100.0)), limit: 10, Second);

        Assert.Equal(50, figures.Requests);
        Assert.Equal(10, figures.MaxInWindow);
        Assert.Equal(0, figures.OverAdmitted);
        Assert.Equal(0, figures.OverAdmittedPercent);
        Assert.Equal(10.0, figures.OfferedPerSecond, precision: 6);
        Assert.Equal(TimeSpan.FromMilliseconds(4900), figures.Span);
    }

    [Fact]
    public void Measure_OneArrivalJustInsideTheWindow_IsOverAndTheMaxCountsIt()
    {
        // 3 arrivals at 0, 500 and 999.9 ms against 2 per second: the third is the window's third.
        ArrivalFigures figures = ArrivalFigures.Measure(At([0, 500, 999.9]), limit: 2, Second);

        Assert.Equal(3, figures.MaxInWindow);
        Assert.Equal(1, figures.OverAdmitted);
        Assert.Equal(100.0 / 3, figures.OverAdmittedPercent, precision: 6);
    }

    [Fact]
    public void Measure_ArrivalExactlyOneWindowLater_StartsANewWindow()
    {
        // The window is half-open: [0, 1000) holds 0 and 500; 1000 is in the next one.
        ArrivalFigures figures = ArrivalFigures.Measure(At([0, 500, 1000]), limit: 2, Second);

        Assert.Equal(2, figures.MaxInWindow);
        Assert.Equal(0, figures.OverAdmitted);
    }

    [Fact]
    public void Measure_ThreeSendersEachAtTheLimit_OverAdmitsTwoThirds()
    {
        // Three senders, each 10 per second, interleaved: 30 per second against 10.
        IEnumerable<double> times = Enumerable.Range(0, 3).SelectMany(s => Enumerable.Range(0, 60).Select(i => (i * 100.0) + (s * 33.0)));
        ArrivalFigures figures = ArrivalFigures.Measure(At(times), limit: 10, Second);

        Assert.Equal(180, figures.Requests);
        Assert.Equal(30, figures.MaxInWindow);
        Assert.Equal(180 - 10, figures.OverAdmitted); // all but the first window's 10
        Assert.InRange(figures.OfferedPerSecond, 29.9, 30.5);
    }

    [Fact]
    public void Measure_UnsortedInputWithRefusals_SortsAndCountsThe429s()
    {
        (DateTimeOffset, bool)[] requests =
        [
            (T0.AddMilliseconds(900), true),
            (T0, false),
            (T0.AddMilliseconds(300), false),
            (T0.AddMilliseconds(2000), true),
        ];

        ArrivalFigures figures = ArrivalFigures.Measure(requests, limit: 2, Second);

        Assert.Equal(3, figures.MaxInWindow);
        Assert.Equal(1, figures.OverAdmitted);
        Assert.Equal(2, figures.TooManyRequests);
        Assert.Equal(50.0, figures.TooManyRequestsPercent);
        Assert.Equal(TimeSpan.FromSeconds(2), figures.Span);
    }

    [Fact]
    public void Measure_NoRequests_AllZero()
    {
        ArrivalFigures figures = ArrivalFigures.Measure([], limit: 5, Second);

        Assert.Equal(0, figures.Requests);
        Assert.Equal(0, figures.MaxInWindow);
        Assert.Equal(0, figures.OverAdmittedPercent);
        Assert.Equal(0, figures.TooManyRequestsPercent);
        Assert.Equal(0, figures.OfferedPerSecond);
    }

    [Fact]
    public void Measure_LimitOrWindowNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("limit", () => ArrivalFigures.Measure([], limit: 0, Second));
        Assert.Throws<ArgumentOutOfRangeException>("window", () => ArrivalFigures.Measure([], limit: 1, TimeSpan.Zero));
    }

    private static IEnumerable<(DateTimeOffset, bool)> At(IEnumerable<double> milliseconds) =>
        milliseconds.Select(ms => (T0.AddTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond)), false)).ToList();
}
