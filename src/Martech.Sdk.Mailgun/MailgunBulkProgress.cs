namespace Martech.Sdk;

/// <summary>Counts the outcomes of a bulk call and reports the running totals, in order, after each batch.</summary>
internal sealed class MailgunBulkProgress(int total, IProgress<BulkProgress>? progress)
{
    private readonly Lock _gate = new();
    private int _completed;
    private int _failed;

    public void Report(int completed, int failed)
    {
        if (completed == 0)
        {
            return;
        }

        // Under the lock so reports arrive in order, each with the running totals.
        lock (_gate)
        {
            _completed += completed;
            _failed += failed;
            progress?.Report(new BulkProgress(total, _completed, _failed));
        }
    }
}
