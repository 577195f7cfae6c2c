using System.Globalization;

namespace Martech.Sdk;

/// <summary>Mailgun's date format, RFC 2822 (<c>Fri, 21 Oct 2011 11:02:55 +0000</c>), written and read.</summary>
internal static class MailgunDates
{
    private static readonly string[] DateTimeFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss",
        "ddd, d MMM yyyy HH:mm",
        "d MMM yyyy HH:mm:ss",
        "d MMM yyyy HH:mm",
    ];

    /// <summary>Writes a time as RFC 2822 in UTC, such as <c>Fri, 21 Oct 2011 11:02:55 +0000</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Reads an RFC 2822 date whose zone is <c>GMT</c>, <c>UTC</c>, <c>UT</c>, <c>Z</c> or <c>±hhmm</c>.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim();
        int space = trimmed.LastIndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        if (!TryParseZone(trimmed.AsSpan(space + 1), out TimeSpan offset))
        {
            // No zone: ISO 8601 and other forms some endpoints write.
            return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        }

        if (!DateTime.TryParseExact(trimmed.AsSpan(0, space).Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTime local))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        return true;
    }

    private static bool TryParseZone(ReadOnlySpan<char> zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "GMT" or "UTC" or "UT" or "Z")
        {
            return true;
        }

        if (zone.Length == 5 && (zone[0] == '+' || zone[0] == '-')
            && int.TryParse(zone[1..3], NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            && int.TryParse(zone[3..5], NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
            && hours < 24 && minutes < 60)
        {
            offset = new TimeSpan(hours, minutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }

            return true;
        }

        return false;
    }
}
