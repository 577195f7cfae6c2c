using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>Reads Salesforce's JSON values: datetimes such as <c>2025-03-01T12:30:00.000+0000</c>, dates such as
/// <c>2025-03-01</c>, and numbers that may come as <c>40.0</c>.</summary>
internal static class SalesforceValues
{
    /// <summary>A string field, or <see langword="null"/>.</summary>
    public static string? String(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A datetime field, or <see langword="null"/> when missing or unreadable.</summary>
    public static DateTimeOffset? DateTime(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed)
            ? parsed
            : null;

    /// <summary>A date field as midnight UTC, or <see langword="null"/>.</summary>
    public static DateTimeOffset? Date(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : DateTime(value);

    /// <summary>A whole number from a number (<c>40</c> or <c>40.0</c>, rounded) or a numeric string, or <see langword="null"/>.</summary>
    public static int? Int32(JsonElement value)
    {
        double number;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out number):
                break;
            case JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number):
                break;
            default:
                return null;
        }

        return double.IsFinite(number) && number is >= int.MinValue and <= int.MaxValue ? (int)Math.Round(number, MidpointRounding.AwayFromZero) : null;
    }

    /// <summary>Whether a value is a related record (a JSON object with <c>attributes</c>), which is never written back.</summary>
    public static bool IsRelatedRecord(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("attributes", out _);
}
