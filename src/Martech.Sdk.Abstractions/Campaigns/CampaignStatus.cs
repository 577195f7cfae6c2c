using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The state of a campaign.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<CampaignStatus>))]
public readonly struct CampaignStatus : IEquatable<CampaignStatus>, IExtensibleEnum<CampaignStatus>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public CampaignStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Not started.</summary>
    public static CampaignStatus Planned { get; } = new("planned");

    /// <summary>Running.</summary>
    public static CampaignStatus Active { get; } = new("active");

    /// <summary>Paused.</summary>
    public static CampaignStatus Paused { get; } = new("paused");

    /// <summary>Finished.</summary>
    public static CampaignStatus Completed { get; } = new("completed");

    /// <summary>Stopped before completion.</summary>
    public static CampaignStatus Aborted { get; } = new("aborted");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static CampaignStatus Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(CampaignStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CampaignStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(CampaignStatus left, CampaignStatus right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(CampaignStatus left, CampaignStatus right) => !left.Equals(right);
}
