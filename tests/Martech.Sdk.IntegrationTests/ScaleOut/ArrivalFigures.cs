using System.Globalization;

namespace Martech.Sdk.IntegrationTests.ScaleOut;

/// <summary>
/// What a vendor saw of a rate limit of <see cref="Limit"/> requests per <see cref="Window"/>, from the arrival times of
/// the requests it counted: the offered rate, the most arrivals in any window (sliding, every arrival starting one), the
/// over-admission, and the share refused with 429.
/// </summary>
/// <remarks>
/// Over-admission counts each request that arrived while a window of the limit's length ending at it already held
/// <see cref="Limit"/> earlier arrivals: for arrivals sorted by time <c>a</c>, request <c>i</c> is over the limit when
/// <c>a[i] − a[i − Limit] &lt; Window</c>, so the window <c>[a[i − Limit], a[i − Limit] + Window)</c> holds
/// <c>Limit + 1</c>. It is zero exactly when <see cref="MaxInWindow"/> is at most the limit, and a sender that offers
/// k × the limit steadily is over it by about (k − 1) / k of its requests.
/// </remarks>
internal sealed record ArrivalFigures(
    int Requests,
    int Limit,
    TimeSpan Window,
    TimeSpan Span,
    double OfferedPerSecond,
    int MaxInWindow,
    int OverAdmitted,
    int TooManyRequests)
{
    /// <summary>Over-admitted requests as a percentage of all requests.</summary>
    public double OverAdmittedPercent => Requests == 0 ? 0 : 100.0 * OverAdmitted / Requests;

    /// <summary>Requests refused with 429 as a percentage of all requests.</summary>
    public double TooManyRequestsPercent => Requests == 0 ? 0 : 100.0 * TooManyRequests / Requests;

    /// <summary>Measures a run.</summary>
    /// <param name="requests">Every counted request: when it arrived (by a monotonic clock) and whether it was refused
    /// with 429.</param>
    /// <param name="limit">The limit's requests per window.</param>
    /// <param name="window">The limit's window.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> or <paramref name="window"/> is not positive.</exception>
    public static ArrivalFigures Measure(IEnumerable<(DateTimeOffset ArrivedAt, bool TooManyRequests)> requests, int limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        var all = requests.ToList();
        long[] arrivals = [.. all.Select(r => r.ArrivedAt.UtcTicks).Order()];
        int tooMany = all.Count(r => r.TooManyRequests);
        int n = arrivals.Length;
        long w = window.Ticks;

        // The most arrivals in [a[start], a[start] + window), every arrival starting one window.
        int max = 0;
        for (int start = 0, end = 0; start < n; start++)
        {
            while (end < n && arrivals[end] - arrivals[start] < w)
            {
                end++;
            }

            max = Math.Max(max, end - start);
        }

        int over = 0;
        for (int i = limit; i < n; i++)
        {
            if (arrivals[i] - arrivals[i - limit] < w)
            {
                over++;
            }
        }

        TimeSpan span = n < 2 ? TimeSpan.Zero : TimeSpan.FromTicks(arrivals[^1] - arrivals[0]);
        double offered = span > TimeSpan.Zero ? (n - 1) / span.TotalSeconds : 0;
        return new ArrivalFigures(n, limit, window, span, offered, max, over, tooMany);
    }

    /// <summary>One line for test output and the docs' table.</summary>
    /// <returns>The figures, such as <c>360 requests over 5.9 s: 61.0/s offered; max 62 in any 1 s (limit 20); …</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Requests} requests over {Span.TotalSeconds:0.0} s: {OfferedPerSecond:0.0}/s offered; max {MaxInWindow} in any {Window.TotalSeconds:0.###} s (limit {Limit}); over-admitted {OverAdmitted} ({OverAdmittedPercent:0.0} %); 429 {TooManyRequests} ({TooManyRequestsPercent:0.0} %)");
}
