namespace Martech.Sdk;

/// <summary>
/// Reads Pipedrive's <c>x-ratelimit-limit</c> / <c>-remaining</c> / <c>-reset</c> (seconds until the 2-second window
/// resets) and, when it is lower, <c>x-daily-requests-left</c> (the daily budget of API-token requests, no reset time).
/// </summary>
internal sealed class PipedriveRateLimitHeaderReader : IRateLimitHeaderReader
{
    public static PipedriveRateLimitHeaderReader Instance { get; } = new();

    public bool TryRead(HttpResponseMessage response, DateTimeOffset now, out RateLimitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(response);
        long? limit = RateLimitHeaderValues.Count(response, "x-ratelimit-limit");
        long? remaining = RateLimitHeaderValues.Count(response, "x-ratelimit-remaining");
        TimeSpan? resetAfter = RateLimitHeaderValues.ResetAfter(RateLimitHeaderValues.Number(RateLimitHeaderValues.First(response, "x-ratelimit-reset")), unixTimestamp: false, now);
        long? dailyLeft = RateLimitHeaderValues.Count(response, "x-daily-requests-left");

        if (dailyLeft is long daily && (remaining is not long window || daily < window))
        {
            snapshot = new RateLimitSnapshot(null, daily, null);
            return true;
        }

        snapshot = new RateLimitSnapshot(limit, remaining, resetAfter);
        return limit is not null || remaining is not null || resetAfter is not null;
    }
}
