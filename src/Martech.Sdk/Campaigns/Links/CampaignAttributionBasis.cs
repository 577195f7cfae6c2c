namespace Martech.Sdk;

/// <summary>What a <see cref="CampaignAttribution"/> rests on.</summary>
public enum CampaignAttributionBasis
{
    /// <summary>The URL's <c>utm_id</c>: the campaign id a tracked link carries (a landing visit, or a click whose send
    /// carried no campaign id).</summary>
    UtmId,

    /// <summary>The campaign id the send carried (<see cref="MartechEvent.CampaignId"/>): a click belongs to the campaign
    /// of the email it was made in, as the event analytics count it.</summary>
    EventCampaignId,

    /// <summary>Only the URL's <c>utm_campaign</c> name; <see cref="CampaignAttribution.CampaignId"/> is
    /// <see langword="null"/>.</summary>
    UtmCampaignName,
}
