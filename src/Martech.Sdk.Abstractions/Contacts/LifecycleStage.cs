using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Where a contact stands in the marketing and sales funnel.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<LifecycleStage>))]
public readonly struct LifecycleStage : IEquatable<LifecycleStage>, IExtensibleEnum<LifecycleStage>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public LifecycleStage(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Signed up for content, not yet a lead.</summary>
    public static LifecycleStage Subscriber { get; } = new("subscriber");

    /// <summary>Showed interest, not yet qualified.</summary>
    public static LifecycleStage Lead { get; } = new("lead");

    /// <summary>Qualified by marketing (an MQL).</summary>
    public static LifecycleStage MarketingQualifiedLead { get; } = new("marketingqualifiedlead");

    /// <summary>Accepted by sales (an SQL).</summary>
    public static LifecycleStage SalesQualifiedLead { get; } = new("salesqualifiedlead");

    /// <summary>In an open deal.</summary>
    public static LifecycleStage Opportunity { get; } = new("opportunity");

    /// <summary>Bought.</summary>
    public static LifecycleStage Customer { get; } = new("customer");

    /// <summary>A customer who promotes the product.</summary>
    public static LifecycleStage Evangelist { get; } = new("evangelist");

    /// <summary>Any other stage.</summary>
    public static LifecycleStage Other { get; } = new("other");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static LifecycleStage Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(LifecycleStage other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LifecycleStage other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(LifecycleStage left, LifecycleStage right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(LifecycleStage left, LifecycleStage right) => !left.Equals(right);
}
