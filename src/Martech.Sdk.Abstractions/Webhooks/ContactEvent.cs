namespace Martech.Sdk;

/// <summary>A contact (HubSpot contact, Pipedrive person, Salesforce contact or lead) was created, changed, deleted or
/// merged at the vendor.</summary>
/// <remarks>Vendors do not deliver in order. <see cref="ChangedAt"/> is the resource's own change time; the event
/// dispatcher drops a change older than one it already handled for the same contact and property, so a stale change
/// never overwrites a newer one (see <c>docs/webhooks.md</c>).</remarks>
public sealed record ContactEvent : MartechEvent
{
    private static readonly IReadOnlyDictionary<string, string?> NoChanges = new Dictionary<string, string?>(0);

    /// <summary>What happened.</summary>
    public required ContactEventType Type { get; init; }

    /// <summary>The vendor's kind of record, such as <c>contact</c>, <c>person</c> or <c>lead</c>.</summary>
    /// <value>The default value is <c>contact</c>.</value>
    public string ObjectType { get; init; } = "contact";

    /// <summary>The changed properties and their new values (<see langword="null"/> when cleared), by the vendor's
    /// property name, for <see cref="ContactEventType.Changed"/>; for <see cref="ContactEventType.Created"/> the values
    /// the vendor sent, where it sends any.</summary>
    public IReadOnlyDictionary<string, string?> ChangedProperties { get; init; } = NoChanges;

    /// <summary>For <see cref="ContactEventType.Merged"/>: the ids of the contacts merged into
    /// <see cref="MartechEvent.ContactId"/>, which survives.</summary>
    public IReadOnlyList<string> MergedContactIds { get; init; } = [];

    /// <summary>When the contact changed, by the resource's own clock (HubSpot <c>occurredAt</c>, Pipedrive
    /// <c>update_time</c>, Salesforce <c>LastModifiedDate</c>): what orders changes to the same contact.
    /// <see langword="null"/> means <see cref="MartechEvent.OccurredAt"/>.</summary>
    public DateTimeOffset? ChangedAt { get; init; }
}
