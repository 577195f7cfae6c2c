namespace Martech.Sdk.HubSpot;

/// <summary>The names of the counters in HubSpot's email statistics (<c>aggregate.counters</c>) that fill
/// <see cref="CampaignStats"/>, bound from <c>Martech:&lt;name&gt;:CampaignStats:Counters</c>.</summary>
/// <remarks>HubSpot's reference does not list the v3 counter names; the defaults are the names of its legacy v1
/// statistics. An empty name leaves that count unread (not <see cref="CampaignStats.Reported"/>); a counter HubSpot does
/// not send is not reported either, so a wrong name shows as a missing count, never as a zero.</remarks>
public sealed class HubSpotEmailCounterNames
{
    /// <summary>Messages sent, into <see cref="CampaignStats.Sent"/>.</summary>
    /// <value>The default value is <c>sent</c>.</value>
    public string? Sent { get; set; } = "sent";

    /// <summary>Messages delivered, into <see cref="CampaignStats.Delivered"/>.</summary>
    /// <value>The default value is <c>delivered</c>.</value>
    public string? Delivered { get; set; } = "delivered";

    /// <summary>Messages HubSpot did not send, into <see cref="CampaignStats.Dropped"/>.</summary>
    /// <value>The default value is <c>dropped</c>.</value>
    public string? Dropped { get; set; } = "dropped";

    /// <summary>Bounces of every kind, into <see cref="CampaignStats.Bounces"/>.</summary>
    /// <value>The default value is <c>bounce</c>.</value>
    public string? Bounces { get; set; } = "bounce";

    /// <summary>Hard bounces, into <see cref="CampaignStats.HardBounces"/>.</summary>
    /// <value>The default value is <c>hardbounced</c>.</value>
    public string? HardBounces { get; set; } = "hardbounced";

    /// <summary>Soft bounces, into <see cref="CampaignStats.SoftBounces"/>.</summary>
    /// <value>The default value is <c>softbounced</c>.</value>
    public string? SoftBounces { get; set; } = "softbounced";

    /// <summary>Opens, into <see cref="CampaignStats.UniqueOpens"/> (or <see cref="CampaignStats.TotalOpens"/> when
    /// <see cref="HubSpotCampaignStatsOptions.OpensAndClicksAreUnique"/> is off).</summary>
    /// <value>The default value is <c>open</c>.</value>
    public string? Opens { get; set; } = "open";

    /// <summary>Clicks, into <see cref="CampaignStats.UniqueClicks"/> (or <see cref="CampaignStats.TotalClicks"/> when
    /// <see cref="HubSpotCampaignStatsOptions.OpensAndClicksAreUnique"/> is off).</summary>
    /// <value>The default value is <c>click</c>.</value>
    public string? Clicks { get; set; } = "click";

    /// <summary>Unsubscribes, into <see cref="CampaignStats.Unsubscribes"/>.</summary>
    /// <value>The default value is <c>unsubscribed</c>.</value>
    public string? Unsubscribes { get; set; } = "unsubscribed";

    /// <summary>Spam reports, into <see cref="CampaignStats.SpamReports"/>.</summary>
    /// <value>The default value is <c>spamreport</c>.</value>
    public string? SpamReports { get; set; } = "spamreport";

    /// <summary>The configured names by setting, for validation and reading.</summary>
    internal IEnumerable<(string Setting, string? Counter)> All() =>
    [
        (nameof(Sent), Sent), (nameof(Delivered), Delivered), (nameof(Dropped), Dropped), (nameof(Bounces), Bounces),
        (nameof(HardBounces), HardBounces), (nameof(SoftBounces), SoftBounces), (nameof(Opens), Opens), (nameof(Clicks), Clicks),
        (nameof(Unsubscribes), Unsubscribes), (nameof(SpamReports), SpamReports),
    ];
}
