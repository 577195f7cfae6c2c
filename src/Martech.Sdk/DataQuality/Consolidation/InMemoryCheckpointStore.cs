namespace Martech.Sdk;

/// <summary>The default <see cref="ICheckpointStore"/>: checkpoints in memory, lost with the process. Enough to resume
/// after a failure within one process (and in tests); use <see cref="FileCheckpointStore"/> or a durable store to
/// resume after a restart.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CheckpointEntry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<CheckpointEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckpointArguments.Check(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc/>
    public Task<bool> TrySetAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckpointArguments.Check(key, json, expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long current = _entries.TryGetValue(key, out CheckpointEntry? entry) ? entry.Version : 0;
            if (current != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _entries[key] = new CheckpointEntry(key, current + 1, json);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        CheckpointArguments.Check(key, expectedVersion: expectedVersion, minimumVersion: 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue(key, out CheckpointEntry? entry) && entry.Version == expectedVersion && _entries.Remove(key));
        }
    }
}
