namespace Martech.Sdk;

/// <summary>Settings of the Hangfire adapter (<c>services.AddMartechHangfire()</c>).</summary>
public sealed class MartechHangfireOptions
{
    /// <summary>How long a shard waits for the lock that keeps two workers off the same run and shard (held by a
    /// worker still running it, or left by a killed one until the storage expires it) before failing; Hangfire then
    /// retries it later.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the jobs may keep their checkpoints in the process's memory (<see cref="InMemoryCheckpointStore"/>,
    /// the default of <c>AddMartechJobs()</c>). The default value is <see langword="false"/>: the host then fails to start
    /// with that store, because a shard retried on another worker, or after a restart, would find no checkpoint and start
    /// its input again from the beginning. Set it for a single in-process Hangfire server in tests.</summary>
    public bool AllowInMemoryCheckpoints { get; set; }

    /// <summary>Describes what is wrong, each problem named by its setting.</summary>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate()
    {
        if (LockTimeout < TimeSpan.FromSeconds(1) || LockTimeout > TimeSpan.FromHours(1))
        {
            yield return $"{nameof(MartechHangfireOptions)}.{nameof(LockTimeout)} must be between 1 second and 1 hour (was {LockTimeout}).";
        }
    }
}
