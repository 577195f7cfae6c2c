namespace Martech.Sdk;

/// <summary>
/// Runs resumable bulk jobs (contact and lead upserts, suppression syncs, exports) registered with
/// <c>services.AddMartechJobs()</c>: each run keeps a checkpoint (input cursor and the per-item outcomes so far) in the
/// registered <see cref="ICheckpointStore"/>, so any job engine (Hangfire, Quartz.NET, a queue consumer, a cron job) can
/// start a run, stop it anywhere, and run it again with the same run id to continue where it stopped without
/// writing any item twice.
/// </summary>
public interface IMartechJobRunner
{
    /// <summary>Runs or resumes one shard of a job run until its input is done, then reports every item's outcome.</summary>
    /// <param name="job">The registered job's name.</param>
    /// <param name="runId">Identifies the run: the same id resumes it; a new id starts afresh.</param>
    /// <param name="shard">Which shard of the input this call runs (0-based).</param>
    /// <param name="shardCount">How many shards the input is split into (items by position, modulo). The default value is 1.</param>
    /// <param name="cancellationToken">Stops the run after its checkpoint; the next call with the same run id continues.</param>
    /// <returns>The report of the shard's run.</returns>
    /// <exception cref="ArgumentException">The job is not registered, or the shard is out of range; before anything runs.</exception>
    Task<MartechJobReport> RunAsync(string job, string runId, int shard = 0, int shardCount = 1, CancellationToken cancellationToken = default);
}
