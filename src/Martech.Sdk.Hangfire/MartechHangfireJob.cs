using System.ComponentModel;
using System.Globalization;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>
/// The Hangfire job that runs one shard of a Martech job run through <see cref="IMartechJobRunner"/>: enqueued by
/// <see cref="MartechHangfireJobs.Enqueue"/>, created by Hangfire's job activator from the container
/// (<c>services.AddMartechHangfire()</c> registers it).
/// </summary>
/// <remarks>
/// <para>Retries and resumes: when the shard throws, Hangfire's automatic retry runs it again later with the same
/// arguments, so the same run id, and the runner continues from the run's checkpoint; a worker killed mid-shard leaves
/// the Hangfire job fetched but unfinished, and the storage hands it to another worker after its invisibility timeout,
/// where it resumes the same way. Items whose outcome the checkpoint holds are not written again.</para>
/// <para>One worker per run and shard: the shard holds a Hangfire distributed lock named
/// <c>martech-job:&lt;job&gt;:&lt;run id&gt;:&lt;shard&gt;/&lt;shard count&gt;</c> while it runs (what
/// <c>[DisableConcurrentExecution]</c> does, but per run and shard instead of per method), waiting up to
/// <see cref="MartechHangfireOptions.LockTimeout"/> for it. The checkpoint's compare-and-set keeps the run right even
/// without the lock; the lock keeps a second worker from doing the same chunk's work only to lose the race.</para>
/// </remarks>
public sealed partial class MartechHangfireJob
{
    private readonly IMartechJobRunner _runner;
    private readonly MartechHangfireOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the job; Hangfire's activator does this from the container.</summary>
    /// <param name="runner">The Martech job runner.</param>
    /// <param name="options">The adapter's settings.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    public MartechHangfireJob(IMartechJobRunner runner, IOptions<MartechHangfireOptions> options, ILogger<MartechHangfireJob>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The lock resource a shard holds while it runs.</summary>
    /// <param name="job">The job's name.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="shardCount">The shard count.</param>
    /// <returns>The resource name, such as <c>martech-job:contacts:2026-06-01:0/4</c>.</returns>
    public static string LockResource(string job, string runId, int shard, int shardCount) =>
        string.Create(CultureInfo.InvariantCulture, $"martech-job:{job}:{runId}:{shard}/{shardCount}");

    /// <summary>Runs or resumes one shard of a run. Hangfire passes <paramref name="context"/> and
    /// <paramref name="cancellationToken"/> (cancelled when the server shuts down or the job is deleted); enqueue it
    /// with <see langword="null"/> and <see cref="CancellationToken.None"/>, as <see cref="MartechHangfireJobs.Enqueue"/>
    /// does.</summary>
    /// <param name="job">The registered job's name.</param>
    /// <param name="runId">The run id: the same on every retry, so each one resumes.</param>
    /// <param name="shard">The shard (0-based).</param>
    /// <param name="shardCount">The shard count.</param>
    /// <param name="context">Hangfire's perform context (for the per-shard lock), or <see langword="null"/> outside
    /// Hangfire.</param>
    /// <param name="cancellationToken">Hangfire's cancellation token.</param>
    /// <returns>A summary of the shard's report, kept by Hangfire as the job's result.</returns>
    /// <exception cref="Hangfire.Storage.DistributedLockTimeoutException">Another worker held the run's shard for
    /// longer than <see cref="MartechHangfireOptions.LockTimeout"/>; Hangfire retries later.</exception>
    [DisplayName("Martech job {0}, run {1}, shard {2} of {3}")]
    public async Task<string> RunAsync(string job, string runId, int shard, int shardCount, PerformContext? context, CancellationToken cancellationToken)
    {
        using IDisposable? held = context?.Connection.AcquireDistributedLock(LockResource(job, runId, shard, shardCount), _options.LockTimeout);
        MartechJobReport report = await _runner.RunAsync(job, runId, shard, shardCount, cancellationToken).ConfigureAwait(false);
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{report.Job} run {report.RunId} shard {report.Shard}/{report.ShardCount}: {report.Processed} processed, {report.Succeeded} succeeded, {report.Failed} failed{(report.Resumed ? ", resumed" : "")}{(report.AlreadyCompleted ? ", already completed" : "")}");
        LogShardDone(_logger, context?.BackgroundJob.Id, summary);
        return summary;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Hangfire job {HangfireJobId}: {Summary}")]
    private static partial void LogShardDone(ILogger logger, string? hangfireJobId, string summary);
}
