using Hangfire;

namespace Martech.Sdk;

/// <summary>Enqueues Martech job runs on Hangfire: one background job per shard.</summary>
public static class MartechHangfireJobs
{
    /// <summary>
    /// Enqueues a run of a registered Martech job as <paramref name="shardCount"/> Hangfire jobs, one per shard, each
    /// calling <see cref="IMartechJobRunner.RunAsync"/> with the same <paramref name="runId"/> through
    /// <see cref="MartechHangfireJob"/>. Workers run the shards in parallel; a shard that fails or whose worker dies
    /// is retried by Hangfire and resumes from its checkpoint.
    /// </summary>
    /// <param name="client">Hangfire's client (<c>IBackgroundJobClient</c>).</param>
    /// <param name="job">The registered job's name.</param>
    /// <param name="runId">The run id: choose a new one per run (such as the date, or a GUID); enqueueing an id
    /// again continues that run, and a finished run does nothing more.</param>
    /// <param name="shardCount">How many shards to split the input into (items by position, modulo).</param>
    /// <param name="queue">The Hangfire queue, or <see langword="null"/> for the default one.</param>
    /// <returns>The Hangfire job ids, in shard order.</returns>
    /// <exception cref="ArgumentException"><paramref name="job"/> or <paramref name="runId"/> is empty, the run id holds
    /// <c>:</c>, or
    /// <paramref name="shardCount"/> is below 1 or above 1,000.</exception>
    public static IReadOnlyList<string> Enqueue(IBackgroundJobClient client, string job, string runId, int shardCount = 1, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrWhiteSpace(job))
        {
            throw new ArgumentException("The job name is empty; name a job registered with AddMartechJobs().", nameof(job));
        }

        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new ArgumentException($"The run id of job '{job}' is empty; give each run an id (the same id resumes the run).", nameof(runId));
        }

        if (runId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The run id '{runId}' contains ':', which separates the parts of checkpoint keys; use another run id, such as a GUID.", nameof(runId));
        }

        if (shardCount is < 1 or > 1000)
        {
            throw new ArgumentException($"The shard count of job '{job}' must be between 1 and 1,000 (was {shardCount}).", nameof(shardCount));
        }

        if (queue is not null && (queue.Length == 0 || !queue.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-')))
        {
            throw new ArgumentException($"The queue '{queue}' is not a Hangfire queue name: use lowercase letters, digits, '_' and '-'.", nameof(queue));
        }

        var ids = new string[shardCount];
        for (int shard = 0; shard < shardCount; shard++)
        {
            int s = shard;
            ids[shard] = queue is null
                ? client.Enqueue<MartechHangfireJob>(j => j.RunAsync(job, runId, s, shardCount, null, CancellationToken.None))
                : client.Enqueue<MartechHangfireJob>(queue, j => j.RunAsync(job, runId, s, shardCount, null, CancellationToken.None));
        }

        return ids;
    }
}
