namespace Martech.Sdk.IntegrationTests.Pipedrive;

/// <summary>Records progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class ProgressRecorder : IProgress<BulkProgress>
{
    private readonly Lock _gate = new();
    private readonly List<BulkProgress> _reports = [];

    public IReadOnlyList<BulkProgress> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(BulkProgress value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }
    }
}
