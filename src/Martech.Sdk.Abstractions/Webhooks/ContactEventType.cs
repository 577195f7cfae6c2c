using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>What happened to a contact in a vendor's system.</summary>
/// <remarks>An extensible enum: compare with the static members; values the SDK does not know round-trip
/// unchanged. Equality ignores case.</remarks>
[JsonConverter(typeof(ExtensibleEnumJsonConverter<ContactEventType>))]
public readonly struct ContactEventType : IEquatable<ContactEventType>, IExtensibleEnum<ContactEventType>
{
    private readonly string? _value;

    /// <summary>Creates a value; use the static members for the well-known ones.</summary>
    /// <param name="value">The value, as the vendor writes it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public ContactEventType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The contact was created.</summary>
    public static ContactEventType Created { get; } = new("created");

    /// <summary>One or more properties changed.</summary>
    public static ContactEventType Changed { get; } = new("changed");

    /// <summary>The contact was deleted.</summary>
    public static ContactEventType Deleted { get; } = new("deleted");

    /// <summary>The contact was merged into another.</summary>
    public static ContactEventType Merged { get; } = new("merged");

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public static ContactEventType Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(ContactEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ContactEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the value.</summary>
    /// <returns>The value.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(ContactEventType left, ContactEventType right) => left.Equals(right);

    /// <summary>Compares two values, ignoring case.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ContactEventType left, ContactEventType right) => !left.Equals(right);
}
