namespace Martech.Sdk;

/// <summary>
/// Reads HubSpot's three budgets and reports the most restrictive (fewest remaining): the rolling burst window
/// (<c>X-HubSpot-RateLimit-Max</c> / <c>-Remaining</c> over <c>-Interval-Milliseconds</c>), the per-second one
/// (<c>-Secondly</c> / <c>-Secondly-Remaining</c>) and the daily one (<c>-Daily</c> / <c>-Daily-Remaining</c>).
/// </summary>
/// <remarks>
/// HubSpot's windows roll and it sends no reset time, so the burst and daily budgets report no
/// <see cref="RateLimitSnapshot.ResetAfter"/> (inventing one would pause the budget for a whole window each time the
/// window is merely full); the per-second budget is clear within a second, so it reports one second. Each snapshot
/// carries its window (<c>-Interval-Milliseconds</c> for the burst one), so the budget never climbs above the stated
/// limit.
/// </remarks>
internal sealed class HubSpotRateLimitHeaderReader : IRateLimitHeaderReader
{
    /// <summary>The longest burst interval taken from the headers (a day); a longer or malformed one is ignored.</summary>
    private const long MaxIntervalMilliseconds = 86_400_000;

    public static HubSpotRateLimitHeaderReader Instance { get; } = new();

    public bool TryRead(HttpResponseMessage response, DateTimeOffset now, out RateLimitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(response);
        var daily = new RateLimitSnapshot(
            RateLimitHeaderValues.Count(response, "X-HubSpot-RateLimit-Daily"),
            RateLimitHeaderValues.Count(response, "X-HubSpot-RateLimit-Daily-Remaining"),
            null)
        { Window = TimeSpan.FromDays(1) };
        long? interval = RateLimitHeaderValues.Count(response, "X-HubSpot-RateLimit-Interval-Milliseconds");
        var burst = new RateLimitSnapshot(
            RateLimitHeaderValues.Count(response, "X-HubSpot-RateLimit-Max"),
            RateLimitHeaderValues.Count(response, "X-HubSpot-RateLimit-Remaining"),
            null)
        { Window = interval is > 0 and <= MaxIntervalMilliseconds ? TimeSpan.FromMilliseconds(interval.Value) : null };
        var secondly = new RateLimitSnapshot(
            RateLimitHeaderValues.Count(response, "X-HubSpot-RateLimit-Secondly"),
            RateLimitHeaderValues.Count(response, "X-HubSpot-RateLimit-Secondly-Remaining"),
            TimeSpan.FromSeconds(1))
        { Window = TimeSpan.FromSeconds(1) };

        // On a tie the longer window wins: it takes longer to recover.
        RateLimitSnapshot? chosen = null;
        foreach (RateLimitSnapshot candidate in (ReadOnlySpan<RateLimitSnapshot>)[daily, burst, secondly])
        {
            if (candidate.Remaining is long remaining && (chosen?.Remaining is not long best || remaining < best))
            {
                chosen = candidate;
            }
        }

        if (chosen is { } restrictive)
        {
            snapshot = restrictive;
            return true;
        }

        // Limits without remaining counts: report the burst limit, which is the one the budget is seeded with.
        snapshot = burst.Limit is not null ? burst
            : secondly.Limit is not null ? secondly with { ResetAfter = null }
            : daily.Limit is not null ? daily
            : default;
        return snapshot.Limit is not null;
    }
}
