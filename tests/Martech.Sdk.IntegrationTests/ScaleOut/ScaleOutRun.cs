using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Martech.Sdk.Testing;
using StackExchange.Redis;

namespace Martech.Sdk.IntegrationTests.ScaleOut;

/// <summary>
/// One scale-out run: a HubSpot emulator enforcing <see cref="Limit"/> requests per <see cref="Window"/> per access
/// token, and one worker process (<c>Martech.Sdk.ScaleOutWorker</c>) per clock skew, all on the same token, started
/// together once each has warmed up; the figures come from the emulator's arrival times on a monotonic clock.
/// </summary>
internal static class ScaleOutRun
{
    /// <summary>The limit on both sides: the emulator's and each worker's budget.</summary>
    public const int Limit = 20;

    /// <summary>The budget's guard: a permit counts for the window plus 2 % (20 ms of 1 s), which absorbs that much
    /// variation in the delay from a grant to the request's arrival at the vendor.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromMilliseconds(20);

    /// <summary>Requests each worker keeps in flight.</summary>
    public const int Concurrency = 8;

    /// <summary>The limit's window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>How long the workers send.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(6);

    /// <summary>The workers' clock skews: one slow by 2 s, one right, one fast by 2 s.</summary>
    public static readonly int[] SkewsMilliseconds = [-2000, 0, 2000];

    /// <summary>Runs the workers and measures what the emulator saw.</summary>
    /// <param name="mode">The workers' budget mode: <c>local</c>, <c>redis</c> or <c>redis-caller-clock</c>.</param>
    /// <param name="redis">The Redis endpoint (<c>host:port</c>) for the Redis modes.</param>
    /// <returns>The emulator's figures, each worker's summary, and the grants the Redis budget logged during the run
    /// (their Redis times; empty without Redis) with the arrival times, for <see cref="DeliverySpread"/>.</returns>
    public static async Task<ScaleOutResult> RunAsync(string mode, string? redis = null)
    {
        await using var emulator = new HubSpotEmulator
        {
            // Arrival times and the emulator's windows on a clock that only moves forward, steadily.
            TimeProvider = new MonotonicTimeProvider(),
        };
        var limit = new EmulatorRateLimit
        {
            PermitLimit = Limit,
            Window = Window,
            PartitionBy = r => r.GetHeader("Authorization") ?? string.Empty, // per access token, as HubSpot counts
        };
        emulator.RequestLog.Capacity = 1_000_000;
        await emulator.StartAsync();
        string contactId = emulator.AddContact(new Dictionary<string, string> { ["email"] = "scale-out@example.com", ["firstname"] = "Scale" }).Id;

        var workers = new List<Process>();
        try
        {
            for (int i = 0; i < SkewsMilliseconds.Length; i++)
            {
                workers.Add(StartWorker(emulator.BaseAddress, contactId, mode, redis, i, SkewsMilliseconds[i]));
            }

            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            foreach (Process worker in workers)
            {
                await ExpectLineAsync(worker, "ready", ready.Token);
            }

            // The workers warmed up (one read per loop) against an emulator without a limit; the limit starts now, and
            // nothing before the start counts.
            emulator.RateLimit = limit;
            emulator.RequestLog.Clear();
            await using GrantLog? grants = redis is null ? null : await GrantLog.StartAsync(redis);
            foreach (Process worker in workers)
            {
                await worker.StandardInput.WriteLineAsync("go");
                await worker.StandardInput.FlushAsync(ready.Token);
            }

            var summaries = new List<JsonElement>();
            using var finished = new CancellationTokenSource(Duration + TimeSpan.FromSeconds(60));
            foreach (Process worker in workers)
            {
                string stdout = await worker.StandardOutput.ReadToEndAsync(finished.Token);
                await worker.WaitForExitAsync(finished.Token);
                string stderr = await worker.StandardError.ReadToEndAsync(finished.Token);
                if (worker.ExitCode != 0)
                {
                    throw new InvalidOperationException($"A worker exited with {worker.ExitCode}: {stderr}{stdout}");
                }

                string json = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
                using var document = JsonDocument.Parse(json);
                summaries.Add(document.RootElement.Clone());
            }

            // Every request the limit counted, including any still in flight when a worker's deadline cancelled it.
            IReadOnlyList<RecordedRequest> requests = emulator.RequestLog.Requests;
            var counted = requests.Where(r => r.CountedByRateLimit).ToList();
            ArrivalFigures figures = ArrivalFigures.Measure(counted.Select(r => (r.ArrivedAt, r.RateLimited)), Limit, Window);
            IReadOnlyList<DateTimeOffset> granted = grants is null ? [] : await grants.StopAsync();
            return new ScaleOutResult(figures, summaries, granted, [.. counted.Select(r => r.ArrivedAt).Order()]);
        }
        finally
        {
            foreach (Process worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill();
                }

                worker.Dispose();
            }
        }
    }

    /// <summary>
    /// How much the delay from a grant to its request's arrival varied over a run, at least: the grants and arrivals
    /// sorted, the k-th arrival paired with the k-th grant (requests start in grant order, bar reordering in flight;
    /// sorting both only narrows the spread, so this is a lower bound), the largest minus the smallest delay. Both clocks
    /// read this host's system time (Redis TIME and the emulator's), so their constant offset cancels.
    /// </summary>
    /// <param name="grants">The grant times, sorted.</param>
    /// <param name="arrivals">The arrival times, sorted.</param>
    /// <returns>The spread; zero with fewer than two pairs.</returns>
    public static TimeSpan DeliverySpread(IReadOnlyList<DateTimeOffset> grants, IReadOnlyList<DateTimeOffset> arrivals)
    {
        int pairs = Math.Min(grants.Count, arrivals.Count);
        if (pairs < 2)
        {
            return TimeSpan.Zero;
        }

        TimeSpan min = TimeSpan.MaxValue, max = TimeSpan.MinValue;
        for (int k = 0; k < pairs; k++)
        {
            TimeSpan delay = arrivals[k] - grants[k];
            min = delay < min ? delay : min;
            max = delay > max ? delay : max;
        }

        return max - min;
    }

    /// <summary>Describes a worker's summary in one line.</summary>
    public static string Describe(JsonElement worker) => string.Create(
        CultureInfo.InvariantCulture,
        $"worker {worker.GetProperty("worker").GetInt32()} (clock {worker.GetProperty("skewMs").GetInt32():+0;-0;0} ms): {worker.GetProperty("calls").GetInt64()} calls, {worker.GetProperty("succeeded").GetInt64()} ok, {worker.GetProperty("rateLimited").GetInt64()} rate-limited, {worker.GetProperty("failed").GetInt64()} failed, {worker.GetProperty("waits").GetInt64()} budget waits ({worker.GetProperty("waitedSeconds").GetDouble():0.0} s)");

    private static Process StartWorker(Uri baseAddress, string contactId, string mode, string? redis, int worker, int skewMilliseconds)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string>
        {
            TestExecutables.PathOf("Martech.Sdk.ScaleOutWorker"),
            "--base-address", baseAddress.ToString(),
            "--access-token", HubSpotEmulator.DefaultAccessToken,
            "--contact-id", contactId,
            "--mode", mode,
            "--limit", Limit.ToString(CultureInfo.InvariantCulture),
            "--window-ms", ((int)Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--skew-ms", skewMilliseconds.ToString(CultureInfo.InvariantCulture),
            "--duration-ms", ((int)Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture),
            "--worker", worker.ToString(CultureInfo.InvariantCulture),
        };
        if (redis is not null)
        {
            arguments.AddRange(["--redis", redis]);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static async Task ExpectLineAsync(Process worker, string expected, CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await worker.StandardOutput.ReadLineAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"A worker did not say '{expected}' within 90 s.");
        }

        if (line != expected)
        {
            await worker.WaitForExitAsync(cancellationToken);
            string stderr = await worker.StandardError.ReadToEndAsync(cancellationToken);
            throw new InvalidOperationException($"A worker said '{line}' instead of '{expected}' and exited with {worker.ExitCode}: {stderr}");
        }
    }

    /// <summary>Reads the grants of every shared budget out of Redis while a run goes on: each grant is a member of the
    /// budget's log (a sorted set scored by its Redis time in ms) for one hold, so reading every log ten times a hold
    /// sees each grant unless the poll is starved for a hold. Grants logged before the start (the warm-up's) are left out.</summary>
    private sealed class GrantLog : IAsyncDisposable
    {
        private readonly ConnectionMultiplexer _connection;
        private readonly long _fromMilliseconds;
        private readonly Dictionary<string, long> _grants = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private Task? _polling;

        private GrantLog(ConnectionMultiplexer connection, long fromMilliseconds)
        {
            _connection = connection;
            _fromMilliseconds = fromMilliseconds;
        }

        public static async Task<GrantLog> StartAsync(string redis)
        {
            ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis);
            DateTime now = await connection.GetServer(connection.GetEndPoints()[0]).TimeAsync();
            var log = new GrantLog(connection, new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
            log._polling = log.PollAsync();
            return log;
        }

        public async Task<IReadOnlyList<DateTimeOffset>> StopAsync()
        {
            await ReadAsync(); // the last hold's grants
            await _stop.CancelAsync();
            await (_polling ?? Task.CompletedTask);
            return [.. _grants.Values.Where(ms => ms >= _fromMilliseconds).Order().Select(DateTimeOffset.FromUnixTimeMilliseconds)];
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await (_polling ?? Task.CompletedTask);
            _stop.Dispose();
            await _connection.DisposeAsync();
        }

        private async Task PollAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                await ReadAsync();
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task ReadAsync()
        {
            IServer server = _connection.GetServer(_connection.GetEndPoints()[0]);
            IDatabase db = _connection.GetDatabase();
            await foreach (RedisKey key in server.KeysAsync(pattern: "*:log"))
            {
                foreach (SortedSetEntry entry in await db.SortedSetRangeByRankWithScoresAsync(key))
                {
                    lock (_grants)
                    {
                        _grants[key.ToString() + "/" + entry.Element.ToString()] = (long)entry.Score;
                    }
                }
            }
        }
    }

    /// <summary>The system clock's start plus a monotonic stopwatch: never steps, so arrival gaps are true durations.</summary>
    private sealed class MonotonicTimeProvider : TimeProvider
    {
        private readonly DateTimeOffset _origin = System.GetUtcNow();
        private readonly long _start = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => _origin + Stopwatch.GetElapsedTime(_start);
    }
}

/// <summary>What a scale-out run measured.</summary>
/// <param name="Figures">What the emulator saw.</param>
/// <param name="Workers">Each worker's JSON summary.</param>
/// <param name="Grants">When the shared budget granted each permit of the run (Redis time), sorted; empty without Redis.</param>
/// <param name="Arrivals">When each counted request arrived at the emulator, sorted.</param>
internal sealed record ScaleOutResult(ArrivalFigures Figures, IReadOnlyList<JsonElement> Workers, IReadOnlyList<DateTimeOffset> Grants, IReadOnlyList<DateTimeOffset> Arrivals);
