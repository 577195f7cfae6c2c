namespace Martech.Sdk;

/// <summary>Settings of <see cref="CampaignAnalytics"/>, bound from <c>Martech:Campaigns:Analytics</c> for
/// <c>AddCampaignAnalytics()</c> and validated when the host starts.</summary>
public sealed class CampaignAnalyticsOptions
{
    /// <summary>The time slot events are counted in. Unique counts are kept per recipient and slot, so a period's
    /// bounds act on whole slots: an event counts in [From, To) when its UTC slot starts in it (both bounds are rounded
    /// up to a slot boundary, and the stats say so in <see cref="CampaignStats.From"/> and <see cref="CampaignStats.To"/>).
    /// A smaller slot is exact for more periods and costs memory per recipient and slot with activity. Whole minutes from
    /// 1 minute to 1 day that divide a day evenly, so days and months are whole slots.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan Resolution { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an event's key (its provider and <see cref="MartechEvent.Id"/>, or the message and recipient a
    /// send, delivery or bounce is about) is remembered to recognise a redelivery, measured by the clock from when the
    /// event was recorded. Vendors redeliver for up to three days (SendGrid 72 hours). A redelivery later than this is
    /// counted again; memory grows with the events recorded within it.</summary>
    /// <value>The default value is 72 hours.</value>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Count the events the webhook inbox (<c>AddWebhooks()</c>) dispatches; <see langword="false"/> to count
    /// only what is recorded through the <see cref="CampaignAnalytics"/> API and <c>UseCampaignAnalytics()</c>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CountWebhookEvents { get; set; } = true;

    /// <summary>The provider instances whose webhook events count (such as <c>SendGrid</c>); empty for all of them.</summary>
    public IReadOnlyList<string> Providers { get; set; } = [];

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Campaigns:Analytics</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        if (Resolution < TimeSpan.FromMinutes(1) || Resolution > TimeSpan.FromDays(1)
            || Resolution.Ticks % TimeSpan.TicksPerMinute != 0 || TimeSpan.TicksPerDay % Resolution.Ticks != 0)
        {
            yield return $"{p}:{nameof(Resolution)} must be whole minutes from 1 minute to 1 day that divide a day evenly, such as 00:15:00 or 01:00:00 (was {Resolution}).";
        }

        if (DedupeWindow < TimeSpan.FromHours(1) || DedupeWindow > TimeSpan.FromDays(3650))
        {
            yield return $"{p}:{nameof(DedupeWindow)} must be from 1 hour to 3650 days, and at least as long as your vendors redeliver webhooks (72 hours for SendGrid) (was {DedupeWindow}).";
        }

        if (Providers is null || Providers.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{p}:{nameof(Providers)} must not hold empty values; name provider instances such as SendGrid, or leave it empty for all.";
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(CampaignAnalyticsOptions);
}
