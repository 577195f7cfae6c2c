using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Testing;

public class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_StartsAtDefaultStartInUtc_WithNoTimers()
    {
        var clock = new ManualTimeProvider();

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero), ManualTimeProvider.DefaultStart);
        Assert.Equal(ManualTimeProvider.DefaultStart, clock.GetUtcNow());
        Assert.Equal(ManualTimeProvider.DefaultStart, clock.Start);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
        Assert.Equal(0, clock.ActiveTimers);
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
        Assert.Equal(TimeSpan.TicksPerSecond, clock.TimestampFrequency);
        Assert.Equal("2025-03-03T09:00:00.000Z", clock.ToString());
    }

    [Fact]
    public void New_WithOffsetStart_KeepsTheInstantInUtc()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(Start, clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [Fact]
    public void Advance_MovesWallClockTimestampAndElapsed()
    {
        var clock = new ManualTimeProvider(Start);
        long before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(Start.AddSeconds(90), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), clock.GetElapsedTime(before));
        Assert.Equal(TimeSpan.FromSeconds(90), clock.Elapsed);
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var clock = new ManualTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceWithoutFiringTimers(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Timer_FiresOnlyWhenTheClockReachesItsDueTime_AtThatMoment()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using ITimer timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.Empty(fired);
        Assert.Equal(1, clock.ActiveTimers);

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal([Start.AddSeconds(10)], fired);
        Assert.Equal(Start.AddSeconds(10).AddMinutes(5).AddTicks(-1), clock.GetUtcNow());
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public void Timers_FireInDueOrder_AndInArmingOrderWhenDueTogether()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<string>();
        using ITimer late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using ITimer first = clock.CreateTimer(_ => fired.Add("first"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using ITimer second = clock.CreateTimer(_ => fired.Add("second"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["first", "second", "late"], fired);
    }

    [Fact]
    public void PeriodicTimer_FiresOncePerPeriodWithinOneAdvance()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<TimeSpan>();
        using ITimer timer = clock.CreateTimer(_ => fired.Add(clock.Elapsed), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)], fired);
        Assert.Equal(1, clock.ActiveTimers);
    }

    [Fact]
    public void TimerArmedByACallback_IsDueRelativeToTheCallbacksMoment()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<TimeSpan>();
        ITimer? timer = null;
        timer = clock.CreateTimer(
            _ =>
            {
                fired.Add(clock.Elapsed);
                if (fired.Count < 3)
                {
                    timer!.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)], fired);
        timer.Dispose();
    }

    [Fact]
    public void ZeroDueTime_FiresAtTheNextAdvance_NotInsideCreateTimer()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.Zero);

        Assert.Equal(1, fired);
    }

    [Fact]
    public void DisposedOrDisarmedTimer_NeverFires()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        ITimer disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using ITimer disarmed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        disposed.Dispose();
        Assert.True(disarmed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public void Change_NegativeDueTimeOrPeriod_Throws()
    {
        var clock = new ManualTimeProvider(Start);
        using ITimer timer = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromTicks(-1), Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.Zero, TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void AdvanceWithoutFiringTimers_LeavesDueTimersForTheNextAdvance_WhichFiresThemThen()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<TimeSpan>();
        using ITimer timer = clock.CreateTimer(_ => fired.Add(clock.Elapsed), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.AdvanceWithoutFiringTimers(TimeSpan.FromSeconds(3));
        Assert.Empty(fired);

        clock.Advance(TimeSpan.Zero);

        Assert.Equal([TimeSpan.FromSeconds(3)], fired);
    }

    [Fact]
    public void SetUtcNow_Forward_AdvancesAndFiresTimers()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        clock.SetUtcNow(Start.AddHours(1));

        Assert.Equal(1, fired);
        Assert.Equal(Start.AddHours(1), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromHours(1), clock.Elapsed);
    }

    [Fact]
    public void SetUtcNow_Backward_MovesOnlyTheWallClock()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        long timestamp = clock.GetTimestamp();
        var signedLongAgo = new DateTimeOffset(2014, 6, 24, 21, 27, 0, TimeSpan.Zero);

        clock.SetUtcNow(signedLongAgo);

        Assert.Equal(signedLongAgo, clock.GetUtcNow());
        Assert.Equal(timestamp, clock.GetTimestamp());
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, fired);
        Assert.Equal(signedLongAgo.AddMinutes(1), clock.GetUtcNow());
    }

    [Fact]
    public async Task TaskDelay_CompletesWhenAdvancedPastIt()
    {
        var clock = new ManualTimeProvider(Start);

        Task delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void CancellationTokenSource_CancelsWhenAdvancedPastItsDelay()
    {
        var clock = new ManualTimeProvider(Start);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(cts.IsCancellationRequested);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public void SetLocalTimeZone_ChangesLocalNow()
    {
        var clock = new ManualTimeProvider(Start);
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");

        clock.SetLocalTimeZone(zone);

        Assert.Same(zone, clock.LocalTimeZone);
        Assert.Equal(TimeSpan.FromHours(2), clock.GetLocalNow().Offset);
        Assert.Equal(11, clock.GetLocalNow().Hour);
    }

    [Fact]
    public async Task ConcurrentAdvances_FireTimersInDueOrder_OneThreadAtATime()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new System.Collections.Concurrent.ConcurrentQueue<(string Name, DateTimeOffset At)>();
        using var firstRunning = new ManualResetEventSlim();
        using var secondAdvanceCalled = new ManualResetEventSlim();
        using ITimer first = clock.CreateTimer(_ =>
        {
            firstRunning.Set();
            secondAdvanceCalled.Wait(TimeSpan.FromSeconds(10));
            Thread.Sleep(200);                                   // room for the other thread to fire out of order
            fired.Enqueue(("first", clock.GetUtcNow()));
        }, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using ITimer second = clock.CreateTimer(_ => fired.Enqueue(("second", clock.GetUtcNow())), null, TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan);

        Task a = Task.Run(() => clock.Advance(TimeSpan.FromSeconds(10)));
        Assert.True(firstRunning.Wait(TimeSpan.FromSeconds(10)));
        Task b = Task.Run(() =>
        {
            secondAdvanceCalled.Set();
            clock.Advance(TimeSpan.FromSeconds(10));
        });
        await Task.WhenAll(a, b);

        Assert.Equal([("first", Start.AddSeconds(10)), ("second", Start.AddSeconds(20))], fired.ToArray());
        Assert.Equal(Start.AddSeconds(20), clock.GetUtcNow());
    }

    [Fact]
    public async Task ConcurrentTimersAndAdvances_EachTimerFiresExactlyOnce()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        var timers = new List<ITimer>();
        for (int i = 0; i < 200; i++)
        {
            timers.Add(clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(i + 1), Timeout.InfiniteTimeSpan));
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int step = 0; step < 100; step++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        })));

        Assert.Equal(200, fired);
        Assert.Equal(TimeSpan.FromMilliseconds(400), clock.Elapsed);
        Assert.Equal(0, clock.ActiveTimers);
        timers.ForEach(t => t.Dispose());
    }
}
