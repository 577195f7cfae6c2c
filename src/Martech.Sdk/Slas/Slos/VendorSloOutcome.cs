namespace Martech.Sdk;

/// <summary>How one request to a vendor counts for its SLOs.</summary>
internal enum VendorSloOutcome
{
    /// <summary>A 2xx answer.</summary>
    Success,

    /// <summary>The vendor failed: a 5xx (or an unexpected 1xx/3xx) answer, a connection failed or lost before the
    /// answer's headers, or the circuit breaker refusing calls after repeated failures. The outcome is taken at the
    /// headers: a body that fails to read or parse afterwards does not change it.</summary>
    VendorFailure,

    /// <summary>A 4xx the caller caused (400, 401, 403, 404, 409, 410, 413, 422, …): excluded from availability.</summary>
    CallerError,

    /// <summary>No answer in time: the transport's attempt or total timeout, or a 408. Counts against the vendor.</summary>
    Timeout,

    /// <summary>A final 429, or the rate budget refusing to wait that long: reported apart; counted against the vendor
    /// only with <see cref="VendorSloOptions.CountThrottlingAsFailure"/>.</summary>
    Throttled,

    /// <summary>The caller cancelled: excluded.</summary>
    Canceled,
}
