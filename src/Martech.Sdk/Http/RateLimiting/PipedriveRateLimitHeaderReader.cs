namespace Martech.Sdk;

/// <summary>
/// Reads Pipedrive's <c>x-ratelimit-limit</c> / <c>-remaining</c> / <c>-reset</c> (seconds until the 2-second window
/// resets) and, when it is lower, <c>x-daily-requests-left</c> (the daily budget of API-token requests, no reset time).
/// </summary>
internal sealed class PipedriveRateLimitHeaderReader : IRateLimitHeaderReader
{
    /// <summary>The window <c>x-ratelimit-limit</c> counts over, per Pipedrive's API reference [S].</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

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

        bool read = limit is not null || remaining is not null || resetAfter is not null;
        snapshot = read ? new RateLimitSnapshot(limit, remaining, resetAfter) { Window = Window } : default;
        return read;
    }
}
