using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>What an SLA clock measures: a response-time metric such as first response, or a lead metric such as time to first touch. Each metric has default start, pause and stop conditions (see <c>docs/slas.md</c>) that a policy may replace.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<SlaMetric>))]
public readonly struct SlaMetric : IEquatable<SlaMetric>, IExtensibleEnum<SlaMetric>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public SlaMetric(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>From an inbound message that opens a conversation to the first reply (Zendesk first reply time).</summary>
    public static SlaMetric FirstResponse { get; } = new("first_response");

    /// <summary>From each inbound message after a reply to the next reply: a new cycle per customer message.</summary>
    public static SlaMetric NextResponse { get; } = new("next_response");

    /// <summary>From each reply to the next reply, while the item is open: how long the customer goes without an update.</summary>
    public static SlaMetric PeriodicUpdate { get; } = new("periodic_update");

    /// <summary>From creation to the item being closed (resolved, converted, disqualified).</summary>
    public static SlaMetric Resolution { get; } = new("resolution");

    /// <summary>From a lead's creation to its first touch: a status leaving <c>new</c>, a message or email sent to it, or a recorded touch.</summary>
    public static SlaMetric TimeToFirstTouch { get; } = new("time_to_first_touch");

    /// <summary>From a lead's creation to its status reaching <c>qualified</c> or <c>converted</c> (or being disqualified).</summary>
    public static SlaMetric TimeToQualification { get; } = new("time_to_qualification");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static SlaMetric Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(SlaMetric other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SlaMetric other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(SlaMetric left, SlaMetric right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(SlaMetric left, SlaMetric right) => !left.Equals(right);
}
