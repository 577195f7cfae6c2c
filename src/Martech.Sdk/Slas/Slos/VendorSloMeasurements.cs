namespace Martech.Sdk;

/// <summary>
/// What the transport measured for a provider instance (or one of its operations) over a window. A request counts once,
/// however many attempts it took. Eligible requests are successes, vendor failures and timeouts (and throttled
/// requests with <see cref="VendorSloOptions.CountThrottlingAsFailure"/>); caller errors and cancellations are not.
/// </summary>
public sealed record VendorSloMeasurements
{
    /// <summary>The window measured, ending at the report's time.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>Every request that reached the transport, whatever its outcome.</summary>
    public long Requests { get; init; }

    /// <summary>Requests answered 2xx.</summary>
    public long Succeeded { get; init; }

    /// <summary>Requests the vendor failed: 5xx (or an unexpected 1xx/3xx), a connection failed or lost before the
    /// answer's headers, the circuit breaker open. The outcome is taken when the headers arrive, so a body that later
    /// fails to read or parse is not counted here.</summary>
    public long VendorFailures { get; init; }

    /// <summary>Requests the caller's own request failed (4xx other than 408 and 429): excluded from availability.</summary>
    public long CallerErrors { get; init; }

    /// <summary>Requests without an answer in time (the transport's timeouts, or 408): they count against the vendor.</summary>
    public long TimedOut { get; init; }

    /// <summary>Requests throttled in the end: a final 429, or the rate budget refusing to wait that long.</summary>
    public long Throttled { get; init; }

    /// <summary>Requests the caller cancelled: excluded.</summary>
    public long Canceled { get; init; }

    /// <summary>The requests availability is computed over.</summary>
    public long Eligible { get; init; }

    /// <summary>Eligible requests that did not succeed.</summary>
    public long Failed => Eligible - Succeeded;

    /// <summary>Availability in percent (<see cref="Succeeded"/> ÷ <see cref="Eligible"/> × 100), or
    /// <see langword="null"/> without eligible requests.</summary>
    public double? Availability { get; init; }

    /// <summary>The median duration of successful requests (nearest rank, within 1 %), retries and waits included.</summary>
    public TimeSpan? LatencyP50 { get; init; }

    /// <summary>The 95th percentile duration of successful requests (nearest rank, within 1 %).</summary>
    public TimeSpan? LatencyP95 { get; init; }

    /// <summary>The 99th percentile duration of successful requests (nearest rank, within 1 %).</summary>
    public TimeSpan? LatencyP99 { get; init; }

    /// <summary>Final answers with status 429 (also in <see cref="Throttled"/>).</summary>
    public long FinalTooManyRequests { get; init; }

    /// <summary>Attempts answered 429 and retried (the request may still have succeeded).</summary>
    public long RetriedTooManyRequests { get; init; }

    /// <summary>Retries for any reason.</summary>
    public long Retries { get; init; }

    /// <summary>Attempts that waited on the rate budget before being sent.</summary>
    public long RateLimitWaits { get; init; }

    /// <summary>How long they waited in all.</summary>
    public TimeSpan RateLimitWaitTotal { get; init; }

    /// <summary>The longest single wait.</summary>
    public TimeSpan RateLimitWaitMax { get; init; }
}
