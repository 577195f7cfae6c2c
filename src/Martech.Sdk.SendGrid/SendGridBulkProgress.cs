namespace Martech.Sdk;

/// <summary>Running totals of a bulk operation, reported in order under a lock after each request.</summary>
internal sealed class SendGridBulkProgress(int total, IProgress<BulkProgress>? progress)
{
    private readonly Lock _gate = new();
    private int _completed;
    private int _failed;

    /// <summary>Adds finished items and reports the totals; reports nothing for an empty step.</summary>
    /// <param name="completed">Items that got an outcome (any status).</param>
    /// <param name="failed">Of those, the ones that failed.</param>
    public void Report(int completed, int failed)
    {
        if (completed == 0)
        {
            return;
        }

        lock (_gate)
        {
            _completed += completed;
            _failed += failed;
            progress?.Report(new BulkProgress(total, _completed, _failed));
        }
    }
}
