using System.Globalization;
using System.Net.Http.Headers;

namespace Martech.Sdk;

/// <summary>Tolerant parsing shared by the rate-limit header readers: a malformed value reads as absent.</summary>
internal static class RateLimitHeaderValues
{
    /// <summary>Durations above this many seconds (ten years) are really Unix timestamps.</summary>
    private const double LongestDelta = 315_360_000;

    /// <summary>Values above this are Unix timestamps in milliseconds (year 5138 in seconds).</summary>
    private const double MillisecondTimestamps = 100_000_000_000;

    /// <summary>The first value of a response header, without validating or allocating a list.</summary>
    public static string? First(HttpResponseMessage response, string name)
    {
        if (!response.Headers.NonValidated.TryGetValues(name, out HeaderStringValues values))
        {
            return null;
        }

        foreach (string value in values)
        {
            return value;
        }

        return null;
    }

    /// <summary>The first present, well-formed count among headers, in order of preference.</summary>
    public static long? Count(HttpResponseMessage response, string name, string? fallback = null) =>
        Count(First(response, name)) ?? (fallback is null ? null : Count(First(response, fallback)));

    /// <summary>
    /// The leading non-negative number of a value such as <c>100</c>, <c>" 100 "</c> or the IETF draft's
    /// <c>100, 100;w=60</c>; fractions are truncated.
    /// </summary>
    public static long? Count(string? value) => Number(value) is double n ? (long)Math.Min(n, long.MaxValue / 2) : null;

    /// <summary>The leading non-negative number of a value, or <see langword="null"/> when there is none.</summary>
    public static double? Number(string? value)
    {
        if (value is null)
        {
            return null;
        }

        ReadOnlySpan<char> span = value.AsSpan();
        int end = span.IndexOfAny(',', ';');
        if (end >= 0)
        {
            span = span[..end];
        }

        return Number(span);
    }

    /// <summary>A non-negative number, or <see langword="null"/>.</summary>
    public static double? Number(ReadOnlySpan<char> span)
    {
        span = span.Trim();
        return double.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n) && n >= 0
            ? n
            : null;
    }

    /// <summary>
    /// The time until a reset stated as a Unix timestamp (<paramref name="unixTimestamp"/>; in seconds, or in
    /// milliseconds when the value is that large) or as seconds from now. A "delay" of over ten years can only be a
    /// timestamp and is read as one. A reset in the past reads as zero.
    /// </summary>
    public static TimeSpan? ResetAfter(double? value, bool unixTimestamp, DateTimeOffset now)
    {
        if (value is not double v)
        {
            return null;
        }

        if (!unixTimestamp && v <= LongestDelta)
        {
            return TimeSpan.FromSeconds(v);
        }

        return Until(v > MillisecondTimestamps ? v / 1000 : v, now);
    }

    private static TimeSpan? Until(double unixSeconds, DateTimeOffset now)
    {
        if (unixSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        TimeSpan after = DateTimeOffset.UnixEpoch.AddSeconds(unixSeconds) - now;
        return after > TimeSpan.Zero ? after : TimeSpan.Zero;
    }

    /// <summary>
    /// A parameter of the first member of an IETF structured-field list, such as <c>r</c> in
    /// <c>"default";r=50;t=30</c>.
    /// </summary>
    public static double? Parameter(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        ReadOnlySpan<char> member = value.AsSpan();
        int comma = member.IndexOf(',');
        if (comma >= 0)
        {
            member = member[..comma];
        }

        foreach (Range range in member.Split(';'))
        {
            ReadOnlySpan<char> part = member[range].Trim();
            int eq = part.IndexOf('=');
            if (eq > 0 && part[..eq].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Number(part[(eq + 1)..]);
            }
        }

        return null;
    }
}
