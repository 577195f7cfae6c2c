using System.Text;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Salesforce;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Salesforce;

/// <summary>Salesforce outbound messages: the URL token and the org id that stand in for a signature, the SOAP
/// acknowledgement, the mapping of a recorded message, an XML parser that refuses DTDs and entity tricks, and a fuzz
/// run.</summary>
public sealed class SalesforceWebhookReceiverTests : IDisposable
{
    private const string Org = "00D5Y000001MPM7UAO";
    private const string Token = "c2Fsc2VmB3JjZS10b2tlbi0x";
    private static readonly Uri Endpoint = new("https://hooks.example.com/webhooks/salesforce");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2024, 5, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task Receive_RecordedMessage_MapsEveryNotificationAndAcknowledges()
    {
        IWebhookReceiver receiver = Receiver();
        byte[] body = File.ReadAllBytes(FixturePath());

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [new("Content-Type", "text/xml; charset=utf-8")], body));

        Assert.Equal(200, result.Response.StatusCode);
        Assert.StartsWith("text/xml", result.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse>", result.Response.Body, StringComparison.Ordinal);
        Assert.Equal(4, result.Events.Count);
        Assert.All(result.Events, e => Assert.Equal("Salesforce", e.Provider));

        var changed = Assert.IsType<ContactEvent>(result.Events[0]);
        Assert.Equal(("04l5Y00002lRDRNQA4", ContactEventType.Changed, "contact", "0035Y00003ZbKxCQAV"), (changed.Id, changed.Type, changed.ObjectType, changed.ContactId));
        Assert.Equal(("ada.lovelace@example.com", "+14155550100"), (changed.Email?.Value, changed.Phone));
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 15, 35, TimeSpan.Zero), changed.ChangedAt);
        Assert.Equal(changed.ChangedAt, changed.OccurredAt);
        Assert.Equal("MQL", changed.ChangedProperties["Lifecycle_Stage__c"]);
        Assert.Equal("false", changed.ChangedProperties["HasOptedOutOfEmail"]);
        Assert.True(changed.ChangedProperties.ContainsKey("Title"));
        Assert.Null(changed.ChangedProperties["Title"]);
        Assert.False(changed.ChangedProperties.ContainsKey("Id"));

        var created = Assert.IsType<ContactEvent>(result.Events[1]);
        Assert.Equal((ContactEventType.Created, "0035Y00003ZbKxHQAV", "+442071234567"), (created.Type, created.ContactId, created.Phone));

        var lead = Assert.IsType<ContactEvent>(result.Events[2]);
        Assert.Equal((ContactEventType.Changed, "lead", "00Q5Y00001xYzAbUAK"), (lead.Type, lead.ObjectType, lead.ContactId));
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 25, 12, TimeSpan.Zero), lead.ChangedAt);
        Assert.Equal("Working - Contacted", lead.ChangedProperties["Status"]);

        var opportunity = Assert.IsType<RawEvent>(result.Events[3]);
        Assert.Equal(("04l5Y00002lRDRcQAO", "Opportunity", (string?)null), (opportunity.Id, opportunity.VendorEventType, opportunity.ContactId));
        Assert.Equal("Difference Engine & spares", opportunity.Raw.GetProperty("Fields").GetProperty("Name").GetString());
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 30, 0, TimeSpan.Zero), opportunity.OccurredAt);

        // The raw payload is a JSON object of the notification's fields, with the message's context but never the
        // session id Salesforce sends along.
        Assert.Equal(Org, changed.Raw.GetProperty("OrganizationId").GetString());
        Assert.Equal("04k5Y0000008Q1hQAE", changed.Raw.GetProperty("ActionId").GetString());
        Assert.Equal(("Contact", "King"), (changed.Raw.GetProperty("ObjectType").GetString(), changed.Raw.GetProperty("Fields").GetProperty("LastName").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, changed.Raw.GetProperty("Fields").GetProperty("Title").ValueKind);
        Assert.All(result.Events, e => Assert.DoesNotContain("FakeSession", Encoding.UTF8.GetString(e.RawUtf8.Span), StringComparison.Ordinal));
        Assert.All(result.Events, e => Assert.DoesNotContain("FakeSession", Encoding.UTF8.GetString(MartechEventSerializer.SerializeToUtf8Bytes(e)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receive_ContactEvents_CarryChangedAtAndContactIdForTheOrderingGuard()
    {
        // Salesforce retries failed deliveries for up to 24 hours, so an old notification can arrive after a newer
        // one; ChangedAt is the record's LastModifiedDate, not the arrival.
        IWebhookReceiver receiver = Receiver();
        var newer = Notification("04l000000000002AAA", "Contact", ("Id", "003000000000001AAA"), ("FirstName", "Ada"), ("LastModifiedDate", "2024-05-27T09:30:00.000Z"));
        var older = Notification("04l000000000001AAA", "Contact", ("Id", "003000000000001AAA"), ("FirstName", "Augusta"), ("LastModifiedDate", "2024-05-27T09:10:00.000Z"));

        var first = (ContactEvent)Assert.Single((await receiver.ReceiveAsync(Request([newer]))).Events);
        var late = (ContactEvent)Assert.Single((await receiver.ReceiveAsync(Request([older]))).Events);

        Assert.Equal(("003000000000001AAA", "contact"), (first.ContactId, first.ObjectType));
        Assert.Equal(("003000000000001AAA", "contact"), (late.ContactId, late.ObjectType));
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 30, 0, TimeSpan.Zero), first.ChangedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 27, 9, 10, 0, TimeSpan.Zero), late.ChangedAt);
    }

    [Fact]
    public async Task Receive_Redelivery_KeepsTheNotificationId()
    {
        IWebhookReceiver receiver = Receiver();
        var n = Notification("04l000000000009AAA", "Lead", ("Id", "00Q000000000001AAA"), ("LastName", "Somerville"));

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Request([n]))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Request([n]))).Events);

        Assert.Equal(("04l000000000009AAA", "04l000000000009AAA"), (first.Id, again.Id));
        Assert.Equal(_clock.GetUtcNow(), ((ContactEvent)first).ChangedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=wrong-token-0123456789abc")]
    [InlineData("?other=c2Fsc2VmB3JjZS10b2tlbi0x")]
    [InlineData("?TOKEN=c2Fsc2VmB3JjZS10b2tlbi0x")]
    [InlineData("?token=C2Fsc2VmB3JjZS10b2tlbi0x")]
    [InlineData("?token=c2Fsc2VmB3JjZS10b2tlbi0x&token=c2Fsc2VmB3JjZS10b2tlbi0x")]
    [InlineData("?token=c2Fsc2VmB3JjZS10b2tlbi0")]
    public async Task Receive_MissingWrongOrRepeatedToken_IsInvalidCredentialsWithoutShowingIt(string query)
    {
        IWebhookReceiver receiver = Receiver(o => o.IncludeDiagnostics = true);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Endpoint + query), [], File.ReadAllBytes(FixturePath()))));

        Assert.Equal((WebhookRejectionReason.InvalidCredentials, 401), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Diagnostic);
        Assert.DoesNotContain(Token, ex.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_TokenUnderAConfiguredParameterName_IsAccepted()
    {
        IWebhookReceiver receiver = Receiver(o => o.TokenParameterName = "k");

        WebhookReceiveResult ok = await receiver.ReceiveAsync(SalesforceOutboundMessageBuilder.CreateRequest(new Uri(Endpoint + "?tenant=7"), Token, Org, [Contact()], "k"));
        var refused = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request([Contact()])));

        Assert.Single(ok.Events);
        Assert.Equal(WebhookRejectionReason.InvalidCredentials, refused.Reason);
    }

    [Theory]
    [InlineData("00D5Y000001MPM7", true)]
    [InlineData("00D5Y000001MPM7UAO", true)]
    [InlineData("00D5Y000001MPM7XYZ", true)]
    [InlineData("00D5Y000001MPM8UAO", false)]
    [InlineData("00d5y000001mpm7UAO", false)]
    [InlineData("00D5Y0000", false)]
    public async Task Receive_OrganizationId_MustBeTheConfiguredOrg(string inMessage, bool accepted)
    {
        // Configured with the 15-character id; the message may carry the 18-character form (15 plus a checksum).
        IWebhookReceiver receiver = Receiver(o => o.OrganizationId = "00D5Y000001MPM7");
        WebhookRequest request = SalesforceOutboundMessageBuilder.CreateRequest(Endpoint, Token, inMessage, [Contact()]);

        if (accepted)
        {
            Assert.Single((await receiver.ReceiveAsync(request)).Events);
            return;
        }

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(request));
        Assert.Equal((WebhookRejectionReason.InvalidCredentials, 401), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Salesforce:Webhooks:OrganizationId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_MessageWithoutOrganizationId_IsRefused()
    {
        IWebhookReceiver receiver = Receiver();
        string body = Encoding.UTF8.GetString(SalesforceOutboundMessageBuilder.CreateBody(Org, [Contact()]))
            .Replace($"<OrganizationId>{Org}</OrganizationId>", string.Empty, StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], Encoding.UTF8.GetBytes(body))));

        Assert.Equal(WebhookRejectionReason.InvalidCredentials, ex.Reason);
    }

    [Fact]
    public async Task Receive_OrgMismatchWithDiagnostics_ShowsBothIdsButNoToken()
    {
        IWebhookReceiver receiver = Receiver(o => o.IncludeDiagnostics = true);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(SalesforceOutboundMessageBuilder.CreateRequest(Endpoint, Token, "00D000000000042AAA", [Contact()])));

        Assert.Contains("00D000000000042AAA", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains(Org, ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain("00D000000000042AAA", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xxe-file")]
    [InlineData("billion-laughs")]
    [InlineData("external-dtd")]
    public async Task Receive_DtdOrEntityTrick_IsMalformedWithoutExpanding(string attack)
    {
        IWebhookReceiver receiver = Receiver();
        string doctype = attack switch
        {
            "xxe-file" => """<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>""",
            "billion-laughs" => """<!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>""",
            _ => """<!DOCTYPE e SYSTEM "http://127.0.0.1:9/evil.dtd">""",
        };
        string body = Encoding.UTF8.GetString(SalesforceOutboundMessageBuilder.CreateBody(Org, [Notification("04l000000000001AAA", "Contact", ("Id", "003000000000001AAA"), ("LastName", "PLACEHOLDER"))]))
            .Replace("<soapenv:Envelope", doctype + "<soapenv:Envelope", StringComparison.Ordinal)
            .Replace("PLACEHOLDER", attack == "billion-laughs" ? "&d;" : "&x;", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], Encoding.UTF8.GetBytes(body))));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
        Assert.Contains("DTD", Assert.IsType<System.Xml.XmlException>(ex.InnerException).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"not\":\"xml\"}")]
    [InlineData("<Envelope/>")]
    [InlineData("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body/></soapenv:Envelope>")]
    [InlineData("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><notifications><OrganizationId>x</OrganizationId></notifications></soapenv:Body></soapenv:Envelope><second/>")]
    [InlineData("<other/>")]
    public async Task Receive_BodyNotAnOutboundMessage_IsMalformed(string body)
    {
        IWebhookReceiver receiver = Receiver();

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], Encoding.UTF8.GetBytes(body))));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Fact]
    public async Task Receive_NestedAndDeeplyNestedFields_AreFlattenedOrRefused()
    {
        IWebhookReceiver receiver = Receiver();
        string Body(string field) => Encoding.UTF8.GetString(SalesforceOutboundMessageBuilder.CreateBody(Org, [Notification("04l000000000001AAA", "Contact", ("Id", "003000000000001AAA"), ("LastName", "PLACEHOLDER"))]))
            .Replace("<sf:LastName>PLACEHOLDER</sf:LastName>", field, StringComparison.Ordinal);
        string nested = "<sf:MailingAddress><sf:city>London</sf:city><sf:country>UK</sf:country></sf:MailingAddress>";
        string deep = string.Concat(Enumerable.Repeat("<sf:a>", 12)) + "x" + string.Concat(Enumerable.Repeat("</sf:a>", 12));

        var e = (ContactEvent)Assert.Single((await receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], Encoding.UTF8.GetBytes(Body(nested))))).Events);
        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], Encoding.UTF8.GetBytes(Body(deep)))));

        Assert.Equal("London", e.ChangedProperties["MailingAddress.city"]);
        Assert.Equal("UK", e.Raw.GetProperty("Fields").GetProperty("MailingAddress").GetProperty("country").GetString());
        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Fact]
    public async Task Receive_UnknownOrUntypedSObject_IsRawNotDropped()
    {
        IWebhookReceiver receiver = Receiver();
        string untyped = Encoding.UTF8.GetString(SalesforceOutboundMessageBuilder.CreateBody(Org, [Notification("04l000000000003AAA", "Contact", ("Id", "003000000000001AAA"))]))
            .Replace(" xsi:type=\"sf:Contact\"", string.Empty, StringComparison.Ordinal);

        var custom = Assert.IsType<RawEvent>(Assert.Single((await receiver.ReceiveAsync(Request([Notification("04l000000000002AAA", "Invoice__c", ("Id", "a0B000000000001AAA"))]))).Events));
        var noType = Assert.IsType<RawEvent>(Assert.Single((await receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], Encoding.UTF8.GetBytes(untyped)))).Events));
        var noId = Assert.IsType<RawEvent>(Assert.Single((await receiver.ReceiveAsync(Request([Notification("04l000000000004AAA", "Lead", ("LastName", "X"))]))).Events));

        Assert.Equal(("Invoice__c", string.Empty, "Lead"), (custom.VendorEventType, noType.VendorEventType, noId.VendorEventType));
    }

    [Fact]
    public async Task Receive_BodyWithCrlfAppended_IsAccepted()
    {
        IWebhookReceiver receiver = Receiver();
        byte[] body = [.. File.ReadAllBytes(FixturePath()), (byte)'\r', (byte)'\n'];

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], body));

        Assert.Equal(4, result.Events.Count);
    }

    [Fact]
    public async Task Receive_WithoutSettings_FailsClosedNamingTheSetting()
    {
        IWebhookReceiver receiver = Receiver(o => { o.OrganizationId = null; o.Token = null; });

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request([Contact()])));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Salesforce:Webhooks:Token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(o => o.MaxBodyBytes = 1024);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], ReadOnlyMemory<byte>.Empty)));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url(), [], File.ReadAllBytes(FixturePath()))));

        Assert.Equal(WebhookRejectionReason.Malformed, empty.Reason);
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver();

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("GET", Url(), [], ReadOnlyMemory<byte>.Empty)));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public void Options_BadOrgWeakTokenAndZeroTolerance_FailValidationNamingThePath()
    {
        var options = Valid();
        options.Webhooks.OrganizationId = "001000000000001";
        options.Webhooks.Token = "short&weak";
        options.Webhooks.TokenParameterName = "a b";
        options.Webhooks.FutureTolerance = TimeSpan.Zero;
        var half = Valid();
        half.Webhooks.OrganizationId = Org;

        var problems = options.Validate("Martech:Salesforce").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Salesforce:Webhooks:OrganizationId must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Salesforce:Webhooks:Token must be at least 16", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Salesforce:Webhooks:TokenParameterName", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Salesforce:Webhooks:FutureTolerance", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("short&weak", StringComparison.Ordinal));
        Assert.Contains(half.Validate("Martech:Salesforce"), p => p.Contains("must be set together", StringComparison.Ordinal));
        var good = Valid();
        good.Webhooks.OrganizationId = Org;
        good.Webhooks.Token = Token;
        Assert.Empty(good.Validate("Martech:Salesforce"));
    }

    [Fact]
    public void Builder_EndpointUrl_KeepsTheQueryAndAddsTheToken()
    {
        Uri plain = SalesforceOutboundMessageBuilder.CreateEndpointUrl(Endpoint, Token);
        Uri withQuery = SalesforceOutboundMessageBuilder.CreateEndpointUrl(new Uri(Endpoint + "?tenant=7"), "a~b", "k");

        Assert.Equal($"{Endpoint}?token={Token}", plain.AbsoluteUri);
        Assert.Equal($"{Endpoint}?tenant=7&k=a~b", withQuery.AbsoluteUri);
    }

    [Fact]
    public async Task AddSalesforce_WebhooksSection_BindsFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Salesforce:MyDomainUrl"] = "https://acme.my.salesforce.com",
            ["Martech:Salesforce:ClientId"] = "key",
            ["Martech:Salesforce:ClientSecret"] = "secret",
            ["Martech:Salesforce:Webhooks:OrganizationId"] = Org,
            ["Martech:Salesforce:Webhooks:Token"] = Token,
            ["Martech:Salesforce:Webhooks:TokenParameterName"] = "k",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddSalesforce();
        await using ServiceProvider provider = services.BuildServiceProvider();
        IWebhookReceiver receiver = provider.GetRequiredKeyedService<IWebhookReceiver>("Salesforce");

        var options = Assert.IsType<SalesforceWebhookOptions>(receiver.GetService(typeof(MartechWebhookOptions)));
        WebhookReceiveResult result = await receiver.ReceiveAsync(SalesforceOutboundMessageBuilder.CreateRequest(Endpoint, Token, Org, [Contact()], "k"));

        Assert.Equal((Org, Token, "k"), (options.OrganizationId, options.Token, options.TokenParameterName));
        Assert.Single(result.Events);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver();
        byte[][] seeds =
        [
            File.ReadAllBytes(FixturePath()),
            SalesforceOutboundMessageBuilder.CreateBody(Org, [Notification("04l000000000001AAA", "Lead", ("Id", "00Q000000000001AAA"), ("Email", "a@example.com"), ("CreatedDate", "2024-01-01T00:00:00Z"), ("LastModifiedDate", "2024-01-01T00:00:00Z"), ("Note", null))]),
        ];
        Uri url = Url();

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, payload => new WebhookRequest("POST", url, [], payload), WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static string FixturePath() => Path.Combine(AppContext.BaseDirectory, "Salesforce", "Webhooks", "outbound-message.xml");

    private static Uri Url() => SalesforceOutboundMessageBuilder.CreateEndpointUrl(Endpoint, Token);

    private static SalesforceOutboundNotification Contact() =>
        Notification("04l000000000001AAA", "Contact", ("Id", "003000000000001AAA"), ("LastModifiedDate", "2024-05-27T09:00:00.000Z"));

    private static SalesforceOutboundNotification Notification(string id, string type, params (string Name, string? Value)[] fields) =>
        new(id, type, fields.ToDictionary(f => f.Name, f => f.Value));

    private static WebhookRequest Request(IEnumerable<SalesforceOutboundNotification> notifications) =>
        SalesforceOutboundMessageBuilder.CreateRequest(Endpoint, Token, Org, notifications);

    private static SalesforceOptions Valid() => new()
    {
        MyDomainUrl = new Uri("https://acme.my.salesforce.com"),
        ClientId = "key",
        ClientSecret = "secret",
    };

    private IWebhookReceiver Receiver(Action<SalesforceWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddSalesforce(configure: o =>
        {
            o.MyDomainUrl = new Uri("https://acme.my.salesforce.com");
            o.ClientId = "key";
            o.ClientSecret = "secret";
            o.Webhooks.OrganizationId = Org;
            o.Webhooks.Token = Token;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Salesforce");
    }
}
