using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Martech.Sdk;
using Martech.Sdk.ScaleOutWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// One of the scale-out test's worker processes: the real HubSpot provider against the HubSpot emulator, with a rate
// budget of --limit requests per --window-ms, in-process (--mode local) or shared through Redis (--mode redis, timed by
// Redis TIME; --mode redis-caller-clock, timed by this process's clock), and this process's clock skewed by --skew-ms.
// It warms up, prints "ready", waits for a line on stdin, then reads one contact from --concurrency
// loops for --duration-ms, and prints one JSON line with what its calls got.
WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(WorkerArguments.Usage);
    return 2;
}

var clock = new SkewedTimeProvider(TimeSpan.FromMilliseconds(arguments.SkewMilliseconds));
HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Services.AddSingleton<TimeProvider>(clock);
MartechBuilder martech = builder.Services.AddMartech();
martech.AddHubSpot(configure: o =>
{
    o.BaseAddress = arguments.BaseAddress;
    o.AccessToken = arguments.AccessToken;

    // One clear limit: N per window. The default is HubSpot's burst limit per ten seconds.
    o.RateLimitPermits = arguments.Limit;
    o.RateLimitWindow = TimeSpan.FromMilliseconds(arguments.WindowMilliseconds);
    o.RateLimitMaxWait = TimeSpan.FromSeconds(30);
    o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
    o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(200);
    o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
    o.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
});
SharedBudgets.Register(builder.Services, arguments);

using IHost host = builder.Build();
using var waits = new WaitRecorder();
await host.StartAsync();
var client = host.Services.GetRequiredService<IContactClient>();
string budgetClock = host.Services.GetService<ISharedRateBudgetStore>()?.ClockDescription ?? "in-process (monotonic timestamps)";

// Warm up: open the connections and compile the request path with one read per loop, then let those permits leave
// the budget, so the measured run starts from steady processes with a full budget, not from cold starts.
await Task.WhenAll(Enumerable.Range(0, arguments.Concurrency).Select(_ => client.GetAsync(arguments.ContactId)));
await Task.Delay(TimeSpan.FromMilliseconds(arguments.WindowMilliseconds * 1.1));
Console.Out.WriteLine("ready");
Console.Out.Flush();
if (Console.In.ReadLine() is null)
{
    Console.Error.WriteLine("stdin closed before the start signal.");
    return 3;
}

var counts = new Counts();
using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(arguments.DurationMilliseconds));
var elapsed = Stopwatch.StartNew();
Task[] loops = new Task[arguments.Concurrency];
for (int i = 0; i < loops.Length; i++)
{
    loops[i] = Task.Run(() => ReadLoopAsync(client, arguments.ContactId, counts, deadline.Token));
}

await Task.WhenAll(loops);
elapsed.Stop();
await host.StopAsync();

using (var stdout = Console.OpenStandardOutput())
using (var json = new Utf8JsonWriter(stdout))
{
    json.WriteStartObject();
    json.WriteNumber("worker", arguments.Worker);
    json.WriteString("mode", arguments.Mode);
    json.WriteNumber("skewMs", arguments.SkewMilliseconds);
    json.WriteString("budgetClock", budgetClock);
    json.WriteNumber("calls", counts.Calls);
    json.WriteNumber("succeeded", counts.Succeeded);
    json.WriteNumber("rateLimited", counts.RateLimited);
    json.WriteNumber("failed", counts.Failed);
    json.WriteNumber("canceled", counts.Canceled);
    json.WriteNumber("waits", waits.Count);
    json.WriteNumber("waitedSeconds", Math.Round(waits.Seconds, 3));
    json.WriteNumber("elapsedSeconds", Math.Round(elapsed.Elapsed.TotalSeconds, 3));
    json.WriteString("lastError", counts.LastError);
    json.WriteEndObject();
}

Console.Out.WriteLine();
return 0;

static async Task ReadLoopAsync(IContactClient client, string id, Counts counts, CancellationToken deadline)
{
    while (!deadline.IsCancellationRequested)
    {
        Interlocked.Increment(ref counts.Calls);
        try
        {
            _ = await client.GetAsync(id, deadline).ConfigureAwait(false);
            Interlocked.Increment(ref counts.Succeeded);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Interlocked.Increment(ref counts.Canceled);
        }
        catch (MartechRateLimitedException e)
        {
            Interlocked.Increment(ref counts.RateLimited);
            counts.LastError = $"{e.GetType().Name}: {e.Message}";
        }
        catch (Exception e) when (e is MartechException or HttpRequestException or TimeoutException)
        {
            Interlocked.Increment(ref counts.Failed);
            counts.LastError = $"{e.GetType().Name}: {e.Message}";
        }
    }
}

namespace Martech.Sdk.ScaleOutWorker
{
    /// <summary>What the worker's calls got.</summary>
    internal sealed class Counts
    {
        public long Calls;
        public long Succeeded;
        public long RateLimited;
        public long Failed;
        public long Canceled;

        public string? LastError { get; set; }
    }

    /// <summary>Sums the SDK's <c>martech.client.rate_limit.wait</c> histogram: how often and how long requests waited
    /// for the rate budget.</summary>
    internal sealed class WaitRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;
        private long _microseconds;

        public WaitRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Martech.Sdk" && instrument.Name == "martech.client.rate_limit.wait")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
            {
                if (seconds > 0)
                {
                    Interlocked.Increment(ref _count);
                    Interlocked.Add(ref _microseconds, (long)(seconds * 1_000_000));
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public double Seconds => Interlocked.Read(ref _microseconds) / 1_000_000.0;

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The system clock moved by a fixed offset, as a worker whose clock is wrong sees it: wall-clock time
    /// (<see cref="GetUtcNow"/>, which a caller-clock shared budget stamps permits with) and timestamps (which the
    /// in-process budget measures holds with; an offset cancels out there) both move; timers run in real time.</summary>
    internal sealed class SkewedTimeProvider(TimeSpan offset) : TimeProvider
    {
        private readonly long _timestampOffset = (long)(offset.TotalSeconds * System.TimestampFrequency);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

        public override long GetTimestamp() => System.GetTimestamp() + _timestampOffset;

        public override long TimestampFrequency => System.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>The worker's command line.</summary>
    internal sealed record WorkerArguments(
        Uri BaseAddress,
        string AccessToken,
        string Mode,
        string? Redis,
        int Limit,
        int WindowMilliseconds,
        int SkewMilliseconds,
        int DurationMilliseconds,
        int Concurrency,
        string ContactId,
        int Worker)
    {
        public const string ModeLocal = "local";
        public const string ModeRedis = "redis";
        public const string ModeRedisCallerClock = "redis-caller-clock";

        public const string Usage =
            "usage: Martech.Sdk.ScaleOutWorker --base-address <url> --access-token <token> --contact-id <id> --mode local|redis|redis-caller-clock "
            + "[--redis <host:port>] [--limit 20] [--window-ms 1000] [--skew-ms 0] [--duration-ms 6000] [--concurrency 8] [--worker 0]";

        public static WorkerArguments Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"Expected '--name value' pairs; '{args[i]}' has no value or is not an option.", nameof(args));
                }

                values[args[i][2..]] = args[i + 1];
            }

            string Required(string name) =>
                values.Remove(name, out string? value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required.", nameof(args));

            int Number(string name, int fallback, int min, int max)
            {
                if (!values.Remove(name, out string? text))
                {
                    return fallback;
                }

                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
                    ? n
                    : throw new ArgumentException($"--{name} must be a whole number from {min} to {max} (was '{text}').", nameof(args));
            }

            Uri baseAddress = Uri.TryCreate(Required("base-address"), UriKind.Absolute, out Uri? uri) && uri.IsLoopback
                ? uri
                : throw new ArgumentException("--base-address must be an absolute loopback URL.", nameof(args));
            string token = Required("access-token");
            string contactId = Required("contact-id");
            string mode = Required("mode");
            if (mode is not (ModeLocal or ModeRedis or ModeRedisCallerClock))
            {
                throw new ArgumentException($"--mode must be {ModeLocal}, {ModeRedis} or {ModeRedisCallerClock} (was '{mode}').", nameof(args));
            }

            values.Remove("redis", out string? redis);
            if (mode != ModeLocal && string.IsNullOrEmpty(redis))
            {
                throw new ArgumentException($"--redis <host:port> is required with --mode {mode}.", nameof(args));
            }

            var parsed = new WorkerArguments(
                baseAddress,
                token,
                mode,
                redis,
                Number("limit", 20, 1, 100_000),
                Number("window-ms", 1000, 1, 3_600_000),
                Number("skew-ms", 0, -3_600_000, 3_600_000),
                Number("duration-ms", 6000, 1, 3_600_000),
                Number("concurrency", 8, 1, 1024),
                contactId,
                Number("worker", 0, 0, 1024));
            return values.Count == 0 ? parsed : throw new ArgumentException($"Unknown option --{values.Keys.First()}.", nameof(args));
        }
    }
}
