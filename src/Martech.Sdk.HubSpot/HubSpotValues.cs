using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>Converts between the SDK's values and HubSpot's property values, which are all strings.</summary>
internal static class HubSpotValues
{
    /// <summary>A custom field's raw JSON value as the string HubSpot stores: a string as it is, a number or boolean as
    /// its JSON text (<c>42</c>, <c>12.5</c>, <c>true</c>), an object or array as its JSON text, and a JSON null as
    /// the empty string, which clears the property.</summary>
    public static string ToWire(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };

    /// <summary>A date-time as HubSpot accepts it: ISO 8601 in UTC with milliseconds.</summary>
    public static string ToWire(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A date-time for a search filter: Unix epoch milliseconds.</summary>
    public static string ToEpochMilliseconds(DateTimeOffset value) =>
        value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a date-time property: ISO 8601 or Unix epoch milliseconds.</summary>
    public static bool TryParseDate(string? value, out DateTimeOffset result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ms))
        {
            if (ms < -62135596800000 || ms > 253402300799999)
            {
                return false;
            }

            result = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result);
    }

    /// <summary>A property value with text, or <see langword="null"/> for a missing, null, empty or blank one.</summary>
    public static string? NonEmpty(Dictionary<string, string?>? properties, string? name) =>
        name is { Length: > 0 } && properties is not null && properties.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : null;
}
