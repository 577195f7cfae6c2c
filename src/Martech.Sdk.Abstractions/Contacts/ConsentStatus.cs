using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Whether a contact agreed to be contacted on a channel.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ConsentStatus>))]
public readonly struct ConsentStatus : IEquatable<ConsentStatus>, IExtensibleEnum<ConsentStatus>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public ConsentStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The contact opted in.</summary>
    public static ConsentStatus Granted { get; } = new("granted");

    /// <summary>The contact opted out or withdrew consent.</summary>
    public static ConsentStatus Denied { get; } = new("denied");

    /// <summary>Opt-in requested but not confirmed (double opt-in).</summary>
    public static ConsentStatus Pending { get; } = new("pending");

    /// <summary>No record of a decision.</summary>
    public static ConsentStatus Unknown { get; } = new("unknown");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static ConsentStatus Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(ConsentStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ConsentStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(ConsentStatus left, ConsentStatus right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ConsentStatus left, ConsentStatus right) => !left.Equals(right);
}
