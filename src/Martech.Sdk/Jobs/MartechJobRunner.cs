using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>The <see cref="IMartechJobRunner"/> of <c>AddMartechJobs()</c>.</summary>
internal sealed class MartechJobRunner(MartechJobDefinitions definitions, IServiceProvider services, ICheckpointStore checkpoints, IOptions<MartechJobsOptions> options) : IMartechJobRunner
{
    private readonly TimeProvider _time = services.GetService<TimeProvider>() ?? TimeProvider.System;

    public async Task<MartechJobReport> RunAsync(string job, string runId, int shard = 0, int shardCount = 1, CancellationToken cancellationToken = default)
    {
        MartechJobDefinition definition = Check(job, runId, shard, shardCount);
        var run = new MartechJobShard(checkpoints, _time, MartechJobShard.KeyOf(definition.Name, runId, shard));
        await run.LoadAsync(new MartechJobCheckpoint { Job = definition.Name, Kind = definition.Kind, Run = runId, Shard = shard, ShardCount = shardCount }, cancellationToken).ConfigureAwait(false);
        if (run.State.Completed)
        {
            return await run.ReportAsync(resumed: false, alreadyCompleted: true, cancellationToken).ConfigureAwait(false);
        }

        // Taking the checkpoint up is a write: of two workers that read it at once, the second fails here, before
        // anything is sent.
        bool resumed = run.Existed;
        run.State.Attempts++;
        await run.SaveAsync().ConfigureAwait(false);
        await definition.RunAsync(run, services, options.Value, cancellationToken).ConfigureAwait(false);
        run.State.Completed = true;
        await run.SaveAsync().ConfigureAwait(false);
        return await run.ReportAsync(resumed, alreadyCompleted: false, cancellationToken).ConfigureAwait(false);
    }

    private MartechJobDefinition Check(string job, string runId, int shard, int shardCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (runId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The run id '{runId}' contains ':', which separates the parts of checkpoint keys; use another run id, such as a GUID.", nameof(runId));
        }

        if (shardCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shardCount), shardCount, "shardCount must be 1 or more.");
        }

        if (shard < 0 || shard >= shardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), shard, $"shard must be 0 to {shardCount - 1} when shardCount is {shardCount}.");
        }

        if (definitions.Problems(services.GetService<MartechRegistry>()).ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The jobs added with AddMartechJobs() are misconfigured: " + string.Join(" ", problems));
        }

        MartechJobDefinition definition = definitions.Find(job) ?? throw new ArgumentException(
            $"There is no job named '{job}'; the jobs added with AddMartechJobs() are: {(definitions.Names.Count == 0 ? "none" : string.Join(", ", definitions.Names))}.",
            nameof(job));
        if (!definition.Shardable && shardCount != 1)
        {
            throw new ArgumentException($"Job '{definition.Name}' ({definition.Kind}) reads one listing and cannot be sharded; run it with shardCount 1.", nameof(shardCount));
        }

        return definition;
    }
}
