namespace Martech.Sdk;

/// <summary>The capability interfaces a provider can implement, and their configuration names.</summary>
internal static class MartechCapabilities
{
    public static readonly IReadOnlyList<(Type Type, string Name)> All =
    [
        (typeof(IContactClient), nameof(MartechDefaultsOptions.Contacts)),
        (typeof(ILeadClient), nameof(MartechDefaultsOptions.Leads)),
        (typeof(ICampaignClient), nameof(MartechDefaultsOptions.Campaigns)),
        (typeof(ICampaignStatsClient), nameof(MartechDefaultsOptions.CampaignStats)),
        (typeof(IEmailSender), nameof(MartechDefaultsOptions.Email)),
        (typeof(IMessageSender), nameof(MartechDefaultsOptions.Messaging)),
        (typeof(IEmailSuppressionList), nameof(MartechDefaultsOptions.Suppressions)),
        (typeof(IWebhookReceiver), "Webhooks"),
    ];

    public static string NameOf(Type capability)
    {
        foreach (var (type, name) in All)
        {
            if (type == capability)
            {
                return name;
            }
        }

        throw new ArgumentException($"{capability.Name} is not a Martech capability interface.", nameof(capability));
    }
}
