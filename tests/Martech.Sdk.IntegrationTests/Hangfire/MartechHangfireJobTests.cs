using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Martech.Sdk.IntegrationTests.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.IntegrationTests.Hangfire;

/// <summary>The Hangfire adapter on a real Hangfire server with PostgreSQL storage, in this process: one Hangfire job
/// per shard, the same run id on every retry, one worker per run and shard. The runner here records its calls; the
/// real runner is run through Hangfire by the kill-and-resume test.</summary>
[Collection(HangfireGlobals.Collection)]
public sealed class MartechHangfireJobTests(MartechHangfireJobTests.HangfireFixture hangfire) : IClassFixture<MartechHangfireJobTests.HangfireFixture>
{
    [Fact]
    public async Task Enqueue_OneHangfireJobPerShard_EachRunsItsShardOfTheRun()
    {
        string run = NewRun();

        IReadOnlyList<string> ids = MartechHangfireJobs.Enqueue(hangfire.Client, "contacts", run, shardCount: 3);

        Assert.Equal(3, ids.Distinct().Count());
        string[] results = await Task.WhenAll(ids.Select(hangfire.SucceededResultAsync));
        Assert.Equal(
            [("contacts", run, 0, 3), ("contacts", run, 1, 3), ("contacts", run, 2, 3)],
            hangfire.Runner.Calls.Where(c => c.RunId == run).Select(c => (c.Job, c.RunId, c.Shard, c.ShardCount)).Order());
        Assert.Contains($"\"contacts run {run} shard 1/3: 10 processed, 9 succeeded, 1 failed\"", results);
    }

    [Fact]
    public async Task FailedShard_IsRetriedByHangfire_WithTheSameRunId()
    {
        string run = NewRun();
        hangfire.Runner.FailFirstCall(run, shard: 0);

        string id = Assert.Single(MartechHangfireJobs.Enqueue(hangfire.Client, "contacts", run));

        string result = await hangfire.SucceededResultAsync(id);
        Assert.Equal([(run, 0), (run, 0)], hangfire.Runner.Calls.Where(c => c.RunId == run).Select(c => (c.RunId, c.Shard)));
        Assert.Contains("resumed", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameRunAndShard_NeverRunsOnTwoWorkersAtOnce_OtherShardsDo()
    {
        string run = NewRun();
        hangfire.Runner.Hold = TimeSpan.FromMilliseconds(700);
        try
        {
            // The same shard enqueued twice (a duplicate enqueue, or a retry racing a requeued job), and a second shard.
            var ids = new List<string>();
            ids.AddRange(MartechHangfireJobs.Enqueue(hangfire.Client, "contacts", run, shardCount: 2));
            ids.Add(hangfire.Client.Enqueue<MartechHangfireJob>(j => j.RunAsync("contacts", run, 0, 2, null, CancellationToken.None)));

            await Task.WhenAll(ids.Select(hangfire.SucceededResultAsync));

            Assert.Equal(1, hangfire.Runner.MaxConcurrent(run, 0));
            Assert.Equal(2, hangfire.Runner.MaxConcurrentInRun(run));
        }
        finally
        {
            hangfire.Runner.Hold = TimeSpan.Zero;
        }
    }

    [Theory]
    [InlineData(" ", "run", 1, null, "job")]
    [InlineData("contacts", "", 1, null, "runId")]
    [InlineData("contacts", "2026:06", 1, null, "runId")]
    [InlineData("contacts", "run", 0, null, "shardCount")]
    [InlineData("contacts", "run", 1001, null, "shardCount")]
    [InlineData("contacts", "run", 1, "Bad Queue", "queue")]
    public void Enqueue_BadArguments_AreRefusedBeforeAnythingIsEnqueued(string job, string runId, int shardCount, string? queue, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => MartechHangfireJobs.Enqueue(hangfire.Client, job, runId, shardCount, queue));

        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public async Task AddMartechHangfire_BadLockTimeout_FailsTheHostStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IMartechJobRunner>(new RecordingRunner());
        builder.Services.AddMartechHangfire(o => o.LockTimeout = TimeSpan.Zero);
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MartechHangfireOptions.LockTimeout must be between 1 second and 1 hour", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMartechHangfire_WithTheInMemoryCheckpointStore_FailsTheHostStartNamingTheFix()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMartech().AddInMemory("Crm");
        builder.Services.AddMartechJobs().AddContactUpsertJob("contacts", "Crm", _ => MartechJobSource.FromList<Contact>([]));
        builder.Services.AddMartechHangfire();
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("InMemoryCheckpointStore", e.Message, StringComparison.Ordinal);
        Assert.Contains("AddPostgreSql().UseCheckpointStore()", e.Message, StringComparison.Ordinal);

        var allowed = Host.CreateApplicationBuilder();
        allowed.Services.AddMartech().AddInMemory("Crm");
        allowed.Services.AddMartechJobs().AddContactUpsertJob("contacts", "Crm", _ => MartechJobSource.FromList<Contact>([]));
        allowed.Services.AddMartechHangfire(o => o.AllowInMemoryCheckpoints = true);
        using IHost allowedHost = allowed.Build();
        await allowedHost.StartAsync();
        await allowedHost.StopAsync();
    }

    private static string NewRun() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>A PostgreSQL server, a Hangfire server on it in a generic host, and the runner it calls.</summary>
    public sealed class HangfireFixture : IAsyncLifetime
    {
        private readonly PostgresFixture _pg = new();
        private IHost? _host;

        public RecordingRunner Runner { get; } = new();

        public IBackgroundJobClient Client => _host!.Services.GetRequiredService<IBackgroundJobClient>();

        public JobStorage Storage => _host!.Services.GetRequiredService<JobStorage>();

        public async Task InitializeAsync()
        {
            await _pg.InitializeAsync();
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddSingleton<IMartechJobRunner>(Runner);
            builder.Services.AddMartechHangfire(o => o.LockTimeout = TimeSpan.FromSeconds(30));
            builder.Services.AddHangfire(c => c
                .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(_pg.Server.ConnectionString), new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(100) })
                .UseFilter(new AutomaticRetryAttribute { Attempts = 3, DelaysInSeconds = [1] }));
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = 4;
                o.SchedulePollingInterval = TimeSpan.FromMilliseconds(250);
            });
            _host = builder.Build();
            await _host.StartAsync();
        }

        public async Task<string> SucceededResultAsync(string id)
        {
            using IStorageConnection connection = Storage.GetConnection();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                StateData? state = connection.GetStateData(id);
                if (state?.Name == "Succeeded")
                {
                    return state.Data["Result"];
                }

                if (waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"Hangfire job {id} is {state?.Name ?? "unknown"} after 60 s: {string.Join("; ", state?.Data ?? new Dictionary<string, string>())}");
                }

                await Task.Delay(100);
            }
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.StopAsync();
                _host.Dispose();
            }

            // AddHangfire() set Hangfire's process-wide log provider to this host's logger factory, now disposed.
            global::Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);

            await _pg.DisposeAsync();
        }
    }

    /// <summary>Records what Hangfire asked of the runner: each call, and how many ran at once per run and shard.</summary>
    public sealed class RecordingRunner : IMartechJobRunner
    {
        private readonly ConcurrentQueue<(string Job, string RunId, int Shard, int ShardCount)> _calls = new();
        private readonly ConcurrentDictionary<(string, int), bool> _failFirst = new();
        private readonly ConcurrentDictionary<string, int> _running = new();
        private readonly ConcurrentDictionary<string, int> _max = new();

        public TimeSpan Hold { get; set; }

        public IReadOnlyList<(string Job, string RunId, int Shard, int ShardCount)> Calls => [.. _calls];

        public void FailFirstCall(string runId, int shard) => _failFirst[(runId, shard)] = true;

        public int MaxConcurrent(string runId, int shard) => _max.GetValueOrDefault($"{runId}:{shard}");

        public int MaxConcurrentInRun(string runId) => _max.GetValueOrDefault(runId);

        public async Task<MartechJobReport> RunAsync(string job, string runId, int shard = 0, int shardCount = 1, CancellationToken cancellationToken = default)
        {
            bool resumed = _calls.Any(c => c.RunId == runId && c.Shard == shard);
            _calls.Enqueue((job, runId, shard, shardCount));
            string shardKey = $"{runId}:{shard}";
            Enter(shardKey);
            Enter(runId);
            try
            {
                await Task.Delay(Hold, cancellationToken);
                if (_failFirst.TryRemove((runId, shard), out _))
                {
                    throw new InvalidOperationException("The vendor was unreachable.");
                }

                return new MartechJobReport
                {
                    Job = job,
                    RunId = runId,
                    Shard = shard,
                    ShardCount = shardCount,
                    Processed = 10,
                    Succeeded = 9,
                    Failed = 1,
                    Resumed = resumed,
                    Outcomes = [],
                };
            }
            finally
            {
                _running.AddOrUpdate(shardKey, 0, (_, n) => n - 1);
                _running.AddOrUpdate(runId, 0, (_, n) => n - 1);
            }
        }

        private void Enter(string key)
        {
            int now = _running.AddOrUpdate(key, 1, (_, n) => n + 1);
            _max.AddOrUpdate(key, now, (_, m) => Math.Max(m, now));
        }
    }
}

/// <summary>Hangfire keeps process-wide settings (its log provider, global filters): the test classes that touch them
/// run one after the other.</summary>
[CollectionDefinition(Collection)]
public sealed class HangfireGlobals
{
    public const string Collection = "Hangfire globals";
}
