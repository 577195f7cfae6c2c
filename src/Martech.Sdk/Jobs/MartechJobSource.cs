using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>Builds <see cref="IMartechJobSource{T}"/> inputs for jobs.</summary>
public static class MartechJobSource
{
    /// <summary>An input of the items of a list, which must not change while a run uses it.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <returns>The source.</returns>
    public static IMartechJobSource<T> FromList<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new DelegateSource<T>((from, ct) => Enumerate(items, from, ct));
    }

    /// <summary>An input read by a delegate that yields the items from a position on (such as a query with an
    /// <c>OFFSET</c>, or a file read from a line).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="read">Reads the items from a 0-based position to the end of the input.</param>
    /// <returns>The source.</returns>
    public static IMartechJobSource<T> FromDelegate<T>(Func<long, CancellationToken, IAsyncEnumerable<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new DelegateSource<T>(read);
    }

    private static async IAsyncEnumerable<T> Enumerate<T>(IReadOnlyList<T> items, long from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (long i = from; i < items.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return items[(int)i];
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private sealed class DelegateSource<T>(Func<long, CancellationToken, IAsyncEnumerable<T>> read) : IMartechJobSource<T>
    {
        public IAsyncEnumerable<T> ReadAsync(long fromPosition, CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
            return read(fromPosition, cancellationToken);
        }
    }
}
