namespace Martech.Sdk;

/// <summary>
/// Where resumable work keeps its checkpoints: a key → versioned JSON document, written with compare-and-set so two
/// runs of the same job cannot both advance it. The in-memory store (<see cref="InMemoryCheckpointStore"/>) and the file
/// store (<see cref="FileCheckpointStore"/>) ship in the core; a durable shared store (a database, Redis) implements the
/// same three calls.
/// </summary>
/// <remarks>
/// Versions start at 1 for a new key and grow by one per write; <c>0</c> stands for "no document". Implementations
/// are thread-safe, and a store shared by several processes makes <see cref="TrySetAsync"/> atomic across them.
/// </remarks>
public interface ICheckpointStore
{
    /// <summary>Reads a checkpoint.</summary>
    /// <param name="key">The key, such as <c>consolidation:contacts:Pipedrive:HubSpot</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when the key holds none.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null, empty or white space.</exception>
    Task<CheckpointEntry?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a checkpoint if the key still holds <paramref name="expectedVersion"/> (compare-and-set).</summary>
    /// <param name="key">The key.</param>
    /// <param name="json">The document, JSON text.</param>
    /// <param name="expectedVersion">The version read before (<c>0</c> when the key must hold nothing).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when written (the key now holds version <paramref name="expectedVersion"/> + 1);
    /// <see langword="false"/> when the key holds another version: someone else wrote it.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> or <paramref name="json"/> is empty, or
    /// <paramref name="expectedVersion"/> is negative.</exception>
    Task<bool> TrySetAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes a checkpoint if the key still holds <paramref name="expectedVersion"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when removed; <see langword="false"/> when the key holds another version or
    /// nothing.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty, or <paramref name="expectedVersion"/> is
    /// below 1.</exception>
    Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default);
}
