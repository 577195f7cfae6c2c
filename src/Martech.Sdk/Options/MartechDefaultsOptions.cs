namespace Martech.Sdk;

/// <summary>
/// Which provider instance serves each capability when it is resolved without a key, bound from
/// <c>Martech:Defaults</c>. A capability left unset is served by the first registered provider that has it.
/// </summary>
/// <example>
/// <code>
/// "Martech": { "Defaults": { "Contacts": "HubSpot", "Email": "SendGrid", "Messaging": "Slack" } }
/// </code>
/// </example>
public sealed class MartechDefaultsOptions
{
    /// <summary>The instance that serves <see cref="IContactClient"/>.</summary>
    public string? Contacts { get; set; }

    /// <summary>The instance that serves <see cref="ILeadClient"/>.</summary>
    public string? Leads { get; set; }

    /// <summary>The instance that serves <see cref="ICampaignClient"/>.</summary>
    public string? Campaigns { get; set; }

    /// <summary>The instance that serves <see cref="ICampaignStatsClient"/> (campaign stats from a vendor's statistics API,
    /// or from a provider with campaigns).</summary>
    public string? CampaignStats { get; set; }

    /// <summary>The instance that serves <see cref="IEmailSender"/>.</summary>
    public string? Email { get; set; }

    /// <summary>The instance that serves <see cref="IMessageSender"/>.</summary>
    public string? Messaging { get; set; }

    /// <summary>The instance that serves <see cref="IEmailSuppressionList"/>.</summary>
    public string? Suppressions { get; set; }

    internal string? For(Type capability) =>
        capability == typeof(IContactClient) ? Contacts
        : capability == typeof(ILeadClient) ? Leads
        : capability == typeof(ICampaignClient) ? Campaigns
        : capability == typeof(ICampaignStatsClient) ? CampaignStats
        : capability == typeof(IEmailSender) ? Email
        : capability == typeof(IMessageSender) ? Messaging
        : capability == typeof(IEmailSuppressionList) ? Suppressions
        : null;
}
