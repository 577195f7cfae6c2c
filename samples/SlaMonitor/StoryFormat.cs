using System.Globalization;

namespace SlaMonitorSample;

/// <summary>Instants in the calendar's time zone and durations as people write them (2d 3h 5m).</summary>
internal sealed class StoryFormat(TimeZoneInfo zone)
{
    public string Instant(DateTimeOffset? instant) =>
        instant is { } i ? TimeZoneInfo.ConvertTime(i, zone).ToString("ddd dd MMM HH:mm", CultureInfo.InvariantCulture) : "—";

    public string Time(DateTimeOffset? instant) =>
        instant is { } i ? TimeZoneInfo.ConvertTime(i, zone).ToString("HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return "—";
        }

        if (d < TimeSpan.FromMinutes(1))
        {
            return d <= TimeSpan.Zero ? "0m" : $"{(int)d.TotalSeconds}s";
        }

        var parts = new List<string>(3);
        if (d.Days > 0)
        {
            parts.Add($"{d.Days}d");
        }

        if (d.Hours > 0)
        {
            parts.Add($"{d.Hours}h");
        }

        if (d.Minutes > 0)
        {
            parts.Add($"{d.Minutes}m");
        }

        return string.Join(' ', parts);
    }
}
