namespace Martech.Sdk;

/// <summary>
/// Readers for the rate-limit headers vendors send, for <see cref="MartechHttpOptions.RateLimitHeaders"/>. Each is
/// tolerant: a missing or malformed header leaves its field <see langword="null"/>, and a reader never throws for
/// what a vendor sent.
/// </summary>
public static class RateLimitHeaderReaders
{
    /// <summary>
    /// <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (SendGrid, Intercom and
    /// many others), with the IETF draft's <c>RateLimit-Limit</c> / <c>-Remaining</c> / <c>-Reset</c> and its
    /// structured <c>RateLimit</c> / <c>RateLimit-Policy</c> fields as fallbacks.
    /// </summary>
    /// <param name="resetIsUnixTimestamp"><see langword="true"/> when the vendor sends <c>X-RateLimit-Reset</c> as a
    /// Unix timestamp (SendGrid, Intercom); <see langword="false"/> when it sends seconds until the reset (a "delay"
    /// of over ten years can only be a timestamp and is read as one). The IETF <c>RateLimit-Reset</c> is always
    /// seconds until the reset.</param>
    /// <returns>The reader; the same instance for each value of the flag.</returns>
    public static IRateLimitHeaderReader Standard(bool resetIsUnixTimestamp) =>
        resetIsUnixTimestamp ? StandardRateLimitHeaderReader.UnixTimestamp : StandardRateLimitHeaderReader.Seconds;

    /// <summary>
    /// HubSpot: the most restrictive of <c>X-HubSpot-RateLimit-Max</c> / <c>-Remaining</c> (a rolling window of
    /// <c>-Interval-Milliseconds</c>), <c>-Secondly</c> / <c>-Secondly-Remaining</c> and <c>-Daily</c> /
    /// <c>-Daily-Remaining</c>. The rolling and daily windows state no reset time, so none is reported for them.
    /// </summary>
    public static IRateLimitHeaderReader HubSpot => HubSpotRateLimitHeaderReader.Instance;

    /// <summary>
    /// Pipedrive: <c>x-ratelimit-limit</c> / <c>-remaining</c> / <c>-reset</c> (seconds until the window resets), or
    /// <c>x-daily-requests-left</c> when the daily budget is the lower.
    /// </summary>
    public static IRateLimitHeaderReader Pipedrive => PipedriveRateLimitHeaderReader.Instance;

    /// <summary>
    /// Salesforce: <c>Sforce-Limit-Info: api-usage=18/5000</c> (the org's daily API requests used / allowed; reported
    /// as Limit 5000, Remaining 4982, no reset time), or <c>per-app-api-usage</c> when it leaves fewer.
    /// </summary>
    public static IRateLimitHeaderReader Salesforce => SalesforceRateLimitHeaderReader.Instance;
}
