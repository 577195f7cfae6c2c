namespace Martech.Sdk;

/// <summary>A contact was created, changed, deleted or merged at the vendor.</summary>
public sealed record ContactEvent : MartechEvent
{
    /// <summary>What happened.</summary>
    public required ContactEventType Type { get; init; }

    /// <summary>The contact's provider id.</summary>
    public required string ContactId { get; init; }

    /// <summary>The changed property and its new value, for <see cref="ContactEventType.Changed"/>.</summary>
    public IReadOnlyDictionary<string, string?> ChangedProperties { get; init; } = new Dictionary<string, string?>();
}
