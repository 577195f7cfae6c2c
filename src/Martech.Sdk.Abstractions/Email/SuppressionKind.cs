using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Why an address is on a suppression list.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<SuppressionKind>))]
public readonly struct SuppressionKind : IEquatable<SuppressionKind>, IExtensibleEnum<SuppressionKind>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public SuppressionKind(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The address bounced (hard bounce).</summary>
    public static SuppressionKind Bounce { get; } = new("bounce");

    /// <summary>The receiving server blocked the message.</summary>
    public static SuppressionKind Block { get; } = new("block");

    /// <summary>The recipient reported a message as spam (a complaint).</summary>
    public static SuppressionKind SpamReport { get; } = new("spamreport");

    /// <summary>The recipient unsubscribed from all email.</summary>
    public static SuppressionKind Unsubscribe { get; } = new("unsubscribe");

    /// <summary>The recipient unsubscribed from one group (an unsubscribe group or message stream); see the group id.</summary>
    public static SuppressionKind GroupUnsubscribe { get; } = new("groupunsubscribe");

    /// <summary>The address is invalid.</summary>
    public static SuppressionKind InvalidEmail { get; } = new("invalidemail");

    /// <summary>Added by hand or by the application.</summary>
    public static SuppressionKind Manual { get; } = new("manual");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static SuppressionKind Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(SuppressionKind other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SuppressionKind other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(SuppressionKind left, SuppressionKind right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(SuppressionKind left, SuppressionKind right) => !left.Equals(right);
}
