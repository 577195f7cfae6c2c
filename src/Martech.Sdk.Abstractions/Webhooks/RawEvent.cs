namespace Martech.Sdk;

/// <summary>An event the SDK has no type for: a vendor event type it does not know (new ones appear without notice),
/// or a verified payload of a generic scheme such as Standard Webhooks. It is delivered like any other, never dropped;
/// read it from <see cref="MartechEvent.Raw"/>.</summary>
public sealed record RawEvent : MartechEvent
{
    /// <summary>The vendor's name for the event type, such as SendGrid's <c>account_status_change</c> or HubSpot's
    /// <c>deal.creation</c>; empty when the payload names none.</summary>
    public required string VendorEventType { get; init; }
}
