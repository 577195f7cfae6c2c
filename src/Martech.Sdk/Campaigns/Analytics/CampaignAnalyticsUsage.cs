namespace Martech.Sdk;

/// <summary>How much a <see cref="CampaignAnalytics"/> holds and what it has counted: <see cref="CampaignAnalytics.Usage"/>.</summary>
/// <param name="Campaigns">Campaigns with events.</param>
/// <param name="DistinctRecipients">Distinct recipients (email addresses and phone numbers) across all campaigns.</param>
/// <param name="RecipientCampaigns">Recipients summed over campaigns and channels (one recipient of three campaigns is
/// three).</param>
/// <param name="RecipientSlots">Recipient-slot entries: one per recipient, campaign, channel and time slot with
/// activity.</param>
/// <param name="CampaignSlots">Campaign-slot rows of counts: one per campaign, channel and slot with activity.</param>
/// <param name="RememberedKeys">Event keys held to recognise redeliveries (those older than the dedupe window are
/// dropped when the table next grows).</param>
/// <param name="EstimatedBytes">The memory these take, estimated from the structures' sizes (dictionary slack
/// excluded).</param>
/// <param name="Counted">Events and sends that changed the stats.</param>
/// <param name="Duplicates">Redeliveries and facts already counted.</param>
/// <param name="Ignored">Events that count for nothing.</param>
public sealed record CampaignAnalyticsUsage(
    int Campaigns,
    int DistinctRecipients,
    long RecipientCampaigns,
    long RecipientSlots,
    long CampaignSlots,
    int RememberedKeys,
    long EstimatedBytes,
    long Counted,
    long Duplicates,
    long Ignored);
