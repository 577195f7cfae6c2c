using System.Globalization;
using Martech.Sdk.HubSpot;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>
/// The HubSpot provider's rate budget over real sockets, against the emulator's enforced limit: it adapts to a real limit
/// below the configured one, fills an enforced ceiling at the default settings, and keeps search requests to HubSpot's
/// per-second search limit. Windows are one second on both sides (HubSpot's is ten) so the runs stay short.
/// </summary>
public sealed class HubSpotRateBudgetTests(HubSpotEmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<HubSpotEmulatorFixture>
{
    private const string UpsertPath = "/crm/v3/objects/contacts/batch/upsert";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The throughput run's window: two seconds, so the budget's 2% guard (40 ms) covers the jitter between a
    /// grant and the request's arrival on a busy test machine.</summary>
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromSeconds(2);

    private HubSpotEmulator Emulator => fixture.Emulator;

    /// <summary>Contacts of the throughput run; <c>MARTECH_THROUGHPUT_CONTACTS</c> points it at a larger run.</summary>
    private static int ThroughputContacts =>
        int.TryParse(Environment.GetEnvironmentVariable("MARTECH_THROUGHPUT_CONTACTS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 5_000;

    [Fact]
    public async Task UpsertManyAsync_RealLimitAFifthOfTheDefaultBudget_AdaptsWithinTheFirstWindowAndAccountsForEveryItem()
    {
        // The tier's default budget (100 per window) against a portal whose other apps leave this one a fifth of it.
        await using ServiceProvider sp = fixture.BuildServices(DefaultBudget);
        var client = sp.GetRequiredService<IContactClient>();
        int realLimit = new HubSpotOptions().GetEffectiveRateLimitPermits() / 5;
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = realLimit, Window = Window };
        Contact[] input = Contacts(900);

        BulkResult<Contact> result = await client.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 5 }); // 180 requests: 9 windows

        // Every item accounted for, once: all succeeded, none twice.
        Assert.Equal(input.Length, result.Items.Count);
        Assert.Equal(Enumerable.Range(0, input.Length), result.Items.Select(i => i.Index).Order());
        Assert.All(result.Items, i => Assert.Equal(BulkItemStatus.Created, i.Status));
        Assert.Equal(input.Length, result.CreatedCount + result.UpdatedCount + result.FailedCount + result.UnknownCount);
        Assert.Equal(input.Length, Emulator.Contacts.Count);

        IReadOnlyList<RecordedRequest> requests = Emulator.RequestLog.RequestsTo("POST", UpsertPath);
        DateTimeOffset firstWindowEnds = requests[0].ArrivedAt + Window;
        var afterFirstWindow = requests.Where(r => r.ArrivedAt >= firstWindowEnds).ToList();
        int refused = requests.Count(r => r.StatusCode == 429);
        int refusedAfterFirstWindow = afterFirstWindow.Count(r => r.StatusCode == 429);
        output.WriteLine($"{requests.Count} requests, {refused} answered 429 ({refusedAfterFirstWindow} of {afterFirstWindow.Count} after the first window); real limit {realLimit} per {Window.TotalSeconds:0} s, budget {new HubSpotOptions().GetEffectiveRateLimitPermits()}.");
        Assert.True(afterFirstWindow.Count >= 4 * realLimit, $"only {afterFirstWindow.Count} requests after the first window");
        Assert.True(refusedAfterFirstWindow <= 0.01 * afterFirstWindow.Count, $"{refusedAfterFirstWindow} of {afterFirstWindow.Count} requests after the first window were 429");
    }

    [Fact]
    public async Task UpsertManyAsync_DefaultSettings_ReachNinetyFivePercentOfTheEnforcedCeilingWithoutA429()
    {
        // The emulator enforces exactly the tier's published limit; the batch size keeps each request light, so the
        // budget, not the emulator, sets the pace.
        await using ServiceProvider sp = fixture.BuildServices(o =>
        {
            DefaultBudget(o);
            o.RateLimitWindow = ThroughputWindow;
        });
        var client = sp.GetRequiredService<IContactClient>();
        await WarmUpAsync(client); // open the connections first: a new one delays its first request
        int ceiling = new HubSpotOptions().GetEffectiveRateLimitPermits();
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = ceiling, Window = ThroughputWindow };
        Contact[] input = Contacts(ThroughputContacts);
        int batchSize = Math.Max(1, input.Length / (6 * ceiling)); // six windows of requests at the ceiling

        BulkResult<Contact> result = await client.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = batchSize });

        Assert.True(result.IsFullSuccess);
        IReadOnlyList<RecordedRequest> requests = Emulator.RequestLog.RequestsTo("POST", UpsertPath);
        Assert.DoesNotContain(requests, r => r.StatusCode == 429);

        // Sustained throughput: from the first request of the second window to the first of the last full one, against
        // the ceiling's rate. (The whole run, tail included, is reported too: the last window's requests are spread by
        // the concurrency, as the first burst was.)
        int windows = requests.Count / ceiling;
        TimeSpan sustained = requests[(windows - 1) * ceiling].ArrivedAt - requests[ceiling].ArrivedAt;
        double share = (windows - 2) * ceiling / sustained.TotalSeconds / (ceiling / ThroughputWindow.TotalSeconds);
        TimeSpan took = requests[^1].ArrivedAt - requests[0].ArrivedAt;
        TimeSpan fastest = ThroughputWindow * ((requests.Count + ceiling - 1) / ceiling - 1);
        output.WriteLine($"{input.Length} contacts in {requests.Count} requests of {batchSize}: sustained {share:P1} of the ceiling ({ceiling} per {ThroughputWindow.TotalSeconds:0} s); the whole run took {took.TotalSeconds:0.000} s where the ceiling allows {fastest.TotalSeconds:0.000} s ({fastest / took:P1}).");
        Assert.True(share >= 0.95, $"the run sustained {share:P1} of the enforced ceiling");
    }

    [Fact]
    public async Task FindByEmail_ManyAtOnce_KeepToHubSpotsSearchLimitPerSecond()
    {
        await using ServiceProvider sp = fixture.BuildServices(o => o.RateLimitPermits = 1_000);
        var client = sp.GetRequiredService<IContactClient>();
        await WarmUpAsync(client);
        for (int i = 0; i < 12; i++)
        {
            Emulator.AddContact(new Dictionary<string, string> { ["email"] = $"p{i}@example.com" });
        }

        Contact?[] found = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.FindByEmailAsync(EmailAddress.Parse($"p{i}@example.com"))));

        Assert.All(found, Assert.NotNull);
        var searches = Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/search").Select(r => r.ArrivedAt).Order().ToList();
        Assert.Equal(12, searches.Count);
        int limit = HubSpotOptions.DefaultSearchRequestsPerSecond;
        for (int i = 0; i + limit < searches.Count; i++)
        {
            // Granted a second apart (plus the budget's 2% guard); arrivals may be a little closer by network jitter.
            Assert.True(searches[i + limit] - searches[i] >= TimeSpan.FromSeconds(0.9), $"{limit + 1} searches within 0.9 s at search {i}");
        }
    }

    private async Task WarmUpAsync(IContactClient client)
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.GetAsync($"warm-up-{i}")));
        Emulator.RequestLog.Clear();
    }

    private static void DefaultBudget(HubSpotOptions options)
    {
        options.RateLimitPermits = null; // the tier's published limit
        options.RateLimitWindow = Window;
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(60);
    }

    private static Contact[] Contacts(int count) =>
        Enumerable.Range(0, count).Select(i => new Contact { Email = EmailAddress.Parse($"person{i}@example.com"), FirstName = $"Person {i}" }).ToArray();
}
