using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The delivery state of a chat or SMS message.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<MessageDeliveryStatus>))]
public readonly struct MessageDeliveryStatus : IEquatable<MessageDeliveryStatus>, IExtensibleEnum<MessageDeliveryStatus>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public MessageDeliveryStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Accepted and waiting to be sent.</summary>
    public static MessageDeliveryStatus Queued { get; } = new("queued");

    /// <summary>Handed to the carrier or channel.</summary>
    public static MessageDeliveryStatus Sent { get; } = new("sent");

    /// <summary>Delivered to the device or channel.</summary>
    public static MessageDeliveryStatus Delivered { get; } = new("delivered");

    /// <summary>Read by the recipient, where the channel reports it.</summary>
    public static MessageDeliveryStatus Read { get; } = new("read");

    /// <summary>The carrier could not deliver it.</summary>
    public static MessageDeliveryStatus Undelivered { get; } = new("undelivered");

    /// <summary>Sending failed.</summary>
    public static MessageDeliveryStatus Failed { get; } = new("failed");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static MessageDeliveryStatus Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(MessageDeliveryStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MessageDeliveryStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(MessageDeliveryStatus left, MessageDeliveryStatus right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(MessageDeliveryStatus left, MessageDeliveryStatus right) => !left.Equals(right);
}
