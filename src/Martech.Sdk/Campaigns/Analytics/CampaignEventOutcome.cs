namespace Martech.Sdk;

/// <summary>What <see cref="CampaignAnalytics"/> did with one event or send.</summary>
public enum CampaignEventOutcome
{
    /// <summary>It changed the stats.</summary>
    Counted,

    /// <summary>Nothing new: a redelivery of an event already counted (same provider and
    /// <see cref="MartechEvent.Id"/>), a send or delivery of a message already counted, or a fact already known (a
    /// second unsubscribe of the recipient in the same time slot).</summary>
    Duplicate,

    /// <summary>It counts for nothing: no campaign id, an event kind or type that is not engagement (contact changes,
    /// deferrals of an unknown recipient, resubscribes, types the SDK does not know).</summary>
    Ignored,
}
