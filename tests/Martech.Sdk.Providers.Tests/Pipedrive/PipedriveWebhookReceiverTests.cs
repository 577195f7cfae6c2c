using System.Text;
using System.Text.Json;
using Martech.Sdk.Pipedrive;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

/// <summary>Pipedrive webhooks: HTTP Basic credentials compared in constant time (Pipedrive signs nothing), the v2 and v1
/// payloads of a recorded session mapped to contact and raw events, and a fuzz run of the parser.</summary>
public sealed class PipedriveWebhookReceiverTests : IDisposable
{
    private const string User = "pipedrive-hooks";
    private const string Password = "kq3Vx9LmZ2pT7wR4sN8b";
    private const string PersonChange = """{"meta":{"action":"change","entity":"person","entity_id":"8","id":"e1","timestamp":"2024-05-27T09:15:35.616Z","version":"2.0"},"data":{"id":8,"name":"Ada King","update_time":"2024-05-27T09:15:35Z"},"previous":{"name":"Ada Lovelace"}}""";
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/pipedrive");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2024, 5, 27, 16, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task Receive_RecordedDeliveries_MapEveryEventType()
    {
        IWebhookReceiver receiver = Receiver(User, Password);
        List<MartechEvent> events = [];
        foreach (string delivery in Deliveries())
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(Authorized(delivery));
            Assert.Equal(200, result.Response.StatusCode);
            events.Add(Assert.Single(result.Events));
        }

        Assert.All(events, e => Assert.Equal("Pipedrive", e.Provider));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());

        var created = Assert.IsType<ContactEvent>(events[0]);
        Assert.Equal((ContactEventType.Created, "person", "8"), (created.Type, created.ObjectType, created.ContactId));
        Assert.Equal("5359a602-6d1b-4562-a385-ccaa762bd722", created.Id);
        Assert.Equal(("ada@example.com", "+14155550100"), (created.Email?.Value, created.Phone));
        Assert.Equal("Ada Lovelace", created.ChangedProperties["name"]);
        Assert.False(created.ChangedProperties.ContainsKey("id"));
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 0, 0, 665, TimeSpan.Zero), created.OccurredAt);

        var changed = Assert.IsType<ContactEvent>(events[1]);
        Assert.Equal((ContactEventType.Changed, "8"), (changed.Type, changed.ContactId));
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["d4de1c1518b4531717c676029a45911c340390a6"] = "VIP",
                ["emails"] = """[{"label":"work","primary":true,"value":"ada.lovelace@example.com"}]""",
                ["label"] = "5",
                ["last_name"] = "King",
                ["name"] = "Ada King",
            },
            changed.ChangedProperties);
        Assert.Equal("ada.lovelace@example.com", changed.Email?.Value);
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 15, 35, TimeSpan.Zero), changed.ChangedAt);

        var survivor = Assert.IsType<ContactEvent>(events[2]);
        Assert.Equal((ContactEventType.Merged, "8"), (survivor.Type, survivor.ContactId));
        Assert.Equal(["9"], survivor.MergedContactIds);
        Assert.Equal(["add_time", "emails"], survivor.ChangedProperties.Keys.Order(StringComparer.Ordinal));

        var mergedAway = Assert.IsType<ContactEvent>(events[3]);
        Assert.Equal((ContactEventType.Deleted, "9"), (mergedAway.Type, mergedAway.ContactId));
        Assert.Equal("8", mergedAway.Raw.GetProperty("meta").GetProperty("merged_to_id").GetString());

        var deleted = Assert.IsType<ContactEvent>(events[4]);
        Assert.Equal((ContactEventType.Deleted, "11"), (deleted.Type, deleted.ContactId));
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 19, 45, 149, TimeSpan.Zero), deleted.ChangedAt);
        Assert.Empty(deleted.ChangedProperties);

        var lead = Assert.IsType<ContactEvent>(events[5]);
        Assert.Equal((ContactEventType.Created, "lead", "b1810230-6c0d-11ed-9826-a53d0eb706a5"), (lead.Type, lead.ObjectType, lead.ContactId));
        Assert.Equal("""{"amount":300,"currency":"EUR"}""", lead.ChangedProperties["value"]);

        var leadChange = Assert.IsType<ContactEvent>(events[6]);
        Assert.Equal(
            new Dictionary<string, string?> { ["is_archived"] = "false", ["value"] = """{"amount":500,"currency":"EUR"}""" },
            leadChange.ChangedProperties);
        Assert.Equal((ContactEventType.Deleted, "lead"), (((ContactEvent)events[7]).Type, ((ContactEvent)events[7]).ObjectType));

        var deal = Assert.IsType<RawEvent>(events[8]);
        Assert.Equal(("change.deal", "df47d877-b58c-4886-91cd-1aa83e1d7366"), (deal.VendorEventType, deal.Id));
        Assert.Equal(3, deal.Raw.GetProperty("data").GetProperty("stage_id").GetInt32());

        var user = Assert.IsType<RawEvent>(events[9]);
        Assert.Equal(("change.user", "user:12415231:change:1716824542"), (user.VendorEventType, user.Id));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1716824542), user.OccurredAt);

        var v1 = Assert.IsType<ContactEvent>(events[10]);
        Assert.Equal((ContactEventType.Changed, "person", "11"), (v1.Type, v1.ObjectType, v1.ContactId));
        Assert.Equal("v1:person:11:updated:1716824818595189", v1.Id);
        Assert.Equal(["d4de1c1518b4531717c676029a45911c340390a6", "email"], v1.ChangedProperties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Engine", v1.ChangedProperties["d4de1c1518b4531717c676029a45911c340390a6"]);
        Assert.Equal(("charles@example.com", (string?)null), (v1.Email?.Value, v1.Phone));
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 15, 46, 58, TimeSpan.Zero), v1.ChangedAt);

        var v1Deal = Assert.IsType<RawEvent>(events[11]);
        Assert.Equal("added.deal", v1Deal.VendorEventType);

        // The raw payload is the delivery, byte for byte.
        Assert.Equal(Deliveries()[1], Encoding.UTF8.GetString(events[1].RawUtf8.Span));
    }

    [Fact]
    public async Task Receive_ContactEvents_CarryChangedAtAndContactIdForTheOrderingGuard()
    {
        // Pipedrive retries a failed delivery after 3, 30 and 150 s, so an older change can arrive after a newer one.
        // ChangedAt is the person's update_time, not the arrival, so the ordering guard keeps the newer value.
        IWebhookReceiver receiver = Receiver(User, Password);
        string newer = PersonChange.Replace("\"e1\"", "\"e2\"", StringComparison.Ordinal).Replace("09:15:35Z", "09:20:00Z", StringComparison.Ordinal);

        var first = (ContactEvent)Assert.Single((await receiver.ReceiveAsync(Authorized(newer))).Events);
        var late = (ContactEvent)Assert.Single((await receiver.ReceiveAsync(Authorized(PersonChange))).Events);

        Assert.Equal(("8", "person"), (first.ContactId, first.ObjectType));
        Assert.Equal(("8", "person"), (late.ContactId, late.ObjectType));
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 20, 0, TimeSpan.Zero), first.ChangedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 15, 35, TimeSpan.Zero), late.ChangedAt);
    }

    [Fact]
    public async Task Receive_RetriedDelivery_KeepsTheEventId()
    {
        IWebhookReceiver receiver = Receiver(User, Password);
        string retry = PersonChange.Replace("\"version\":\"2.0\"", "\"version\":\"2.0\",\"attempt\":4", StringComparison.Ordinal);

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Authorized(PersonChange))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Authorized(retry))).Events);

        Assert.Equal(("e1", "e1"), (first.Id, again.Id));
    }

    [Theory]
    [InlineData("""{"meta":{"action":"archive","entity":"person","entity_id":"8","id":"x","version":"2.0"},"data":{"id":8}}""", "archive.person")]
    [InlineData("""{"meta":{"action":"change","entity":"person","id":"x","version":"2.0"},"data":null,"previous":null}""", "change.person")]
    [InlineData("""{"meta":{"action":"create","entity":"task","entity_id":"3","id":"x","version":"2.0"},"data":{"id":3}}""", "create.task")]
    [InlineData("""{"meta":{"v":1,"action":"updated","object":"organization","id":4,"timestamp":1},"current":{"id":4},"event":"updated.organization"}""", "updated.organization")]
    public async Task Receive_UnknownTypeOrMissingId_IsRawNotDropped(string body, string vendorType)
    {
        IWebhookReceiver receiver = Receiver(User, Password);

        var raw = Assert.IsType<RawEvent>(Assert.Single((await receiver.ReceiveAsync(Authorized(body))).Events));

        Assert.Equal(vendorType, raw.VendorEventType);
    }

    [Fact]
    public async Task Receive_OldEventTimestamp_IsAcceptedSincePipedriveSignsNone()
    {
        // meta.timestamp is not bound to any secret beyond the credentials, so checking it would stop no one who has
        // them; a years-old delivery is accepted, and the event store recognises a redelivery by its id.
        IWebhookReceiver receiver = Receiver(User, Password, o => o.PastTolerance = TimeSpan.FromMinutes(1));

        MartechEvent e = Assert.Single((await receiver.ReceiveAsync(Authorized(PersonChange.Replace("2024-05-27T09:15:35.616Z", "2021-01-01T00:00:00Z", StringComparison.Ordinal)))).Events);

        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), e.OccurredAt);
    }

    [Theory]
    [InlineData(User, "wrong-password-123456")]
    [InlineData("someone-else", Password)]
    [InlineData("PIPEDRIVE-HOOKS", Password)]
    [InlineData(User, Password + " ")]
    [InlineData(User, "")]
    public async Task Receive_WrongCredentials_AreRejectedWithoutShowingThem(string user, string password)
    {
        IWebhookReceiver receiver = Receiver(User, Password, o => o.IncludeDiagnostics = true);
        byte[] body = Encoding.UTF8.GetBytes(PersonChange);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, PipedriveWebhookSigner.CreateHeaders(user, password), body)));

        Assert.Equal((WebhookRejectionReason.InvalidCredentials, 401), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.Diagnostic ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic %%%")]
    [InlineData("Basic dXNlcg==")]
    public async Task Receive_AuthorizationNotBasicCredentials_IsInvalidCredentials(string authorization)
    {
        IWebhookReceiver receiver = Receiver(User, Password);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Authorization", authorization)], Encoding.UTF8.GetBytes(PersonChange))));

        Assert.Equal(WebhookRejectionReason.InvalidCredentials, ex.Reason);
    }

    [Fact]
    public async Task Receive_MissingAuthorization_NamesTheHeader()
    {
        IWebhookReceiver receiver = Receiver(User, Password);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Content-Type", "application/json")], Encoding.UTF8.GetBytes(PersonChange))));

        Assert.Equal((WebhookRejectionReason.MissingHeader, 401), (ex.Reason, ex.StatusCode));
        Assert.Contains("Authorization", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_BodyWithCrlfAppended_IsStillOneEventWithTheBytesAsSent()
    {
        // Basic credentials do not cover the body, so trailing white space is not a tamper signal; it must not break
        // parsing and the raw payload keeps it.
        IWebhookReceiver receiver = Receiver(User, Password);

        MartechEvent e = Assert.Single((await receiver.ReceiveAsync(Authorized(PersonChange + "\r\n"))).Events);

        Assert.EndsWith("\r\n", Encoding.UTF8.GetString(e.RawUtf8.Span), StringComparison.Ordinal);
        Assert.Equal("8", e.ContactId);
    }

    [Fact]
    public async Task Receive_WithoutCredentials_FailsClosedNamingTheSetting()
    {
        // Half a pair (a user name without a password) never gets this far: options validation stops the host.
        IWebhookReceiver receiver = Receiver(null, null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Authorized(PersonChange)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Pipedrive:Webhooks:Username", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"data\":{}}")]
    [InlineData("{\"meta\":[]}")]
    [InlineData("{\"meta\":{}} {}")]
    public async Task Receive_BodyNotAPipedriveEvent_IsMalformed(string body)
    {
        IWebhookReceiver receiver = Receiver(User, Password);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Authorized(body)));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_OversizedBody_Is413BeforeCredentials()
    {
        IWebhookReceiver receiver = Receiver(User, Password, o => o.MaxBodyBytes = 1024);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], Encoding.UTF8.GetBytes("{" + new string(' ', 1100) + "}"))));

        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver(User, Password);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("GET", Url, PipedriveWebhookSigner.CreateHeaders(User, Password), ReadOnlyMemory<byte>.Empty)));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public void Options_WeakOrHalfCredentialsAndZeroTolerance_FailValidationNamingThePath()
    {
        var weak = new PipedriveOptions { ApiToken = "t", Webhooks = { Username = "a:b", Password = "short", PastTolerance = TimeSpan.Zero } };
        var half = new PipedriveOptions { ApiToken = "t", Webhooks = { Password = Password } };

        var problems = weak.Validate("Martech:Pipedrive").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Pipedrive:Webhooks:Username", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Pipedrive:Webhooks:Password must be at least 16", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Pipedrive:Webhooks:PastTolerance", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("short", StringComparison.Ordinal));
        Assert.Contains(half.Validate("Martech:Pipedrive"), p => p.Contains("must be set together", StringComparison.Ordinal));
        Assert.Empty(new PipedriveOptions { ApiToken = "t", Webhooks = { Username = User, Password = Password } }.Validate("Martech:Pipedrive"));
    }

    [Fact]
    public void Signer_CreateAuthorization_IsBasicOfUserColonPassword()
    {
        string header = PipedriveWebhookSigner.CreateAuthorization(User, Password);

        Assert.True(WebhookSignatures.TryReadBasicCredentials(header, out string user, out string password));
        Assert.Equal((User, Password), (user, password));
        Assert.Throws<ArgumentException>(() => PipedriveWebhookSigner.CreateAuthorization("a:b", Password));
    }

    [Fact]
    public async Task AddPipedrive_WebhooksSection_BindsFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Pipedrive:ApiToken"] = "pd-test",
            ["Martech:Pipedrive:Webhooks:Username"] = User,
            ["Martech:Pipedrive:Webhooks:Password"] = Password,
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddPipedrive();
        await using ServiceProvider provider = services.BuildServiceProvider();
        IWebhookReceiver receiver = provider.GetRequiredKeyedService<IWebhookReceiver>("Pipedrive");

        var options = Assert.IsType<PipedriveWebhookOptions>(receiver.GetService(typeof(MartechWebhookOptions)));
        WebhookReceiveResult result = await receiver.ReceiveAsync(Authorized(PersonChange));

        Assert.Equal((User, Password), (options.Username, options.Password));
        Assert.Single(result.Events);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(User, Password);
        byte[][] seeds = [.. Deliveries().Select(Encoding.UTF8.GetBytes), Encoding.UTF8.GetBytes(PersonChange)];

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, payload => new WebhookRequest("POST", Url, PipedriveWebhookSigner.CreateHeaders(User, Password), payload), WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    /// <summary>The recorded deliveries, each the exact text of one request body.</summary>
    private static List<string> Deliveries()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pipedrive", "Webhooks", "deliveries.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static WebhookRequest Authorized(string body) =>
        new("POST", Url, PipedriveWebhookSigner.CreateHeaders(User, Password), Encoding.UTF8.GetBytes(body));

    private IWebhookReceiver Receiver(string? user, string? password, Action<PipedriveWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddPipedrive(configure: o =>
        {
            o.ApiToken = "pd-test";
            o.Webhooks.Username = user;
            o.Webhooks.Password = password;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Pipedrive");
    }
}
