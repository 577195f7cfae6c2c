namespace Martech.Sdk;

/// <summary>
/// Where an export job writes: an append-only output whose length the job's checkpoint records after each page, so a
/// resumed run cuts off whatever was written after the last checkpoint and writes it again, and no item appears twice.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>The length is in units the sink chooses (bytes for a file); the job only stores it and hands it back.</remarks>
public interface IMartechJobSink<T>
{
    /// <summary>Prepares the output for a run: keeps its first <paramref name="length"/> units and drops the rest
    /// (<c>0</c> for a new run: an empty output).</summary>
    /// <param name="length">The length the checkpoint recorded.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the output is ready.</returns>
    /// <exception cref="InvalidOperationException">The output is shorter than <paramref name="length"/>: it is not the
    /// output the checkpoint was written for.</exception>
    Task OpenAsync(long length, CancellationToken cancellationToken = default);

    /// <summary>Appends items and makes them durable.</summary>
    /// <param name="items">The items, in order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The output's length after the items.</returns>
    Task<long> WriteAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default);
}
