namespace Martech.Sdk;

/// <summary>
/// Reads <c>X-RateLimit-Limit</c> / <c>-Remaining</c> / <c>-Reset</c>, falling back to the IETF draft's
/// <c>RateLimit-Limit</c> / <c>-Remaining</c> / <c>-Reset</c> and its structured <c>RateLimit</c> /
/// <c>RateLimit-Policy</c> fields.
/// </summary>
internal sealed class StandardRateLimitHeaderReader(bool resetIsUnixTimestamp) : IRateLimitHeaderReader
{
    public static StandardRateLimitHeaderReader Seconds { get; } = new(resetIsUnixTimestamp: false);

    public static StandardRateLimitHeaderReader UnixTimestamp { get; } = new(resetIsUnixTimestamp: true);

    public bool TryRead(HttpResponseMessage response, DateTimeOffset now, out RateLimitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(response);
        long? limit = RateLimitHeaderValues.Count(response, "X-RateLimit-Limit", "RateLimit-Limit");
        long? remaining = RateLimitHeaderValues.Count(response, "X-RateLimit-Remaining", "RateLimit-Remaining");
        TimeSpan? resetAfter = RateLimitHeaderValues.ResetAfter(RateLimitHeaderValues.Number(RateLimitHeaderValues.First(response, "X-RateLimit-Reset")), resetIsUnixTimestamp, now)

            // The IETF draft states its reset as seconds from now.
            ?? RateLimitHeaderValues.ResetAfter(RateLimitHeaderValues.Number(RateLimitHeaderValues.First(response, "RateLimit-Reset")), unixTimestamp: false, now);

        if (limit is null && remaining is null && resetAfter is null && RateLimitHeaderValues.First(response, "RateLimit") is { } field)
        {
            remaining = RateLimitHeaderValues.Parameter(field, "r") is double r ? (long)r : null;
            resetAfter = RateLimitHeaderValues.ResetAfter(RateLimitHeaderValues.Parameter(field, "t"), unixTimestamp: false, now);
            limit = RateLimitHeaderValues.Parameter(RateLimitHeaderValues.First(response, "RateLimit-Policy"), "q") is double q ? (long)q : null;
        }

        snapshot = new RateLimitSnapshot(limit, remaining, resetAfter);
        return limit is not null || remaining is not null || resetAfter is not null;
    }
}
