using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>What happened to an item in its history: created, status or owner changed, touched, responded, a message received or sent, paused, resumed, closed, or a custom value.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<SlaItemEventType>))]
public readonly struct SlaItemEventType : IEquatable<SlaItemEventType>, IExtensibleEnum<SlaItemEventType>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public SlaItemEventType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The item was created.</summary>
    public static SlaItemEventType Created { get; } = new("created");

    /// <summary>The item's status changed (<see cref="SlaItemEvent.Status"/> is the new one).</summary>
    public static SlaItemEventType StatusChanged { get; } = new("status_changed");

    /// <summary>The item's owner changed (<see cref="SlaItemEvent.OwnerId"/> is the new one).</summary>
    public static SlaItemEventType OwnerChanged { get; } = new("owner_changed");

    /// <summary>Other fields of the item changed (<see cref="SlaItemEvent.Properties"/>).</summary>
    public static SlaItemEventType Changed { get; } = new("changed");

    /// <summary>Someone worked the item: a call, a meeting, a logged activity.</summary>
    public static SlaItemEventType Touched { get; } = new("touched");

    /// <summary>Someone replied to the item's person.</summary>
    public static SlaItemEventType Responded { get; } = new("responded");

    /// <summary>A message came in from the item's person.</summary>
    public static SlaItemEventType MessageReceived { get; } = new("message_received");

    /// <summary>A message or email went out to the item's person.</summary>
    public static SlaItemEventType MessageSent { get; } = new("message_sent");

    /// <summary>Work was put on hold (waiting on the customer, snoozed).</summary>
    public static SlaItemEventType Paused { get; } = new("paused");

    /// <summary>Work on hold started again.</summary>
    public static SlaItemEventType Resumed { get; } = new("resumed");

    /// <summary>The item was closed: resolved, converted, deleted.</summary>
    public static SlaItemEventType Closed { get; } = new("closed");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static SlaItemEventType Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(SlaItemEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SlaItemEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(SlaItemEventType left, SlaItemEventType right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(SlaItemEventType left, SlaItemEventType right) => !left.Equals(right);
}
