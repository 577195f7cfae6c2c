using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>What kind of item an SLA clock runs on: a lead, a contact, a conversation or a campaign; other kinds are plain values.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<SlaItemKind>))]
public readonly struct SlaItemKind : IEquatable<SlaItemKind>, IExtensibleEnum<SlaItemKind>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public SlaItemKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>A sales lead.</summary>
    public static SlaItemKind Lead { get; } = new("lead");

    /// <summary>A contact (person).</summary>
    public static SlaItemKind Contact { get; } = new("contact");

    /// <summary>A chat, SMS or email conversation.</summary>
    public static SlaItemKind Conversation { get; } = new("conversation");

    /// <summary>An email campaign: its history holds the delivery outcomes of its messages, which bounce-rate volume
    /// SLAs count.</summary>
    public static SlaItemKind Campaign { get; } = new("campaign");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static SlaItemKind Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(SlaItemKind other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SlaItemKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(SlaItemKind left, SlaItemKind right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(SlaItemKind left, SlaItemKind right) => !left.Equals(right);
}
