using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// Vendor custom fields (properties the SDK's models do not name), kept as the vendor's raw JSON values so that a
/// read-modify-write round trip loses nothing, with typed accessors that tolerate vendors that send every value
/// as a string (HubSpot sends <c>"42"</c> and <c>"true"</c>).
/// </summary>
/// <remarks>Names are case-sensitive, as vendors treat them. The collection is not thread-safe for writes.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(CustomFieldCollectionJsonConverter))]
public sealed class CustomFieldCollection : IReadOnlyDictionary<string, JsonElement>
{
    private readonly Dictionary<string, JsonElement> _fields;

    /// <summary>Creates an empty collection.</summary>
    public CustomFieldCollection() => _fields = new(StringComparer.Ordinal);

    /// <summary>Creates a copy of another collection.</summary>
    /// <param name="other">The collection to copy.</param>
    public CustomFieldCollection(CustomFieldCollection other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _fields = new(other._fields, StringComparer.Ordinal);
    }

    /// <summary>The number of fields.</summary>
    public int Count => _fields.Count;

    /// <summary>The field names.</summary>
    public IEnumerable<string> Keys => _fields.Keys;

    /// <summary>The raw field values.</summary>
    public IEnumerable<JsonElement> Values => _fields.Values;

    /// <summary>Gets the raw value of a field.</summary>
    /// <param name="key">The field name.</param>
    /// <returns>The raw JSON value.</returns>
    /// <exception cref="KeyNotFoundException">There is no such field.</exception>
    public JsonElement this[string key] => _fields.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"No custom field named '{key}'.");

    /// <inheritdoc />
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value) => _fields.TryGetValue(key, out value);

    /// <summary>Sets a field to a raw JSON value, as a vendor sent it.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The raw value; it is cloned so it outlives its document.</param>
    public void SetRaw(string name, JsonElement value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _fields[name] = value.ValueKind == JsonValueKind.Undefined ? Null : value.Clone();
    }

    /// <summary>Sets a string field; <see langword="null"/> stores a JSON null (which clears the field at the vendor).</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void Set(string name, string? value) => SetRaw(name, value is null ? Null : JsonSerializer.SerializeToElement(value, CustomFieldJsonContext.Default.String));

    /// <summary>Sets a whole-number field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void Set(string name, long value) => SetRaw(name, JsonSerializer.SerializeToElement(value, CustomFieldJsonContext.Default.Int64));

    /// <summary>Sets a decimal field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void Set(string name, decimal value) => SetRaw(name, JsonSerializer.SerializeToElement(value, CustomFieldJsonContext.Default.Decimal));

    /// <summary>Sets a floating-point field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value; must be finite.</param>
    public void Set(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Custom field '{name}' must be a finite number.");
        }

        SetRaw(name, JsonSerializer.SerializeToElement(value, CustomFieldJsonContext.Default.Double));
    }

    /// <summary>Sets a yes/no field.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void Set(string name, bool value) => SetRaw(name, JsonSerializer.SerializeToElement(value, CustomFieldJsonContext.Default.Boolean));

    /// <summary>Sets a date-time field, written in ISO 8601 form.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void Set(string name, DateTimeOffset value) => SetRaw(name, JsonSerializer.SerializeToElement(value, CustomFieldJsonContext.Default.DateTimeOffset));

    /// <summary>Removes a field.</summary>
    /// <param name="name">The field name.</param>
    /// <returns><see langword="true"/> when the field was there.</returns>
    public bool Remove(string name) => _fields.Remove(name);

    /// <summary>Gets a field as a string: a JSON string as is, a number or boolean as its JSON text.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The value, or <see langword="null"/> when missing or JSON null.</returns>
    public string? GetString(string name) =>
        _fields.TryGetValue(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;

    /// <summary>Gets a whole-number field, from a JSON number or a numeric string.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the field exists and holds a whole number.</returns>
    public bool TryGetInt64(string name, out long value)
    {
        value = 0;
        return _fields.TryGetValue(name, out var v) && v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>Gets a decimal field, from a JSON number or a numeric string.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the field exists and holds a number.</returns>
    public bool TryGetDecimal(string name, out decimal value)
    {
        value = 0;
        return _fields.TryGetValue(name, out var v) && v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetDecimal(out value),
            JsonValueKind.String => decimal.TryParse(v.GetString(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>Gets a yes/no field, from a JSON boolean or the strings <c>true</c>/<c>false</c> (any case).</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the field exists and holds a boolean.</returns>
    public bool TryGetBoolean(string name, out bool value)
    {
        value = false;
        if (!_fields.TryGetValue(name, out var v))
        {
            return false;
        }

        switch (v.ValueKind)
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return bool.TryParse(v.GetString(), out value);
            default:
                return false;
        }
    }

    /// <summary>Gets a date-time field, from an ISO 8601 string or Unix epoch milliseconds (number or string).</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the field exists and holds a date-time.</returns>
    public bool TryGetDateTimeOffset(string name, out DateTimeOffset value)
    {
        value = default;
        if (!_fields.TryGetValue(name, out var v))
        {
            return false;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long ms))
        {
            return TryFromUnixMilliseconds(ms, out value);
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        string? s = v.GetString();
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out ms))
        {
            return TryFromUnixMilliseconds(ms, out value);
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool TryFromUnixMilliseconds(long ms, out DateTimeOffset value)
    {
        value = default;
        if (ms < -62135596800000 || ms > 253402300799999)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static JsonElement Null { get; } = JsonDocument.Parse("null").RootElement.Clone();
}
