using System.Globalization;
using System.Text;

namespace Martech.Sdk.Salesforce;

/// <summary>Builds SOQL literals safely: every value a caller supplies goes through <see cref="Quote"/>, so no input can
/// change a query's shape.</summary>
internal static class Soql
{
    /// <summary>A string literal with SOQL's escapes (<c>\'</c>, <c>\\</c>, <c>\n</c>, …).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted literal.</returns>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (char c in value)
        {
            switch (c)
            {
                case '\'': sb.Append("\\'"); break;
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>A list of quoted literals for <c>IN (…)</c>.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The list, with its parentheses.</returns>
    public static string InList(IEnumerable<string> values)
    {
        var sb = new StringBuilder("(");
        foreach (string value in values)
        {
            if (sb.Length > 1)
            {
                sb.Append(',');
            }

            sb.Append(Quote(value));
        }

        return sb.Append(')').ToString();
    }

    /// <summary>
    /// Cuts values into groups whose <c>IN (…)</c> list stays well inside the 16,384-byte limit on a REST request's URI and
    /// headers once URL-encoded, and holds at most <paramref name="maxCount"/> values.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="maxCount">The most values per group.</param>
    /// <returns>The groups, in order.</returns>
    public static IEnumerable<List<string>> Chunk(IEnumerable<string> values, int maxCount = 200)
    {
        const int MaxEncodedChars = 8_000;
        var group = new List<string>();
        int length = 0;
        foreach (string value in values)
        {
            int encoded = Uri.EscapeDataString(Quote(value)).Length + 3;
            if (group.Count > 0 && (group.Count == maxCount || length + encoded > MaxEncodedChars))
            {
                yield return group;
                group = [];
                length = 0;
            }

            group.Add(value);
            length += encoded;
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>A datetime literal in UTC, to the second (<c>2025-03-01T12:30:00Z</c>), rounded down.</summary>
    /// <param name="value">The moment.</param>
    /// <returns>The literal.</returns>
    public static string DateTimeFloor(DateTimeOffset value) =>
        TruncateToSecond(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A datetime literal in UTC, to the second, rounded up (so an exclusive bound keeps everything before it).</summary>
    /// <param name="value">The moment.</param>
    /// <returns>The literal.</returns>
    public static string DateTimeCeiling(DateTimeOffset value)
    {
        DateTime floor = TruncateToSecond(value);
        DateTime ceiling = floor < value.UtcDateTime ? floor.AddSeconds(1) : floor;
        return ceiling.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A date literal (<c>2025-03-01</c>).</summary>
    /// <param name="value">The date.</param>
    /// <returns>The literal.</returns>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime TruncateToSecond(DateTimeOffset value)
    {
        DateTime utc = value.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
