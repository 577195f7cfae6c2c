namespace Martech.Sdk;

/// <summary>
/// A job's input that can be read again from any position, so a run resumes where its checkpoint stands and each shard
/// reads the items of its own positions. Build one with <see cref="MartechJobSource"/>, or implement it over a file or
/// a table.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>The input must be the same on every read of a run: position <c>n</c> is always the same item. An item's
/// position is its 0-based index in the whole input.</remarks>
public interface IMartechJobSource<T>
{
    /// <summary>Reads the items from a position to the end of the input.</summary>
    /// <param name="fromPosition">The position of the first item to read (0 for the whole input).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items at <paramref name="fromPosition"/>, <paramref name="fromPosition"/> + 1, and so on.</returns>
    IAsyncEnumerable<T> ReadAsync(long fromPosition, CancellationToken cancellationToken = default);
}
