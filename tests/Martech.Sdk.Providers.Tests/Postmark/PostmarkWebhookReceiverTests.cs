using System.Net;
using System.Text;
using System.Text.Json;
using Martech.Sdk.Postmark;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>Postmark webhooks: HTTP Basic credentials (Postmark signs nothing) and the address allow-list, every tamper
/// case that implies, the mapping and dedupe keys of a recorded set of records, and a fuzz run.</summary>
public sealed class PostmarkWebhookReceiverTests : IDisposable
{
    private const string User = "postmark-hooks";
    private const string Password = "pZ7-kq2!rT9vW4yX8aB3cD6eF1";
    private const string Delivery = """{"RecordType":"Delivery","MessageStream":"outbound","MessageID":"m-1","Recipient":"Ada@Example.com","DeliveredAt":"2025-11-24T16:00:01.5Z","Tag":"t","Metadata":{"campaign_id":"c"}}""";
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/postmark");

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1764000000));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_Rfc7617Example_BuildsTheSameHeaderAndVerifiesIt()
    {
        // RFC 7617 section 2: "Aladdin" / "open sesame".
        Assert.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", PostmarkWebhookSigner.CreateAuthorization("Aladdin", "open sesame"));
        Assert.True(PostmarkWebhookSigner.Verify("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame"));
        Assert.False(PostmarkWebhookSigner.Verify("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame!"));
        Assert.False(PostmarkWebhookSigner.Verify("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "aladdin", "open sesame"));
        Assert.Throws<ArgumentException>(() => PostmarkWebhookSigner.CreateAuthorization("a:b", "c"));
    }

    [Fact]
    public void Signer_WebhookUrl_CarriesEscapedCredentialsForPostmarksSettings()
    {
        Uri url = PostmarkWebhookSigner.CreateWebhookUrl(new Uri("https://example.com/webhooks/postmark?x=1"), "hooks", "p@ss:w/rd");

        Assert.Equal("https://hooks:p%40ss%3Aw%2Frd@example.com/webhooks/postmark?x=1", url.AbsoluteUri);
    }

    [Fact]
    public async Task Receive_RecordedRecords_MapEveryRecordType()
    {
        IWebhookReceiver receiver = Receiver();
        var events = new List<MartechEvent>();
        foreach (byte[] record in FixtureRecords())
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(Request(record));
            Assert.Equal(200, result.Response.StatusCode);
            events.Add(Assert.Single(result.Events));
        }

        Assert.Equal(14, events.Count);
        Assert.Equal(14, events.Select(e => e.Id).Distinct().Count());

        var delivered = Assert.IsType<EmailEvent>(events[0]);
        Assert.Equal(EmailEventType.Delivered, delivered.Type);
        Assert.Equal("Postmark", delivered.Provider);
        Assert.Equal("Delivery:883953f4-6105-42a2-a16a-77a8eac79483:ada@example.com:2025-11-24T16:00:01.9070259Z", delivered.Id);
        Assert.Equal("883953f4-6105-42a2-a16a-77a8eac79483", delivered.MessageId);
        Assert.Equal(new DateTimeOffset(2025, 11, 24, 16, 0, 1, TimeSpan.Zero).AddTicks(9070259), delivered.OccurredAt);
        Assert.Equal(["welcome"], delivered.Tags);
        Assert.Equal("cmp_42", delivered.CampaignId);
        Assert.Equal("Ada", delivered.CustomArgs["first_name"]);

        var hard = (EmailEvent)events[1];
        Assert.Equal((EmailEventType.Bounced, EmailBounceKind.Hard), (hard.Type, hard.BounceKind));
        Assert.Equal("Bounce:4323372036854775807", hard.Id);
        Assert.Equal("gone@example.com", hard.Recipient.Value);
        Assert.Equal("smtp;550 5.1.1 The email account that you tried to reach does not exist.", hard.Reason);
        Assert.Equal((EmailEventType.Bounced, EmailBounceKind.Soft), (((EmailEvent)events[2]).Type, ((EmailEvent)events[2]).BounceKind));
        var transient = (EmailEvent)events[3];
        Assert.Equal((EmailEventType.Deferred, (EmailBounceKind?)null), (transient.Type, transient.BounceKind));
        Assert.Equal(new DateTimeOffset(2025, 11, 24, 16, 0, 4, 500, TimeSpan.Zero), transient.OccurredAt);
        Assert.Equal(EmailBounceKind.Block, ((EmailEvent)events[4]).BounceKind);
        var deactivated = (EmailEvent)events[5];
        Assert.Equal((EmailEventType.Dropped, "The email was manually deactivated."), (deactivated.Type, deactivated.Reason));
        var autoResponder = Assert.IsType<RawEvent>(events[6]);
        Assert.Equal("Bounce:AutoResponder", autoResponder.VendorEventType);
        Assert.Equal("away@example.com", autoResponder.Email?.Value);

        var spam = (EmailEvent)events[7];
        Assert.Equal((EmailEventType.SpamReport, "SpamComplaint:42"), (spam.Type, spam.Id));

        var open = (EmailEvent)events[8];
        Assert.Equal((EmailEventType.Opened, EngagementSource.Human, "203.0.113.7"), (open.Type, open.Source, open.IpAddress));
        Assert.Equal("Open:883953f4-6105-42a2-a16a-77a8eac79483:ada@example.com:2025-11-24T16:05:00.1000000Z", open.Id);
        Assert.Equal(EngagementSource.AppleMailPrivacyProtection, ((EmailEvent)events[9]).Source);
        var click = (EmailEvent)events[10];
        Assert.Equal((EmailEventType.Clicked, new Uri("https://brand.example/offer?utm_campaign=spring")), (click.Type, click.Url));
        Assert.StartsWith("Mozilla/5.0 (Windows", click.UserAgent, StringComparison.Ordinal);

        var unsubscribed = (EmailEvent)events[11];
        Assert.Equal((EmailEventType.GroupUnsubscribed, "broadcast", "ManualSuppression"), (unsubscribed.Type, unsubscribed.UnsubscribeGroupId, unsubscribed.Reason));
        Assert.Equal("SubscriptionChange:broadcast:ada@example.com:2025-11-24T16:07:00.4160710Z", unsubscribed.Id);
        var resubscribed = (EmailEvent)events[12];
        Assert.Equal((EmailEventType.GroupResubscribed, "broadcast"), (resubscribed.Type, resubscribed.UnsubscribeGroupId));
        Assert.Null(resubscribed.MessageId);
        Assert.Empty(resubscribed.Tags);

        var unknown = Assert.IsType<RawEvent>(events[13]);
        Assert.Equal("SMTPApiError", unknown.VendorEventType);
        Assert.StartsWith("sha256:", unknown.Id, StringComparison.Ordinal);

        // Each raw payload is the record as received.
        Assert.Equal("Click", click.Raw.GetProperty("RecordType").GetString());
        Assert.Equal("HTML", click.Raw.GetProperty("ClickLocation").GetString());
    }

    [Fact]
    public async Task Receive_SameRecordRedelivered_GetsTheSameKey_AnotherOpenAnother()
    {
        IWebhookReceiver receiver = Receiver();
        const string Open = """{"RecordType":"Open","MessageID":"m-1","Recipient":"a@example.com","ReceivedAt":"2025-11-24T16:05:00Z","FirstOpen":true}""";

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Request(Open))).Events);
        MartechEvent redelivered = Assert.Single((await receiver.ReceiveAsync(Request(Open))).Events);
        MartechEvent reformatted = Assert.Single((await receiver.ReceiveAsync(Request(Open.Replace("16:05:00Z", "17:05:00+01:00", StringComparison.Ordinal)))).Events);
        MartechEvent later = Assert.Single((await receiver.ReceiveAsync(Request(Open.Replace("16:05:00Z", "16:09:00Z", StringComparison.Ordinal)))).Events);

        Assert.Equal(first.Id, redelivered.Id);
        Assert.Equal(first.Id, reformatted.Id);
        Assert.NotEqual(first.Id, later.Id);
    }

    [Fact]
    public async Task Receive_TransientAsDeferredOff_IsASoftBounce()
    {
        IWebhookReceiver receiver = Receiver(configure: o => o.TransientAsDeferred = false);

        var e = (EmailEvent)Assert.Single((await receiver.ReceiveAsync(Request("""{"RecordType":"Bounce","ID":7,"Type":"Transient","Email":"a@example.com","BouncedAt":"2025-11-24T16:00:00Z"}"""))).Events);

        Assert.Equal((EmailEventType.Bounced, EmailBounceKind.Soft, "Bounce:7"), (e.Type, e.BounceKind, e.Id));
    }

    [Fact]
    public async Task Receive_CampaignMetadataKey_IsReadInAnyCaseAndConfigurable()
    {
        IWebhookReceiver byDefault = Receiver();
        IWebhookReceiver custom = Receiver(options: o => o.CampaignIdMetadataKey = "cmp");
        const string Body = """{"RecordType":"Delivery","MessageID":"m","Recipient":"a@example.com","DeliveredAt":"2025-11-24T16:00:00Z","Metadata":{"Campaign_ID":"c-1","cmp":"c-2","n":5}}""";

        MartechEvent a = Assert.Single((await byDefault.ReceiveAsync(Request(Body))).Events);
        MartechEvent b = Assert.Single((await custom.ReceiveAsync(Request(Body))).Events);

        Assert.Equal(("c-1", "c-2"), (a.CampaignId, b.CampaignId));
        Assert.Equal("5", a.CustomArgs["n"]);
    }

    [Fact]
    public async Task Receive_RecordWithoutValidRecipient_IsRawNotDropped()
    {
        IWebhookReceiver receiver = Receiver();

        var raw = Assert.IsType<RawEvent>(Assert.Single((await receiver.ReceiveAsync(Request("""{"RecordType":"Delivery","MessageID":"m","Recipient":"nobody","DeliveredAt":"2025-11-24T16:00:00Z"}"""))).Events));

        Assert.Equal("Delivery", raw.VendorEventType);
    }

    [Fact]
    public async Task Receive_RecordMissingKeyFields_GetsAContentKey()
    {
        IWebhookReceiver receiver = Receiver();
        const string Body = """{"RecordType":"Delivery","Recipient":"a@example.com"}""";

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Request(Body))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Request(Body))).Events);

        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData("wrong-user")]
    [InlineData("user-case")]
    [InlineData("password-prefix")]
    [InlineData("empty-password")]
    [InlineData("bearer")]
    [InlineData("not-base64")]
    [InlineData("no-colon")]
    public async Task Receive_WrongCredentials_Are401InvalidCredentials(string kind)
    {
        IWebhookReceiver receiver = Receiver();
        string authorization = kind switch
        {
            "wrong-password" => PostmarkWebhookSigner.CreateAuthorization(User, Password + "x"),
            "wrong-user" => PostmarkWebhookSigner.CreateAuthorization("someone", Password),
            "user-case" => PostmarkWebhookSigner.CreateAuthorization(User.ToUpperInvariant(), Password),
            "password-prefix" => PostmarkWebhookSigner.CreateAuthorization(User, Password[..^1]),
            "empty-password" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":")),
            "bearer" => "Bearer " + Password,
            "not-base64" => "Basic %%%",
            _ => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + Password)),
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Authorization", authorization)], Encoding.UTF8.GetBytes(Delivery))));

        Assert.Equal((WebhookRejectionReason.InvalidCredentials, 401), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(User, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_CredentialsWithColonAndNonAsciiInThePassword_Verify()
    {
        IWebhookReceiver receiver = Receiver(password: "sé:cret:ü");
        string lowerScheme = "basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":sé:cret:ü"));

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Authorization", lowerScheme)], Encoding.UTF8.GetBytes(Delivery)));

        Assert.Single(result.Events);
    }

    [Fact]
    public async Task Receive_NoAuthorizationHeader_IsMissingHeader()
    {
        IWebhookReceiver receiver = Receiver();

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Content-Type", "application/json")], Encoding.UTF8.GetBytes(Delivery))));

        Assert.Equal((WebhookRejectionReason.MissingHeader, 401), (ex.Reason, ex.StatusCode));
        Assert.Contains("Authorization", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50.31.156.6", true)]
    [InlineData("::ffff:50.31.156.6", true)]
    [InlineData("3.134.147.250", true)]
    [InlineData("3.134.148.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("198.51.100.9", false)]
    public async Task Receive_AllowList_AdmitsOnlyListedAddresses(string address, bool admitted)
    {
        IWebhookReceiver receiver = Receiver(configure: o => o.AllowedAddresses = ["50.31.156.6", "3.134.147.0/24", "2001:db8::/32"]);
        WebhookRequest request = PostmarkWebhookSigner.CreateRequest(Url, User, Password, Encoding.UTF8.GetBytes(Delivery), IPAddress.Parse(address));

        if (admitted)
        {
            Assert.Single((await receiver.ReceiveAsync(request)).Events);
            return;
        }

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(request));
        Assert.Equal((WebhookRejectionReason.AddressNotAllowed, 403), (ex.Reason, ex.StatusCode));
        Assert.Contains("AllowedAddresses", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_AllowListWithoutRemoteAddress_FailsClosed()
    {
        IWebhookReceiver receiver = Receiver(configure: o => o.AllowedAddresses = ["50.31.156.6"]);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(Delivery)));

        Assert.Equal(WebhookRejectionReason.AddressNotAllowed, ex.Reason);
        Assert.Contains("RemoteAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_WithoutCredentials_FailsClosedWith503NamingTheMissingSetting()
    {
        IWebhookReceiver none = Receiver(user: null, password: null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => none.ReceiveAsync(Request(Delivery)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Postmark:Webhooks:Username", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Password", new PostmarkWebhookOptions { Username = User }.SecretSettingName);
        Assert.False(new PostmarkWebhookOptions { Username = User }.IsConfigured);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(configure: o => o.MaxBodyBytes = 1024);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(string.Empty)));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(Delivery.Replace("\"t\"", "\"" + new string('t', 1100) + "\"", StringComparison.Ordinal))));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (empty.Reason, empty.StatusCode));
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Theory]
    [InlineData("""[{"RecordType":"Delivery"}]""")]
    [InlineData("""{"RecordType":"Delivery"}{"RecordType":"Open"}""")]
    [InlineData("""{"RecordType":"Delivery",""")]
    [InlineData("null")]
    public async Task Receive_BodyNotOneRecord_IsMalformed400(string body)
    {
        IWebhookReceiver receiver = Receiver();

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(body)));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_CrlfAppended_IsTheSameRecord()
    {
        IWebhookReceiver receiver = Receiver();

        MartechEvent plain = Assert.Single((await receiver.ReceiveAsync(Request(Delivery))).Events);
        MartechEvent crlf = Assert.Single((await receiver.ReceiveAsync(Request(Delivery + "\r\n"))).Events);

        Assert.Equal(plain.Id, crlf.Id);
        Assert.Equal(plain.RawUtf8.ToArray(), crlf.RawUtf8.ToArray());
    }

    [Fact]
    public async Task Receive_ByteChangedInTheBody_IsNotDetectable_CredentialsAreTheOnlyCheck()
    {
        // Postmark signs nothing: a changed body with the right credentials is accepted as what it now says.
        IWebhookReceiver receiver = Receiver();

        MartechEvent changed = Assert.Single((await receiver.ReceiveAsync(Request(Delivery.Replace("\"Delivery\"", "\"Deliverx\"", StringComparison.Ordinal)))).Events);

        Assert.Equal("Deliverx", Assert.IsType<RawEvent>(changed).VendorEventType);
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver();

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("PUT", Url, PostmarkWebhookSigner.CreateHeaders(User, Password), Encoding.UTF8.GetBytes(Delivery))));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_DescribeTheRequestButNoCredentials()
    {
        IWebhookReceiver quiet = Receiver();
        IWebhookReceiver verbose = Receiver(configure: o => o.IncludeDiagnostics = true);
        WebhookRequest wrong = PostmarkWebhookSigner.CreateRequest(Url, User, "nope-" + Password, Encoding.UTF8.GetBytes(Delivery), IPAddress.Parse("198.51.100.9"));

        var off = await Assert.ThrowsAsync<WebhookVerificationException>(() => quiet.ReceiveAsync(wrong));
        var on = await Assert.ThrowsAsync<WebhookVerificationException>(() => verbose.ReceiveAsync(wrong));

        Assert.Null(off.Diagnostic);
        Assert.NotNull(on.Diagnostic);
        Assert.Contains("198.51.100.9", on.Diagnostic, StringComparison.Ordinal);
        Assert.Contains($"{Delivery.Length} bytes", on.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, on.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(User, on.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Headers["Authorization"], on.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BadValues_FailValidationNamingThePath()
    {
        var options = new PostmarkOptions
        {
            ServerToken = "t",
            Webhooks = { Username = "a:b", Password = "p", PastTolerance = TimeSpan.Zero, AllowedAddresses = ["1.2.3.4", "10.0.0.0/33", "example.com"] },
        };
        var half = new PostmarkOptions { ServerToken = "t", Webhooks = { Password = "p" } };

        var problems = options.Validate("Martech:Postmark").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Postmark:Webhooks:PastTolerance", StringComparison.Ordinal) && p.Contains("IsReplay", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Postmark:Webhooks:Username", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Postmark:Webhooks:AllowedAddresses:1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Postmark:Webhooks:AllowedAddresses:2", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("AllowedAddresses:0", StringComparison.Ordinal));
        Assert.Contains(half.Validate("Martech:Postmark"), p => p.StartsWith("Martech:Postmark:Webhooks:Username", StringComparison.Ordinal));
        Assert.Empty(new PostmarkOptions { ServerToken = "t", Webhooks = { Username = User, Password = Password } }.Validate("Martech:Postmark"));
        Assert.DoesNotContain(Password, new PostmarkWebhookOptions { Username = User, Password = Password }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver();
        byte[][] seeds =
        [
            .. FixtureRecords(),
            Encoding.UTF8.GetBytes("""{"RecordType":"SubscriptionChange","SuppressSending":"yes","Recipient":"a@example.com","ChangedAt":"x","Metadata":{"a":null,"b":[1],"c":{"d":2}},"Geo":[],"ID":1.5e300}"""),
        ];

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, payload => PostmarkWebhookSigner.CreateRequest(Url, User, Password, payload), WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static IEnumerable<byte[]> FixtureRecords()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Postmark", "Webhooks", "records.json")));
        foreach (JsonElement record in document.RootElement.EnumerateArray())
        {
            yield return Encoding.UTF8.GetBytes(record.GetRawText());
        }
    }

    private static WebhookRequest Request(string body) => Request(Encoding.UTF8.GetBytes(body));

    private static WebhookRequest Request(byte[] body) => PostmarkWebhookSigner.CreateRequest(Url, User, Password, body);

    private IWebhookReceiver Receiver(string? user = User, string? password = Password, Action<PostmarkWebhookOptions>? configure = null, Action<PostmarkOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddPostmark(configure: o =>
        {
            o.ServerToken = "server-token";
            o.Webhooks.Username = user;
            o.Webhooks.Password = password;
            configure?.Invoke(o.Webhooks);
            options?.Invoke(o);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Postmark");
    }
}
