using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// An <see cref="ICheckpointStore"/> that keeps each checkpoint in a file of one directory, so a run resumes after the
/// process restarts. A write goes to a temporary file that then replaces the old one, so a crash leaves the old or the
/// new document, never half of one; compare-and-set holds a lock file for the key, so it is atomic across the
/// processes of one machine that share the directory.
/// </summary>
/// <remarks>A file is named after the key (characters other than letters, digits, <c>.</c>, <c>-</c> and <c>_</c>
/// become <c>_</c>) plus a hash of the exact key, with the extension <c>.checkpoint</c>; its first line is the version
/// and the rest the JSON document.</remarks>
public sealed class FileCheckpointStore : ICheckpointStore
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>Creates a store over a directory, creating it if it does not exist.</summary>
    /// <param name="directory">The directory.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null, empty or white space.</exception>
    public FileCheckpointStore(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("The checkpoint directory is empty; name a directory the process may write to.", nameof(directory));
        }

        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The directory holding the checkpoint files.</summary>
    public string Directory { get; }

    /// <inheritdoc/>
    public async Task<CheckpointEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckpointArguments.Check(key);
        string path = PathOf(key);
        return File.Exists(path) ? await ReadAsync(key, path, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <inheritdoc/>
    public async Task<bool> TrySetAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckpointArguments.Check(key, json, expectedVersion);
        string path = PathOf(key);
        return await UnderLockAsync(path, async () =>
        {
            long current = File.Exists(path) ? (await ReadAsync(key, path, cancellationToken).ConfigureAwait(false))?.Version ?? 0 : 0;
            if (current != expectedVersion)
            {
                return false;
            }

            string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            string text = (current + 1).ToString(CultureInfo.InvariantCulture) + "\n" + json;
            await File.WriteAllTextAsync(temporary, text, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        CheckpointArguments.Check(key, expectedVersion: expectedVersion, minimumVersion: 1);
        string path = PathOf(key);
        return await UnderLockAsync(path, async () =>
        {
            if (!File.Exists(path) || (await ReadAsync(key, path, cancellationToken).ConfigureAwait(false))?.Version != expectedVersion)
            {
                return false;
            }

            File.Delete(path);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CheckpointEntry?> ReadAsync(string key, string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline <= 0 || !long.TryParse(text.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out long version))
        {
            throw new InvalidDataException($"The checkpoint file '{path}' for '{key}' does not start with a version line; it was not written by this store. Move it away to start the run afresh.");
        }

        return new CheckpointEntry(key, version, text[(newline + 1)..]);
    }

    private static async Task<T> UnderLockAsync<T>(string path, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        // The exclusive open is the lock, for threads of this process and for other processes alike.
        using FileStream lockFile = await OpenLockAsync(path + ".lock", cancellationToken).ConfigureAwait(false);
        return await action().ConfigureAwait(false);
    }

    private static async Task<FileStream> OpenLockAsync(string path, CancellationToken cancellationToken)
    {
        long started = Environment.TickCount64;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 - started < LockWait.TotalMilliseconds)
            {
                // Another process holds the key's lock: compare-and-set is brief, so wait a little and try again.
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string PathOf(string key)
    {
        var name = new StringBuilder(Math.Min(key.Length, 80) + 30);
        foreach (char c in key.Length > 80 ? key[..80] : key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        name.Append('-').Append(Convert.ToHexStringLower(hash.AsSpan(0, 6))).Append(".checkpoint");
        return Path.Combine(Directory, name.ToString());
    }
}
