namespace Martech.Sdk.Testing;

/// <summary>The state of an <see cref="EmulatorRateLimit"/>: one fixed window per partition.</summary>
internal sealed class EmulatorRateLimiter(EmulatorRateLimit limit)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public EmulatorRateLimit Limit => limit;

    /// <summary>Admits or rejects a request arriving at <paramref name="now"/>.</summary>
    public Decision Acquire(RecordedRequest request, DateTimeOffset now)
    {
        string partition = limit.PartitionBy?.Invoke(request) ?? string.Empty;
        lock (_gate)
        {
            if (!_windows.TryGetValue(partition, out Window? window) || now >= window.Start + limit.Window)
            {
                window = new Window(now);
                _windows[partition] = window;
            }

            TimeSpan resetAfter = window.Start + limit.Window - now;
            if (window.Used >= limit.PermitLimit)
            {
                return new Decision(false, 0, resetAfter);
            }

            window.Used++;
            return new Decision(true, limit.PermitLimit - window.Used, resetAfter);
        }
    }

    /// <summary>Whether a request was admitted, the permits left in its window, and the time until the window ends.</summary>
    internal readonly record struct Decision(bool Admitted, int Remaining, TimeSpan ResetAfter);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public int Used { get; set; }
    }
}
