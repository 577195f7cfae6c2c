namespace Martech.Sdk.Testing;

/// <summary>A rule of <see cref="PipedriveEmulator.RejectWhen"/>: requests it matches are answered with Pipedrive's
/// error body instead of being processed.</summary>
internal sealed class PipedriveEmulatorRejection(Func<string, string, string, bool> predicate, int statusCode, string error, int? count)
{
    private int _remaining = count ?? int.MaxValue;

    public int StatusCode { get; } = statusCode;

    public string Error { get; } = error;

    /// <summary>Whether the rule applies to a request, consuming one of its uses when it does.</summary>
    public bool TryApply(string method, string path, string body)
    {
        if (Volatile.Read(ref _remaining) <= 0 || !predicate(method, path, body))
        {
            return false;
        }

        return Interlocked.Decrement(ref _remaining) >= 0;
    }
}
