namespace Martech.Sdk;

/// <summary>
/// Turns a calendar's local time into an instant by one rule: a local time is the first instant at which the wall
/// clock shows that time or a later one. A time skipped when the clocks go forward is therefore the instant they jump
/// (02:30 on a night that jumps from 02:00 to 03:00 is 03:00 new time), and a time shown twice when they go back is its
/// first occurrence.
/// </summary>
internal static class LocalTimeRule
{
    private static readonly long Window = TimeSpan.FromHours(18).Ticks;

    /// <summary>The instant, in UTC ticks, of <paramref name="local"/> (a wall-clock time of
    /// <paramref name="timeZone"/>, its kind ignored).</summary>
    public static long ToUtcTicks(TimeZoneInfo timeZone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (timeZone.IsInvalidTime(local))
        {
            return ClocksJumpPast(timeZone, local);
        }

        if (timeZone.IsAmbiguousTime(local))
        {
            TimeSpan largest = TimeSpan.MinValue;
            foreach (TimeSpan offset in timeZone.GetAmbiguousTimeOffsets(local))
            {
                largest = offset > largest ? offset : largest;
            }

            return local.Ticks - largest.Ticks; // the larger offset is the earlier instant
        }

        return local.Ticks - timeZone.GetUtcOffset(local).Ticks;
    }

    // The first instant whose wall-clock reading is at or after a skipped local time: found by bisection, since the
    // zone's rules say a time is skipped but not when the jump happens. Only days with a change get here.
    private static long ClocksJumpPast(TimeZoneInfo timeZone, DateTime local)
    {
        long lo = Math.Max(DateTime.MinValue.Ticks, local.Ticks - Window); // reads before: offsets are at most +14 h
        long hi = Math.Min(DateTime.MaxValue.Ticks, local.Ticks + Window); // reads after: offsets are at least -12 h
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (WallClock(timeZone, mid) >= local.Ticks)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    private static long WallClock(TimeZoneInfo timeZone, long utcTicks) =>
        TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), timeZone).Ticks;
}
