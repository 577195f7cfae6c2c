using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>What happened to an email after it was sent.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<EmailEventType>))]
public readonly struct EmailEventType : IEquatable<EmailEventType>, IExtensibleEnum<EmailEventType>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public EmailEventType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The vendor accepted the message for delivery.</summary>
    public static EmailEventType Processed { get; } = new("processed");

    /// <summary>Delivery was delayed and will be retried by the vendor.</summary>
    public static EmailEventType Deferred { get; } = new("deferred");

    /// <summary>The receiving server accepted the message.</summary>
    public static EmailEventType Delivered { get; } = new("delivered");

    /// <summary>The recipient opened the message.</summary>
    public static EmailEventType Opened { get; } = new("opened");

    /// <summary>The recipient clicked a tracked link.</summary>
    public static EmailEventType Clicked { get; } = new("clicked");

    /// <summary>The receiving server rejected the message.</summary>
    public static EmailEventType Bounced { get; } = new("bounced");

    /// <summary>The vendor did not send the message (suppressed or invalid).</summary>
    public static EmailEventType Dropped { get; } = new("dropped");

    /// <summary>The recipient unsubscribed from all mail of the sender.</summary>
    public static EmailEventType Unsubscribed { get; } = new("unsubscribed");

    /// <summary>The recipient marked the message as spam.</summary>
    public static EmailEventType SpamReport { get; } = new("spamreport");

    /// <summary>The recipient unsubscribed from one unsubscribe group or list
    /// (<see cref="EmailEvent.UnsubscribeGroupId"/>), not from all mail.</summary>
    public static EmailEventType GroupUnsubscribed { get; } = new("group_unsubscribe");

    /// <summary>The recipient subscribed again to an unsubscribe group or list they had left.</summary>
    public static EmailEventType GroupResubscribed { get; } = new("group_resubscribe");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static EmailEventType Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(EmailEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EmailEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(EmailEventType left, EmailEventType right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(EmailEventType left, EmailEventType right) => !left.Equals(right);
}
