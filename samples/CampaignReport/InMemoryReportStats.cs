using Martech.Sdk;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignReportSample;

/// <summary>
/// Where the report's numbers come from, and the only class that knows: the recorded events go into the SDK's in-memory
/// provider (its sends and its recorded email events), and the report reads them back through the provider's
/// <see cref="ICampaignStatsClient"/>, one <see cref="ICampaignStatsClient.GetStatsAsync"/> call per campaign and month.
/// </summary>
/// <remarks>
/// <para>What a webhook endpoint does before counting, this does too: an event whose provider and id it has seen is a
/// redelivery and is dropped (the SDK's webhook inbox dedupes the same way). A <c>processed</c> event is the vendor
/// accepting a send, so it becomes a send through the provider's <see cref="IEmailSender"/>, stamped with the event's
/// time; every other email event is recorded as it is, whatever order it arrived in.</para>
/// <para>The in-memory provider names its campaigns itself (<c>cmp_1</c>, …), so the client handed out translates the
/// campaign ids of the events to the store's and back. Any other <see cref="ICampaignStatsClient"/> (the SDK's event
/// analytics, a vendor's statistics) can take this class's place: the report only needs <see cref="Stats"/>.</para>
/// </remarks>
internal sealed class InMemoryReportStats : IAsyncDisposable
{
    private static readonly EmailAddress Sender = EmailAddress.Parse("news@brand.example");

    private readonly ServiceProvider _services;

    private InMemoryReportStats(ServiceProvider services, ICampaignStatsClient stats, int duplicatesDropped, int sends, int recorded)
    {
        _services = services;
        Stats = stats;
        DuplicatesDropped = duplicatesDropped;
        Sends = sends;
        EventsRecorded = recorded;
    }

    /// <summary>The campaign stats, by the campaign ids of the events.</summary>
    public ICampaignStatsClient Stats { get; }

    /// <summary>What the report says its numbers are.</summary>
    public static string Description => "the in-memory provider's ICampaignStatsClient, fed the recorded events";

    /// <summary>Events dropped as redeliveries of an event already fed.</summary>
    public int DuplicatesDropped { get; }

    /// <summary>Sends made from <c>processed</c> events.</summary>
    public int Sends { get; }

    /// <summary>Other email events recorded.</summary>
    public int EventsRecorded { get; }

    /// <summary>Feeds the events of the campaigns into a new in-memory provider.</summary>
    /// <param name="events">The recorded events, in arrival order, duplicates included.</param>
    /// <param name="campaigns">The campaigns to create; events of other campaigns are not fed.</param>
    /// <param name="cancellationToken">Stops the feeding.</param>
    public static async Task<InMemoryReportStats> LoadAsync(IReadOnlyList<MartechEvent> events, IReadOnlyList<SampleCampaign> campaigns, CancellationToken cancellationToken)
    {
        var clock = new ManualTimeProvider(SampleCampaigns.From);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddMartech().AddInMemory();
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            var store = provider.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");
            var storeIds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (SampleCampaign campaign in campaigns)
            {
                storeIds[campaign.Id] = store.AddCampaign(new Campaign { Name = campaign.Name, CreatedAt = SampleCampaigns.From }).Id!;
            }

            var seen = new HashSet<(string Provider, string Id)>();
            var sends = new List<EmailEvent>();
            int duplicates = 0, recorded = 0;
            foreach (MartechEvent e in events)
            {
                if (!seen.Add((e.Provider, e.Id)))
                {
                    duplicates++;
                    continue;
                }

                if (e is not EmailEvent { CampaignId: { } campaignId } email || !storeIds.TryGetValue(campaignId, out string? storeId))
                {
                    continue;
                }

                if (email.Type == EmailEventType.Processed)
                {
                    sends.Add(email);
                }
                else
                {
                    store.RecordEmailEvent(email with { CampaignId = storeId });
                    recorded++;
                }
            }

            // The store stamps a send with its clock: move the clock to each send's time, in time order.
            var sender = provider.GetRequiredService<IEmailSender>();
            foreach (EmailEvent send in sends.OrderBy(s => s.OccurredAt))
            {
                clock.SetUtcNow(send.OccurredAt);
                var message = new EmailMessage { From = Sender, TemplateId = send.CampaignId, CampaignId = storeIds[send.CampaignId!] };
                message.To.Add(send.Recipient);
                await sender.SendAsync(message, cancellationToken);
            }

            var stats = new CampaignIdTranslation(provider.GetRequiredService<ICampaignStatsClient>(), storeIds);
            return new InMemoryReportStats(provider, stats, duplicates, sends.Count, recorded);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Asks the store by its own campaign id, and answers with the events' campaign id.</summary>
    private sealed class CampaignIdTranslation(ICampaignStatsClient inner, IReadOnlyDictionary<string, string> storeIds)
        : DelegatingCampaignStatsClient(inner)
    {
        public override async Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (!storeIds.TryGetValue(campaignId, out string? storeId))
            {
                throw new ArgumentException($"There is no campaign '{campaignId}' in the recorded events (campaigns: {string.Join(", ", storeIds.Keys)}).", nameof(campaignId));
            }

            CampaignStats stats = await base.GetStatsAsync(storeId, options, cancellationToken);
            return stats with { CampaignId = campaignId };
        }
    }
}
