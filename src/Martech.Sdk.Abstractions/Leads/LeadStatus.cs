using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The working status of a lead.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<LeadStatus>))]
public readonly struct LeadStatus : IEquatable<LeadStatus>, IExtensibleEnum<LeadStatus>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public LeadStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Not yet worked.</summary>
    public static LeadStatus New { get; } = new("new");

    /// <summary>Assigned and open.</summary>
    public static LeadStatus Open { get; } = new("open");

    /// <summary>Being contacted.</summary>
    public static LeadStatus Working { get; } = new("working");

    /// <summary>Not ready, in a nurture track.</summary>
    public static LeadStatus Nurturing { get; } = new("nurturing");

    /// <summary>Qualified</summary>
    public static LeadStatus Qualified { get; } = new("qualified");

    /// <summary>Disqualified.</summary>
    public static LeadStatus Unqualified { get; } = new("unqualified");

    /// <summary>Converted into a contact, account or deal.</summary>
    public static LeadStatus Converted { get; } = new("converted");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static LeadStatus Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LeadStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LeadStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(LeadStatus left, LeadStatus right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(LeadStatus left, LeadStatus right) => !left.Equals(right);
}
