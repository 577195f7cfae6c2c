using System.Globalization;

namespace Martech.Sdk;

/// <summary>Reads the text forms of calendar settings: <c>HH:mm-HH:mm</c> ranges, <c>yyyy-MM-dd</c> dates and
/// <c>MM-dd</c> month-days.</summary>
internal static class CalendarText
{
    public const string ClosedWord = "closed";

    /// <summary>Reads <c>09:00-12:00,13:00-17:30</c>, <c>22:00-06:00+1</c> or <c>closed</c>; the ranges come back sorted,
    /// checked for overlaps.</summary>
    public static WorkingRange[]? ParseRanges(string? text, out string? error)
    {
        error = null;
        string trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = $"is empty: write ranges such as 09:00-17:00 (several separated by commas), or '{ClosedWord}'";
            return null;
        }

        if (trimmed.Equals(ClosedWord, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var ranges = new List<WorkingRange>();
        foreach (string part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParseRange(part, out WorkingRange range, out error))
            {
                return null;
            }

            ranges.Add(range);
        }

        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (int i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Start < ranges[i - 1].End)
            {
                error = $"has overlapping ranges {ranges[i - 1]} and {ranges[i]}: make them one range or separate them";
                return null;
            }
        }

        return [.. ranges];
    }

    private static bool TryParseRange(string part, out WorkingRange range, out string? error)
    {
        range = default;
        ReadOnlySpan<char> s = part.AsSpan().Trim();
        bool nextDay = s.EndsWith("+1", StringComparison.Ordinal);
        if (nextDay)
        {
            s = s[..^2].TrimEnd();
        }

        int dash = s.IndexOf('-');
        if (dash < 0 || !TryParseTime(s[..dash].Trim(), out int start) || !TryParseTime(s[(dash + 1)..].Trim(), out int end) || start == WorkingRange.MinutesPerDay)
        {
            error = $"has '{part}', which is not a range HH:mm-HH:mm (such as 09:00-17:30, or 22:00-06:00+1 past midnight)";
            return false;
        }

        if (nextDay)
        {
            if (end > start || end == WorkingRange.MinutesPerDay)
            {
                error = $"has '{part}': a range marked +1 ends the next day at or before its start time (such as 22:00-06:00+1); drop the +1 for a range within the day";
                return false;
            }

            range = new WorkingRange(start, end + WorkingRange.MinutesPerDay);
        }
        else
        {
            if (end <= start)
            {
                error = $"has '{part}', which ends before it starts: write {part}+1 for a range that runs past midnight into the next day, or 24:00 for midnight at the end of the day";
                return false;
            }

            range = new WorkingRange(start, end);
        }

        error = null;
        return true;
    }

    /// <summary>Reads <c>H:mm</c> or <c>HH:mm</c>, 00:00 to 24:00.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> s, out int minutes)
    {
        minutes = 0;
        int colon = s.IndexOf(':');
        if (colon is < 1 or > 2 || s.Length != colon + 3
            || !int.TryParse(s[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            || !int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int mins)
            || mins > 59 || hours > 24 || (hours == 24 && mins != 0))
        {
            return false;
        }

        minutes = (hours * 60) + mins;
        return true;
    }

    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Reads <c>MM-dd</c>; valid when the day exists in a leap year (<c>02-29</c> counts in leap years only).</summary>
    public static bool TryParseMonthDay(ReadOnlySpan<char> s, out int month, out int day)
    {
        month = 0;
        day = 0;
        return s.Length == 5 && s[2] == '-'
            && int.TryParse(s[..2], NumberStyles.None, CultureInfo.InvariantCulture, out month)
            && int.TryParse(s[3..], NumberStyles.None, CultureInfo.InvariantCulture, out day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2024, month);
    }

    /// <summary>Splits <c>"2026-12-24 09:00-13:00"</c> into the date part and the rest (empty when there is none).</summary>
    public static (string Head, string Tail) SplitHead(string entry)
    {
        string trimmed = entry.Trim();
        int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, string.Empty) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
