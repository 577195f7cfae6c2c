namespace Martech.Sdk.Testing.Conformance;

/// <summary>Records bulk progress reports synchronously and in order (unlike <see cref="Progress{T}"/>, which
/// posts to a synchronisation context and could report after the call returned).</summary>
internal sealed class RecordingProgress : IProgress<BulkProgress>
{
    private readonly List<BulkProgress> _reports = [];

    public IReadOnlyList<BulkProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(BulkProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
