namespace Martech.Sdk.HubSpot;

/// <summary>HubSpot's campaign numbers beyond <see cref="ICampaignStatsClient"/>: the attribution metrics of a marketing
/// campaign, and the email statistics of marketing emails named by id (for portals without the campaigns API). Reach it
/// through <c>stats.GetServicethrough <c>stats.GetService(typeof(IHubSpotCampaignReports))</c>lt;IHubSpotCampaignReportsthrough <c>stats.GetService(typeof(IHubSpotCampaignReports))</c>gt;()</c> on a HubSpot <see cref="ICampaignStatsClient"/>.</summary>
public interface IHubSpotCampaignReports
{
    /// <summary>Reads a marketing campaign's attribution metrics between two dates
    /// (<c>GET /marketing/v3/campaigns/{campaignGuid}/reports/metrics</c>): contacts influenced, new contacts by first and
    /// last touch, and sessions. These are not email counts.</summary>
    /// <param name="campaignId">The campaign's GUID (<c>campaignGuid</c>).</param>
    /// <param name="startDate">The first day (sent as <c>startDate</c>).</param>
    /// <param name="endDate">The last day (sent as <c>endDate</c>); not before <paramref name="startDate"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metrics; a metric HubSpot did not send is <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="campaignId"/> is not a GUID, or <paramref name="endDate"/> is
    /// before <paramref name="startDate"/>.</exception>
    /// <exception cref="MartechNotFoundException">There is no such campaign.</exception>
    Task<HubSpotCampaignAttribution> GetAttributionAsync(string campaignId, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken = default);

    /// <summary>Reads the email statistics of marketing emails named by id, summed, over a period
    /// (<c>GET /marketing/v3/emails/statistics/list</c>): what <see cref="ICampaignStatsClient.GetStatsAsync"/> reads for
    /// a campaign's emails, for portals that group emails without the campaigns API.</summary>
    /// <param name="emailIds">The marketing emails' ids (numbers); at least one.</param>
    /// <param name="options">The period and its breakdown.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stats; <see cref="CampaignStats.CampaignId"/> is the ids joined with commas.</returns>
    /// <exception cref="ArgumentException"><paramref name="emailIds"/> is empty or holds an id that is not a number, or
    /// the options are invalid.</exception>
    Task<CampaignStats> GetEmailStatsAsync(IReadOnlyCollection<string> emailIds, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default);
}
