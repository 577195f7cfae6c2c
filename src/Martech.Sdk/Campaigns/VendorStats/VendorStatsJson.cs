using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>Reads counts from a vendor's statistics JSON tolerantly: a count may be absent (the vendor leaves out zeros
/// or events not asked for), a number, or a number in a string; anything else is an answer the SDK cannot read.</summary>
public static class VendorStatsJson
{
    /// <summary>Reads a count property of an object.</summary>
    /// <param name="provider">The provider instance name, for the error.</param>
    /// <param name="element">The object (anything else has no counts).</param>
    /// <param name="name">The property.</param>
    /// <returns>The count; <see langword="null"/> when the property is absent or null.</returns>
    /// <exception cref="MartechTransportException">The property is not a count from 0 to <see cref="int.MaxValue"/>.</exception>
    public static int? Count(string provider, JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) && number >= 0)
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
        {
            return parsed;
        }

        throw Unreadable(provider, $"'{name}' is {value.GetRawText()}, not a count");
    }

    /// <summary>The error for a statistics answer of an unexpected shape. Reading stats changes nothing at the vendor,
    /// so it is never <see cref="MartechException.MayHaveBeenProcessed"/>.</summary>
    /// <param name="provider">The provider instance name.</param>
    /// <param name="problem">What is wrong, such as <c>"the body is not an array"</c>.</param>
    /// <returns>The exception to throw.</returns>
    public static MartechTransportException Unreadable(string provider, string problem) =>
        new($"{provider} campaigns.stats: the statistics answer could not be read: {problem}.")
        {
            Provider = provider,
            Operation = "campaigns.stats",
            MayHaveBeenProcessed = false,
        };
}
