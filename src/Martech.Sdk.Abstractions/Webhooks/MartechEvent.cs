using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>A typed event mapped from a vendor webhook.</summary>
public abstract record MartechEvent
{
    /// <summary>The vendor's event id, used to drop duplicate deliveries.</summary>
    public string? Id { get; init; }

    /// <summary>The provider instance that received it.</summary>
    public required string Provider { get; init; }

    /// <summary>When it happened, by the vendor's clock.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The vendor's own event object.</summary>
    [JsonIgnore]
    public object? RawRepresentation { get; init; }
}
