using System.Globalization;

namespace Martech.Sdk;

/// <summary>The one way SLA cards and vendor SLO tables and cards write a duration: under a minute with decimals
/// (<c>0.5 ms</c>, <c>119 ms</c>, <c>1.5 s</c>), from a minute on in whole units (<c>1 min 30 s</c>, <c>1 h 30 min</c>,
/// <c>30 d</c>).</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0 s";
        }

        double ms = duration.TotalMilliseconds;
        if (ms < 60_000)
        {
            return ms switch
            {
                < 1 => ms.ToString("0.##", CultureInfo.InvariantCulture) + " ms",
                < 10 => ms.ToString("0.#", CultureInfo.InvariantCulture) + " ms",
                < 1000 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
                _ => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s",
            };
        }

        var parts = new List<string>(4);
        Add(parts, duration.Days, "d");
        Add(parts, duration.Hours, "h");
        Add(parts, duration.Minutes, "min");
        Add(parts, duration.Seconds, "s");
        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, int value, string unit)
    {
        if (value > 0)
        {
            parts.Add(value.ToString(CultureInfo.InvariantCulture) + " " + unit);
        }
    }
}
