namespace Martech.Sdk;

/// <summary>The argument checks every <see cref="ICheckpointStore"/> makes, so the stores fail alike.</summary>
internal static class CheckpointArguments
{
    public static void Check(string key, string? json = null, long? expectedVersion = null, long minimumVersion = 0)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("A checkpoint key is null, empty or white space; name the checkpoint.", nameof(key));
        }

        if (json is not null && string.IsNullOrWhiteSpace(json))
        {
            throw new ArgumentException($"The checkpoint document for '{key}' is empty; write JSON text.", nameof(json));
        }

        if (expectedVersion < minimumVersion)
        {
            throw new ArgumentException($"The expected version {expectedVersion} of checkpoint '{key}' is below {minimumVersion}.", nameof(expectedVersion));
        }
    }
}
