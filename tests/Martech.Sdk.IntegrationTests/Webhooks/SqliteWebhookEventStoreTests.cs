using Martech.Sdk.Tests.Webhooks;

namespace Martech.Sdk.IntegrationTests.Webhooks;

/// <summary>The store contract against a real SQLite file, plus what only a durable store promises: a new process (a new
/// store on the same file) still knows every key and every pending event.</summary>
public sealed class SqliteWebhookEventStoreTests : WebhookEventStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("martech-sqlite-").FullName;
    private readonly List<SqliteWebhookEventStore> _stores = [];

    public void Dispose()
    {
        foreach (SqliteWebhookEventStore store in _stores)
        {
            store.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    protected override IWebhookEventStore CreateStore(TimeSpan dedupeWindow) => Open(dedupeWindow);

    [Fact]
    public async Task NewStoreOnTheSameFile_RemembersKeysPendingAndParkedEvents()
    {
        SqliteWebhookEventStore before = Open(TimeSpan.FromHours(1));
        await before.AddAsync([Event("handled"), Event("pending"), Event("parked")]);
        IReadOnlyList<WebhookEventRecord> leased = await before.LeaseAsync(3, TimeSpan.FromMinutes(1));
        await before.CompleteAsync(leased[0], WebhookEventState.Handled);
        await before.RetryAsync(leased[1], Clock.GetUtcNow(), "crashed");
        await before.ParkAsync(leased[2], "bad");

        SqliteWebhookEventStore after = Open(TimeSpan.FromHours(1));

        Assert.Equal([false, false, false, true], await after.AddAsync([Event("handled"), Event("pending"), Event("parked"), Event("new")]));
        Assert.Equal(["SendGrid:pending", "SendGrid:new"], (await after.LeaseAsync(10, TimeSpan.FromMinutes(1))).Select(r => r.Key));
        Assert.Equal(new WebhookStoreCounts(0, 2, 1, 1), await after.CountAsync());
    }

    [Fact]
    public async Task LeaseOfACrashedProcess_RunsOut_AndTheEventIsHandedToTheNextOne()
    {
        SqliteWebhookEventStore crashed = Open(TimeSpan.FromHours(1));
        await crashed.AddAsync([Event("a")]);
        Assert.Single(await crashed.LeaseAsync(1, TimeSpan.FromMinutes(2)));

        SqliteWebhookEventStore next = Open(TimeSpan.FromHours(1));
        Assert.Empty(await next.LeaseAsync(1, TimeSpan.FromMinutes(2)));
        Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(2, Assert.Single(await next.LeaseAsync(1, TimeSpan.FromMinutes(2))).Attempts);
    }

    [Fact]
    public async Task ConcurrentWritersOnOneFile_LoseNothing()
    {
        SqliteWebhookEventStore a = Open(TimeSpan.FromHours(1)), b = Open(TimeSpan.FromHours(1));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? a : b).AddAsync([Event($"e{i % 150}")])));

        Assert.Equal(150, (await a.CountAsync()).Pending);
    }

    [Fact]
    public async Task UnreadableRow_IsParkedWithTheReason_AndDoesNotBlockTheRowsBehindIt()
    {
        SqliteWebhookEventStore store = Open(TimeSpan.FromHours(1));
        await store.AddAsync([Event("damaged"), Event("good")]);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "events.db")}"))
        {
            connection.Open();
            using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE martech_webhook_events SET event = $json WHERE key = 'SendGrid:damaged'";
            damage.Parameters.AddWithValue("$json", """{"$kind":"from-a-later-version","id":"damaged","provider":"SendGrid"}"""u8.ToArray());
            damage.ExecuteNonQuery();
        }

        IReadOnlyList<WebhookEventRecord> leased = await store.LeaseAsync(10, TimeSpan.FromMinutes(1));
        var parked = new List<WebhookEventRecord>();
        await foreach (WebhookEventRecord record in store.ListAsync(WebhookEventState.Parked))
        {
            parked.Add(record);
        }

        Assert.Equal(["SendGrid:good"], leased.Select(r => r.Key));
        WebhookEventRecord unreadable = Assert.Single(parked);
        Assert.Equal("martech.unreadable", Assert.IsType<RawEvent>(unreadable.Event).VendorEventType);
        Assert.Contains("cannot be read", unreadable.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeeplyNestedRawPayload_RoundTripsThroughTheStore()
    {
        SqliteWebhookEventStore store = Open(TimeSpan.FromHours(1));
        string nested = new string('[', 63) + new string(']', 63);
        var deep = new RawEvent { Id = "deep", Provider = "Twilio", VendorEventType = "x", RawUtf8 = System.Text.Encoding.UTF8.GetBytes("{\"a\":" + nested + "}") };

        await store.AddAsync([deep]);

        Assert.Equal(deep.RawUtf8.Length, Assert.Single(await store.LeaseAsync(1, TimeSpan.FromMinutes(1))).Event.Raw.GetRawText().Length);
    }

    [Fact]
    public void Options_MissingConnectionString_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteWebhookEventStore(new SqliteWebhookEventStoreOptions(), TimeSpan.FromHours(1)));

        Assert.Contains("ConnectionString is required", ex.Message, StringComparison.Ordinal);
    }

    private SqliteWebhookEventStore Open(TimeSpan window)
    {
        var store = new SqliteWebhookEventStore(new SqliteWebhookEventStoreOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "events.db")}" }, window, Clock);
        _stores.Add(store);
        return store;
    }
}
