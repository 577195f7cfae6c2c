using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Martech.Sdk;

/// <summary>Builds <see cref="IMartechJobSink{T}"/> outputs for export jobs.</summary>
public static class MartechJobSink
{
    /// <summary>A file of JSON lines (one contact per line, UTF-8), cut back on resume to the byte length the checkpoint
    /// recorded.</summary>
    /// <param name="path">The file; created when missing, emptied by a new run.</param>
    /// <returns>The sink.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static IMartechJobSink<Contact> ContactJsonLines(string path) => JsonLines(path, MartechJobsJsonContext.Default.Contact);

    /// <summary>A file of JSON lines (one item per line, UTF-8, serialised with <paramref name="typeInfo"/>), cut back on
    /// resume to the byte length the checkpoint recorded.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="path">The file; created when missing, emptied by a new run.</param>
    /// <param name="typeInfo">The item's JSON contract, from a source-generated <c>JsonSerializerContext</c>.</param>
    /// <returns>The sink.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static IMartechJobSink<T> JsonLines<T>(string path, JsonTypeInfo<T> typeInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new JsonLinesSink<T>(Path.GetFullPath(path), typeInfo);
    }

    private sealed class JsonLinesSink<T>(string path, JsonTypeInfo<T> typeInfo) : IMartechJobSink<T>
    {
        private static readonly byte[] NewLine = "\n"u8.ToArray();

        public Task OpenAsync(long length, CancellationToken cancellationToken = default)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            cancellationToken.ThrowIfCancellationRequested();
            using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            if (file.Length < length)
            {
                throw new InvalidOperationException($"The export file '{path}' holds {file.Length} bytes, fewer than the {length} the job's checkpoint recorded: it is not the file the run wrote. Restore it, or start a new run id.");
            }

            file.SetLength(length);
            file.Flush(flushToDisk: true);
            return Task.CompletedTask;
        }

        public async Task<long> WriteAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(items);
            var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
            await using ConfiguredAsyncDisposable closing = file.ConfigureAwait(false);
            foreach (T item in items)
            {
                await file.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(item, typeInfo), cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            return file.Length;
        }
    }
}
