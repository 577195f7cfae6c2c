using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>A HubSpot marketing campaign's attribution metrics between two dates, as HubSpot reports them
/// (<c>…/reports/metrics</c>). A metric HubSpot did not send is <see langword="null"/>.</summary>
/// <param name="CampaignId">The campaign's GUID.</param>
/// <param name="StartDate">The first day asked for.</param>
/// <param name="EndDate">The last day asked for.</param>
/// <param name="InfluencedContacts">Contacts that interacted with the campaign's assets (<c>influencedContacts</c>).</param>
/// <param name="NewContactsFirstTouch">New contacts whose first touch was the campaign (<c>newContactsFirstTouch</c>).</param>
/// <param name="NewContactsLastTouch">New contacts whose last touch before creation was the campaign
/// (<c>newContactsLastTouch</c>).</param>
/// <param name="Sessions">Website sessions attributed to the campaign (<c>sessions</c>).</param>
public sealed record HubSpotCampaignAttribution(
    string CampaignId,
    DateOnly StartDate,
    DateOnly EndDate,
    long? InfluencedContacts,
    long? NewContactsFirstTouch,
    long? NewContactsLastTouch,
    long? Sessions)
{
    /// <summary>HubSpot's answer as received (re-serialized from the members it sent), for metrics the SDK does not
    /// name; <see cref="JsonValueKind.Undefined"/> when built in code. Never written out by JSON serialization.</summary>
    [JsonIgnore]
    public JsonElement Raw { get; init; }
}
