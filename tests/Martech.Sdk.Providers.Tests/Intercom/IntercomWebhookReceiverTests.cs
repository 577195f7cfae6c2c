using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Martech.Sdk.Intercom;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Intercom;

/// <summary>Intercom's X-Hub-Signature: the vector computed from the rule (Intercom publishes none), the tamper cases,
/// the age check on the signed created_at, the mapping of recorded notifications of every mapped topic, and a fuzz
/// run.</summary>
public sealed class IntercomWebhookReceiverTests : IDisposable
{
    // SIGNATURES.md: computed from the rule, no official vector exists.
    private const string VectorSecret = "test_client_secret";
    private const string VectorBody = """{"type":"notification_event","topic":"ping"}""";
    private const string VectorSignature = "sha1=59dc376710f2bb3f57a9fdb4921361641556cfb1";

    private const string Secret = "9a8b7c6d-client-secret-5e4f3a2b1c0d";
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/intercom");
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Just after the last recorded notification (created_at 1796532501).
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1796532501).AddSeconds(30));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_ComputedVector_IsReproduced()
    {
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);

        Assert.Equal(VectorSignature, IntercomWebhookSigner.Sign(VectorSecret, body));
        Assert.Equal(VectorSignature, "sha1=" + IndependentHex(VectorSecret, body));
        Assert.True(IntercomWebhookSigner.Verify(VectorSecret, VectorSignature, body));
        Assert.True(IntercomWebhookSigner.Verify(VectorSecret, VectorSignature.ToUpperInvariant().Replace("SHA1=", "sha1=", StringComparison.Ordinal), body));
        Assert.False(IntercomWebhookSigner.Verify("other_secret", VectorSignature, body));
        Assert.False(IntercomWebhookSigner.Verify(VectorSecret, VectorSignature[5..], body));
    }

    [Fact]
    public async Task Receive_VectorPing_VerifiesAndCarriesNoEvents()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(IntercomWebhookSigner.SignatureHeader, VectorSignature)], Encoding.UTF8.GetBytes(VectorBody)));

        Assert.Empty(result.Events);
        Assert.Equal(WebhookResponse.Ok, result.Response);
    }

    [Fact]
    public async Task Receive_VectorWithOtherSecret_IsInvalidSignature()
    {
        IWebhookReceiver receiver = Receiver(Secret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(IntercomWebhookSigner.SignatureHeader, VectorSignature)], Encoding.UTF8.GetBytes(VectorBody))));

        Assert.Equal((WebhookRejectionReason.InvalidSignature, 401), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Diagnostic);
    }

    [Fact]
    public async Task Receive_RecordedNotifications_MapEveryTopic()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        var events = new Dictionary<string, IReadOnlyList<MartechEvent>>();
        foreach (byte[] body in Recorded())
        {
            string topic = JsonDocument.Parse(body).RootElement.GetProperty("topic").GetString()!;
            WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));
            Assert.Equal(WebhookResponse.Ok, result.Response);
            events[topic] = result.Events;
        }

        Assert.Equal(10, events.Count);

        var created = Assert.IsType<MessageReceivedEvent>(Assert.Single(events["conversation.user.created"]));
        Assert.Equal(("notif_7a1c2e3f-0001-4b5c-8d9e-0a1b2c3d4e5f", "Intercom"), (created.Id, created.Provider));
        Assert.Equal(MessageDestination.Conversation("147"), created.Conversation);
        Assert.Equal(("6657a1b2c3d4e5f6a7b8c9d0", "6657a1b2c3d4e5f6a7b8c9d0", "403918330"), (created.From, created.ContactId, created.MessageId));
        Assert.Equal("<p>Hi, is the Analytical Engine plan available in the EU?</p>", created.Text);
        Assert.Equal("ada@analytical.example", created.Email?.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796531400), created.OccurredAt);

        // The reply is the last part a contact wrote, not the admin's part before it.
        var replied = Assert.IsType<MessageReceivedEvent>(Assert.Single(events["conversation.user.replied"]));
        Assert.Equal(("20242", "<p>Frankfurt, please &amp; thanks</p>"), (replied.MessageId, replied.Text));
        Assert.Equal(("6657a1b2c3d4e5f6a7b8c9d0", DateTimeOffset.FromUnixTimeSeconds(1796531700)), (replied.From, replied.OccurredAt));
        Assert.Equal("notif_7a1c2e3f-0002-4b5c-8d9e-0a1b2c3d4e5f", replied.Raw.GetProperty("id").GetString());

        var user = Assert.IsType<ContactEvent>(Assert.Single(events["contact.user.created"]));
        Assert.Equal((ContactEventType.Created, "6657a1b2c3d4e5f6a7b8c9d0", "contact"), (user.Type, user.ContactId, user.ObjectType));
        Assert.Equal(("ada@analytical.example", "+14155550123"), (user.Email?.Value, user.Phone));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796530000), user.ChangedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796530001), user.OccurredAt);
        Assert.Equal("user", user.ChangedProperties["role"]);
        Assert.Equal("crm-9001", user.ChangedProperties["external_id"]);

        var lead = Assert.IsType<ContactEvent>(Assert.Single(events["contact.lead.created"]));
        Assert.Equal((ContactEventType.Created, "6657b2c3d4e5f6a7b8c9d0e1"), (lead.Type, lead.ContactId));
        Assert.Null(lead.Email);
        Assert.Equal("lead", lead.ChangedProperties["role"]);
        Assert.Null(lead.ChangedProperties["email"]);

        var updated = Assert.IsType<ContactEvent>(Assert.Single(events["contact.user.updated"]));
        Assert.Equal((ContactEventType.Changed, DateTimeOffset.FromUnixTimeSeconds(1796532000)), (updated.Type, updated.ChangedAt));
        Assert.Empty(updated.ChangedProperties);
        Assert.Equal("ada.lovelace@analytical.example", updated.Email?.Value);

        var email = Assert.IsType<ContactEvent>(Assert.Single(events["contact.email.updated"]));
        Assert.Equal(ContactEventType.Changed, email.Type);
        Assert.Equal("ada.lovelace@analytical.example", Assert.Single(email.ChangedProperties).Value);

        var deleted = Assert.IsType<ContactEvent>(Assert.Single(events["contact.deleted"]));
        Assert.Equal((ContactEventType.Deleted, "6657b2c3d4e5f6a7b8c9d0e1"), (deleted.Type, deleted.ContactId));
        Assert.Null(deleted.ChangedAt);

        var legacy = Assert.IsType<ContactEvent>(Assert.Single(events["user.created"]));
        Assert.Equal((ContactEventType.Created, "5a0b1c2d3e4f5a6b7c8d9e0f", "charles@engines.example"), (legacy.Type, legacy.ContactId, legacy.Email?.Value));

        var closed = Assert.IsType<RawEvent>(Assert.Single(events["conversation.admin.closed"]));
        Assert.Equal(("conversation.admin.closed", "notif_7a1c2e3f-0009-4b5c-8d9e-0a1b2c3d4e5f"), (closed.VendorEventType, closed.Id));
        Assert.Equal("closed", closed.Raw.GetProperty("data").GetProperty("item").GetProperty("state").GetString());

        Assert.Empty(events["ping"]);

        foreach (MartechEvent e in events.Values.SelectMany(list => list))
        {
            MartechEvent copy = MartechEventSerializer.Deserialize(MartechEventSerializer.SerializeToUtf8Bytes(e));
            Assert.Equal(e.Id, copy.Id);
            Assert.True(JsonElement.DeepEquals(e.Raw, copy.Raw), e.Id);
        }
    }

    [Fact]
    public async Task Receive_SameNotificationRedelivered_HasTheSameId()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Recorded()[1];

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events);
        _clock.Advance(TimeSpan.FromMinutes(30));
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events);

        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task Receive_NotificationWithoutId_GetsAStableContentKey()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes("""{"type":"notification_event","topic":"company.created","data":{"item":{"type":"company","id":"c1"}}}""");

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events);

        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(_clock.GetUtcNow(), first.OccurredAt);
    }

    [Theory]
    [InlineData("""{"type":"notification_event","id":"n1","topic":"conversation.user.replied","data":{"item":{"type":"conversation"}}}""", "conversation.user.replied")]
    [InlineData("""{"type":"notification_event","id":"n1","topic":"conversation.user.replied","data":{"item":{"type":"conversation","id":"1\n2","contacts":{"contacts":[{"id":"c1"}]}}}}""", "conversation.user.replied")]
    [InlineData("""{"type":"notification_event","id":"n1","topic":"conversation.user.created","data":{"item":{"type":"conversation","id":"9"}}}""", "conversation.user.created")]
    [InlineData("""{"type":"notification_event","id":"n1","topic":"contact.user.created","data":{"item":{"type":"contact","email":"a@example.com"}}}""", "contact.user.created")]
    [InlineData("""{"type":"notification_event","id":"n1","topic":"contact.user.created","data":"oops"}""", "contact.user.created")]
    [InlineData("""{"type":"something_else","id":"n1","topic":"contact.user.created","data":{"item":{"id":"c1"}}}""", "contact.user.created")]
    [InlineData("""{"type":"notification_event","id":"n1"}""", "notification_event")]
    public async Task Receive_EventWithoutItsRequiredKey_IsRawNotRejected(string json, string vendorType)
    {
        IWebhookReceiver receiver = Receiver(Secret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(Encoding.UTF8.GetBytes(json)));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal(("n1", vendorType), (raw.Id, raw.VendorEventType));
    }

    [Fact]
    public async Task Receive_ReplyWithoutContactAuthoredPart_FallsBackToTheConversationsContact()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes("""{"type":"notification_event","id":"n2","topic":"conversation.user.replied","data":{"item":{"type":"conversation","id":"7","contacts":{"type":"contact.list","contacts":[{"type":"contact","id":"c9"}]},"conversation_parts":{"conversation_parts":[]}}}}""");

        var message = Assert.IsType<MessageReceivedEvent>(Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events));

        Assert.Equal(("c9", (string?)null, (string?)null), (message.From, message.Text, message.MessageId));
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("appended-crlf")]
    [InlineData("removed-last-byte")]
    [InlineData("reserialised")]
    public async Task Receive_BodyChangedAfterSigning_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Recorded()[2];
        byte[] changed = change switch
        {
            "byte" => Flip(body, 60),
            "appended-crlf" => [.. body, (byte)'\r', (byte)'\n'],
            "removed-last-byte" => body[..^1],
            _ => JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(body).RootElement, Indented),
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, IntercomWebhookSigner.CreateHeaders(Secret, body), changed)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_BodyEndingInCrlfWhenSigned_VerifiesAsIs()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = [.. Recorded()[2], (byte)'\r', (byte)'\n'];

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));

        Assert.IsType<ContactEvent>(Assert.Single(result.Events));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("no-prefix")]
    [InlineData("sha256-prefix")]
    [InlineData("not-hex")]
    [InlineData("truncated")]
    public async Task Receive_BadSignature_IsInvalidNeverAnException(string kind)
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);
        string good = IntercomWebhookSigner.Sign(Secret, body);
        string signature = kind switch
        {
            "flip" => good[..^1] + (good[^1] == '0' ? '1' : '0'),
            "no-prefix" => good[5..],
            "sha256-prefix" => "sha256=" + good[5..],
            "not-hex" => "sha1=" + new string('z', 40),
            _ => good[..20],
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(IntercomWebhookSigner.SignatureHeader, signature)], body)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_MissingSignatureHeader_NamesIt()
    {
        IWebhookReceiver receiver = Receiver(Secret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], Encoding.UTF8.GetBytes(VectorBody))));

        Assert.Equal((WebhookRejectionReason.MissingHeader, 401), (ex.Reason, ex.StatusCode));
        Assert.Contains(IntercomWebhookSigner.SignatureHeader, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_WithoutClientSecret_FailsClosedNamingTheSetting()
    {
        IWebhookReceiver receiver = Receiver(clientSecret: null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Encoding.UTF8.GetBytes(VectorBody))));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Intercom:Webhooks:ClientSecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_StaleAndFutureCreatedAt_AreRefusedBySeparateTolerances()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => { o.PastTolerance = TimeSpan.FromHours(2); o.FutureTolerance = TimeSpan.FromSeconds(30); });
        byte[] At(DateTimeOffset at) => Encoding.UTF8.GetBytes($$"""{"type":"notification_event","id":"n{{at.ToUnixTimeSeconds()}}","topic":"ping","created_at":{{at.ToUnixTimeSeconds()}}}""");

        var stale = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(At(_clock.GetUtcNow().AddHours(-2).AddSeconds(-1)))));
        var future = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(At(_clock.GetUtcNow().AddSeconds(31)))));
        await receiver.ReceiveAsync(Signed(At(_clock.GetUtcNow().AddHours(-1).AddMinutes(-59))));
        await receiver.ReceiveAsync(Signed(At(_clock.GetUtcNow().AddSeconds(29))));

        Assert.Equal(WebhookRejectionReason.TimestampTooOld, stale.Reason);
        Assert.Contains("PastTolerance", stale.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookRejectionReason.TimestampInFuture, future.Reason);
        Assert.Contains("FutureTolerance", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_DefaultPastTolerance_IsTwentyFourHours()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Recorded()[0];

        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1796531401).AddHours(23).AddMinutes(59));
        await receiver.ReceiveAsync(Signed(body));
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1796531401).AddHours(24).AddSeconds(1));
        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(body)));

        Assert.Equal(WebhookRejectionReason.TimestampTooOld, ex.Reason);
        Assert.Equal(TimeSpan.FromHours(24), new IntercomWebhookOptions().PastTolerance);
    }

    [Fact]
    public async Task Receive_StaleButMarkedReplay_IsVerifiedWithoutTheClock()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Recorded()[0];
        _clock.Advance(TimeSpan.FromDays(30));

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, IntercomWebhookSigner.CreateHeaders(Secret, body), body) { IsReplay = true });
        var tampered = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, IntercomWebhookSigner.CreateHeaders(Secret, body), Flip(body, 30)) { IsReplay = true }));

        Assert.Single(result.Events);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, tampered.Reason);
    }

    [Fact]
    public async Task Receive_EmptyNotJsonAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.MaxBodyBytes = 1024);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed([])));
        var array = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("[]"u8.ToArray())));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Encoding.UTF8.GetBytes("{\"x\":\"" + new string('x', 1100) + "\"}"))));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (empty.Reason, empty.StatusCode));
        Assert.Equal(WebhookRejectionReason.Malformed, array.Reason);
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("GET", Url, IntercomWebhookSigner.CreateHeaders(Secret, body), body)));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_DescribesTheBodyButNoSecret()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.IncludeDiagnostics = true);
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, IntercomWebhookSigner.CreateHeaders("wrong", body), body)));

        Assert.NotNull(ex.Diagnostic);
        Assert.Contains($"{body.Length} bytes", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(body)), ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ZeroToleranceAndBadSecret_FailValidationNamingThePath()
    {
        var options = new IntercomOptions { AccessToken = "tok", AdminId = "1", Webhooks = { ClientSecret = "a\r\nb", FutureTolerance = TimeSpan.Zero } };

        var problems = options.Validate("Martech:Intercom").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Intercom:Webhooks:FutureTolerance", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Intercom:Webhooks:ClientSecret", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("a\r\nb", StringComparison.Ordinal));
    }

    [Fact]
    public void AddIntercom_RegistersTheReceiverWithItsOptions()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.Path = "support/intercom");

        var options = Assert.IsType<IntercomWebhookOptions>(receiver.GetService(typeof(MartechWebhookOptions)));
        Assert.Equal(("support/intercom", true), (options.Path, options.IsConfigured));
    }

    [Fact]
    public async Task AddIntercom_BoundFromConfiguration_ReadsTheClientSecretAndTolerance()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Intercom:AccessToken"] = "dG9rOmludGVyY29tLXRlc3Q=",
            ["Martech:Intercom:AdminId"] = "814860",
            ["Martech:Intercom:Webhooks:ClientSecret"] = VectorSecret,
            ["Martech:Intercom:Webhooks:PastTolerance"] = "00:10:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech(configuration.GetSection("Martech")).AddIntercom();
        using ServiceProvider provider = services.BuildServiceProvider();
        IWebhookReceiver receiver = provider.GetRequiredKeyedService<IWebhookReceiver>("Intercom");

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(IntercomWebhookSigner.SignatureHeader, VectorSignature)], Encoding.UTF8.GetBytes(VectorBody)));

        Assert.Empty(result.Events);
        Assert.Equal(TimeSpan.FromMinutes(10), ((MartechWebhookOptions)receiver.GetService(typeof(MartechWebhookOptions))!).PastTolerance);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.PastTolerance = TimeSpan.FromDays(1));
        byte[][] seeds = [.. Recorded(), Encoding.UTF8.GetBytes("""{"type":"notification_event","id":1,"topic":5,"created_at":"1796532501","data":{"item":{"id":2,"email":["x"],"updated_at":-5,"source":{"author":{"type":"user","id":3}}}}}""")];

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, Signed, WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static byte[][] Recorded()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intercom", "Webhooks", "notifications.json")));
        return [.. document.RootElement.EnumerateArray().Select(n => Encoding.UTF8.GetBytes(n.GetRawText()))];
    }

#pragma warning disable CA5350 // Intercom's scheme.
    private static string IndependentHex(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
#pragma warning restore CA5350

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = [.. bytes];
        copy[index % copy.Length] ^= 0x01;
        return copy;
    }

    private static WebhookRequest Signed(byte[] body) => new("POST", Url, IntercomWebhookSigner.CreateHeaders(Secret, body), body);

    private IWebhookReceiver Receiver(string? clientSecret, Action<IntercomWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddIntercom(configure: o =>
        {
            o.AccessToken = "dG9rOmludGVyY29tLXRlc3Q=";
            o.AdminId = "814860";
            o.Webhooks.ClientSecret = clientSecret;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Intercom");
    }
}
