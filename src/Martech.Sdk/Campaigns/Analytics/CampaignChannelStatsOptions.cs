namespace Martech.Sdk;

/// <summary>A period to compute campaign stats over, for one channel: pass it to
/// <see cref="ICampaignStatsClient.GetStatsAsync"/> of a campaign analytics instance (or to
/// <see cref="CampaignAnalytics.GetStats"/>) to read SMS stats; plain <see cref="CampaignStatsOptions"/> read email.</summary>
public sealed class CampaignChannelStatsOptions : CampaignStatsOptions
{
    /// <summary>The channel.</summary>
    /// <value>The default value is <see cref="CampaignChannel.Email"/>.</value>
    public CampaignChannel Channel { get; set; }
}
