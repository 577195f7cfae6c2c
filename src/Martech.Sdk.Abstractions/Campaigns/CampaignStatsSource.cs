namespace Martech.Sdk;

/// <summary>Where a <see cref="CampaignStats"/> came from.</summary>
public enum CampaignStatsSource
{
    /// <summary>Counted by the SDK from typed events (webhooks, recorded sends): exactly once per event, machine opens and
    /// clicks apart, unique counts per recipient.</summary>
    Events,

    /// <summary>Reported by the vendor's own statistics API or CRM (SendGrid category stats, Mailgun tag stats, Postmark
    /// outbound stats, Salesforce campaign members): the vendor's definitions, the counts it reports
    /// (<see cref="CampaignStats.Reported"/>).</summary>
    Vendor,
}
