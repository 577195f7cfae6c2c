using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Reads and writes the custom fields that hold model properties (<see cref="PipedriveFieldMapping"/>): text fields
/// hold the text, single-option fields the id of the option whose label matches it, numeric fields a number.
/// </summary>
internal static class PipedriveFieldValues
{
    /// <summary>Whether a field holds an option id rather than a value.</summary>
    public static bool IsOptionField(PipedriveField field) =>
        string.Equals(field.FieldType, "enum", StringComparison.OrdinalIgnoreCase) && field.Options is { Count: > 0 };

    /// <summary>Whether a field holds a number.</summary>
    public static bool IsNumericField(PipedriveField field) =>
        field.FieldType is { } type && (type.Equals("double", StringComparison.OrdinalIgnoreCase)
            || type.Equals("int", StringComparison.OrdinalIgnoreCase)
            || type.Equals("monetary", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a field's value as text: a string as is, an option id as its label, a number as its JSON text;
    /// <see langword="null"/> for a missing, null or empty value.</summary>
    public static string? ReadText(IReadOnlyDictionary<string, JsonElement>? values, PipedriveField field)
    {
        if (values is null || field.Key is null || !values.TryGetValue(field.Key, out JsonElement value))
        {
            return null;
        }

        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => IsOptionField(field) ? LabelOf(field, value) ?? value.GetRawText() : value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",

            // Option fields read with include_option_labels come as {"id": 1, "label": "…"}.
            JsonValueKind.Object when value.TryGetProperty("label", out JsonElement label) && label.ValueKind == JsonValueKind.String => label.GetString(),
            JsonValueKind.Object when value.TryGetProperty("value", out JsonElement inner) => inner.ToString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The JSON to write text into a field, or an error when the field is an option field without that
    /// option.</summary>
    public static bool TryWriteText(string text, PipedriveField field, out JsonElement value, out string? error)
    {
        error = null;
        if (IsOptionField(field))
        {
            foreach (PipedriveFieldOption option in field.Options!)
            {
                if (string.Equals(option.Label, text, StringComparison.OrdinalIgnoreCase))
                {
                    value = option.Id.Clone();
                    return true;
                }
            }

            value = default;
            error = $"the Pipedrive field '{field.Name}' is a single-option field without an option labelled '{text}'";
            return false;
        }

        value = JsonSerializer.SerializeToElement(text, PipedriveJsonContext.Default.String);
        return true;
    }

    /// <summary>The JSON to write a number into a field: a JSON number for numeric fields, its text otherwise.</summary>
    public static JsonElement WriteNumber(long number, PipedriveField field) =>
        IsNumericField(field)
            ? JsonSerializer.SerializeToElement(number, PipedriveJsonContext.Default.Int64)
            : JsonSerializer.SerializeToElement(number.ToString(CultureInfo.InvariantCulture), PipedriveJsonContext.Default.String);

    /// <summary>Whether two raw values are the same JSON (a missing value equals null).</summary>
    public static bool SameValue(IReadOnlyDictionary<string, JsonElement>? values, string key, JsonElement value)
    {
        bool stored = values is not null && values.TryGetValue(key, out JsonElement current) && current.ValueKind != JsonValueKind.Null;
        if (!stored)
        {
            return value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        }

        return JsonElement.DeepEquals(values![key], value);
    }

    private static string? LabelOf(PipedriveField field, JsonElement id)
    {
        foreach (PipedriveFieldOption option in field.Options!)
        {
            if (option.Id.ValueKind == JsonValueKind.Number && JsonElement.DeepEquals(option.Id, id))
            {
                return option.Label;
            }

            if (option.Id.ValueKind == JsonValueKind.String && option.Id.GetString() == id.GetRawText())
            {
                return option.Label;
            }
        }

        return null;
    }
}
