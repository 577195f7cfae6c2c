using System.Text;
using System.Text.Json;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>SendGrid's signed Event Webhook: the vector from SendGrid's own SDK tests, every tamper case the rules
/// imply, the event mapping of a full batch, and a fuzz run of the parser.</summary>
public sealed class SendGridWebhookReceiverTests : IDisposable
{
    // sendgrid/sendgrid-csharp RequestValidatorTests.cs
    private const string VectorKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
    private const string OtherKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==";
    private const string VectorBody = """{"category":"example_payload","event":"test_event","message_id":"message_id"}""";
    private const string VectorTimestamp = "1588788367";
    private const string VectorSignature = "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/sendgrid");
    private static readonly (string Public, string Private) Keys = SendGridWebhookSigner.CreateKeyPair();

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1588788367).AddSeconds(30));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_VendorVector_VerifiesWithItsKeyOnly()
    {
        Assert.True(SendGridWebhookSigner.Verify(VectorKey, VectorSignature, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody)));
        Assert.False(SendGridWebhookSigner.Verify(OtherKey, VectorSignature, VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody)));
    }

    [Fact]
    public async Task Receive_VendorVectorBody_SignatureVerifiesBeforeParsing()
    {
        // The vendor's vector body is an object, not SendGrid's array: it verifies, then is rejected as malformed.
        IWebhookReceiver receiver = Receiver(VectorKey);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorSignature, VectorTimestamp, wrap: false)));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task Receive_VendorVectorWithOtherKey_IsInvalidSignature()
    {
        IWebhookReceiver receiver = Receiver(OtherKey);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorSignature, VectorTimestamp, wrap: false)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain(OtherKey, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Diagnostic);
    }

    [Fact]
    public async Task Receive_SignedBatch_MapsEveryEventType()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        string body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SendGrid", "Webhooks", "events.json"));

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));

        Assert.Equal(200, result.Response.StatusCode);
        Assert.Equal(15, result.Events.Count);
        var byId = result.Events.ToDictionary(e => e.Id);
        var processed = Assert.IsType<EmailEvent>(byId["sg-processed"]);
        Assert.Equal(EmailEventType.Processed, processed.Type);
        Assert.Equal("example@test.com", processed.Recipient.Value);
        Assert.Equal("14c5d75ce93", processed.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1513299569), processed.OccurredAt);
        Assert.Equal(["cat facts"], processed.Tags);
        Assert.Equal("cmp_42", processed.CampaignId);
        Assert.Equal("Ada", processed.CustomArgs["first_name"]);
        Assert.Equal("SendGrid", processed.Provider);

        Assert.Equal(EmailEventType.Dropped, ((EmailEvent)byId["sg-dropped"]).Type);
        Assert.Equal("Bounced Address", ((EmailEvent)byId["sg-dropped"]).Reason);
        Assert.Equal(EmailEventType.Delivered, ((EmailEvent)byId["sg-delivered"]).Type);
        Assert.Equal(EmailEventType.Deferred, ((EmailEvent)byId["sg-deferred"]).Type);

        var hard = (EmailEvent)byId["sg-bounce"];
        Assert.Equal((EmailEventType.Bounced, EmailBounceKind.Hard), (hard.Type, hard.BounceKind));
        Assert.Equal(EmailBounceKind.Block, ((EmailEvent)byId["sg-blocked"]).BounceKind);
        Assert.Equal(EmailBounceKind.Soft, ((EmailEvent)byId["sg-soft"]).BounceKind);

        var open = (EmailEvent)byId["sg-open"];
        Assert.Equal((EmailEventType.Opened, EngagementSource.Human), (open.Type, open.Source));
        Assert.Equal(EngagementSource.AppleMailPrivacyProtection, ((EmailEvent)byId["sg-machine-open"]).Source);
        var click = (EmailEvent)byId["sg-click"];
        Assert.Equal(EmailEventType.Clicked, click.Type);
        Assert.Equal(new Uri("https://brand.example/offer?utm_campaign=spring"), click.Url);
        Assert.Equal(["cat facts", "spring"], click.Tags);
        Assert.Equal(EngagementSource.SecurityScanner, ((EmailEvent)byId["sg-scanner-click"]).Source);

        Assert.Equal(EmailEventType.SpamReport, ((EmailEvent)byId["sg-spam"]).Type);
        Assert.Equal(EmailEventType.Unsubscribed, ((EmailEvent)byId["sg-unsub"]).Type);
        var group = (EmailEvent)byId["sg-group-unsub"];
        Assert.Equal((EmailEventType.GroupUnsubscribed, "42"), (group.Type, group.UnsubscribeGroupId));

        var raw = Assert.IsType<RawEvent>(byId["sg-account"]);
        Assert.Equal("account_status_change", raw.VendorEventType);
        Assert.Equal("account_status_change", raw.Raw.GetProperty("event").GetString());

        // Each event's raw payload is its own object from the batch, byte for byte.
        Assert.Equal("sg-click", click.Raw.GetProperty("sg_event_id").GetString());
        Assert.Equal(15, result.Events.Select(e => e.RawUtf8.Length).Count(l => l > 0));
    }

    [Fact]
    public async Task Receive_EventWithoutValidEmail_IsRawNotDropped()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed("""[{"email":"not an address","event":"delivered","sg_event_id":"x1","timestamp":1}]"""));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal(("x1", "delivered"), (raw.Id, raw.VendorEventType));
    }

    [Fact]
    public async Task Receive_EventWithoutEventId_GetsAContentKey()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        const string Body = """[{"email":"a@example.com","event":"delivered","timestamp":1}]""";

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(Body))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed(Body))).Events);

        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("appended-crlf")]
    [InlineData("removed-last-byte")]
    public async Task Receive_BodyChangedAfterSigning_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[] body = Encoding.UTF8.GetBytes("""[{"email":"a@example.com","event":"open","sg_event_id":"e1","timestamp":1588788390}]""");
        var headers = SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow(), body);
        byte[] changed = change switch
        {
            "byte" => Flip(body, 12),
            "appended-crlf" => [.. body, (byte)'\r', (byte)'\n'],
            _ => body[..^1],
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, changed)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_BodyEndingInCrlfWhenSigned_VerifiesAsIs()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[] body = Encoding.UTF8.GetBytes("[{\"email\":\"a@example.com\",\"event\":\"open\",\"sg_event_id\":\"e1\",\"timestamp\":1588788390}]\r\n");

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow(), body), body));

        Assert.Single(result.Events);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("not-base64")]
    [InlineData("not-der")]
    [InlineData("empty-der")]
    public async Task Receive_BadSignature_IsInvalidNeverAnException(string kind)
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[] body = Encoding.UTF8.GetBytes("[]");
        string timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string good = SendGridWebhookSigner.Sign(Keys.Private, timestamp, body);
        string signature = kind switch
        {
            "flip" => Convert.ToBase64String(Flip(Convert.FromBase64String(good), 20)),
            "not-base64" => "%%%not base64%%%",
            "not-der" => Convert.ToBase64String(new byte[70]),
            _ => Convert.ToBase64String([0x30, 0x00]),
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request("[]", signature, timestamp, wrap: false)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Theory]
    [InlineData(SendGridWebhookSigner.SignatureHeader)]
    [InlineData(SendGridWebhookSigner.TimestampHeader)]
    public async Task Receive_MissingHeader_NamesIt(string missing)
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[] body = "[]"u8.ToArray();
        var headers = SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow(), body).Where(h => h.Key != missing);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, body)));

        Assert.Equal(WebhookRejectionReason.MissingHeader, ex.Reason);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_StaleAndFutureTimestamps_AreRefusedBySeparateTolerances()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public, o => { o.PastTolerance = TimeSpan.FromMinutes(5); o.FutureTolerance = TimeSpan.FromSeconds(30); });
        byte[] body = "[]"u8.ToArray();

        var stale = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow().AddMinutes(-5).AddSeconds(-1), body), body)));
        var future = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow().AddSeconds(31), body), body)));
        await receiver.ReceiveAsync(new WebhookRequest("POST", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow().AddMinutes(-4), body), body));
        await receiver.ReceiveAsync(new WebhookRequest("POST", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow().AddSeconds(29), body), body));

        Assert.Equal(WebhookRejectionReason.TimestampTooOld, stale.Reason);
        Assert.Contains("PastTolerance", stale.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookRejectionReason.TimestampInFuture, future.Reason);
        Assert.Contains("FutureTolerance", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_StaleButMarkedReplay_IsVerifiedWithoutTheClock()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[] body = "[]"u8.ToArray();
        var headers = SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow().AddDays(-30), body);

        await receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, body) { IsReplay = true });
        var tampered = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, "[ ]"u8.ToArray()) { IsReplay = true }));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, tampered.Reason);
    }

    [Fact]
    public async Task Receive_TimestampNotANumber_IsMalformedAfterTheSignature()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[] body = "[]"u8.ToArray();
        string signature = SendGridWebhookSigner.Sign(Keys.Private, "yesterday", body);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request("[]", signature, "yesterday", wrap: false)));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Fact]
    public async Task Receive_WithoutKey_FailsClosedNamingTheSetting()
    {
        IWebhookReceiver receiver = Receiver(publicKey: null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("[]")));

        Assert.Equal(WebhookRejectionReason.NotConfigured, ex.Reason);
        Assert.Equal(503, ex.StatusCode);
        Assert.Contains("Martech:SendGrid:Webhooks:PublicKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public, o => o.MaxBodyBytes = 1024);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(string.Empty)));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("[" + new string(' ', 1100) + "]")));

        Assert.Equal(WebhookRejectionReason.Malformed, empty.Reason);
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[] body = "[]"u8.ToArray();

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("GET", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow(), body), body)));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_ShowsWhatWasSignedButNoKey()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public, o => o.IncludeDiagnostics = true);
        byte[] body = "[]"u8.ToArray();
        var headers = SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow(), "[1]"u8);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, body)));

        Assert.NotNull(ex.Diagnostic);
        Assert.Contains("2 bytes", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains(headers.Single(h => h.Key == SendGridWebhookSigner.TimestampHeader).Value, ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Keys.Public, ex.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BadKeyAndZeroTolerance_FailValidationNamingThePath()
    {
        var options = new SendGridOptions { ApiKey = "SG.x", Webhooks = { PublicKey = "not a key", PastTolerance = TimeSpan.Zero } };

        var problems = options.Validate("Martech:SendGrid").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:SendGrid:Webhooks:PublicKey", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:SendGrid:Webhooks:PastTolerance", StringComparison.Ordinal) && p.Contains("IsReplay", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(Keys.Public);
        byte[][] seeds =
        [
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "SendGrid", "Webhooks", "events.json")),
            Encoding.UTF8.GetBytes("""[{"email":"a@example.com","event":"click","url":"https://x.example/","category":["a","b"],"sg_event_id":"1","timestamp":1,"n":1.5,"o":{"a":[1]}}]"""),
        ];

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, payload => new WebhookRequest("POST", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow(), payload), payload), WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = [.. bytes];
        copy[index % copy.Length] ^= 0x01;
        return copy;
    }

    private WebhookRequest Signed(string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookRequest("POST", Url, SendGridWebhookSigner.CreateHeaders(Keys.Private, _clock.GetUtcNow(), bytes), bytes);
    }

    private static WebhookRequest Request(string body, string signature, string timestamp, bool wrap) =>
        new("POST", Url, [new(SendGridWebhookSigner.SignatureHeader, signature), new(SendGridWebhookSigner.TimestampHeader, timestamp)], Encoding.UTF8.GetBytes(wrap ? "[" + body + "]" : body));

    private IWebhookReceiver Receiver(string? publicKey, Action<SendGridWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddSendGrid(configure: o =>
        {
            o.ApiKey = "SG.test";
            o.Webhooks.PublicKey = publicKey;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("SendGrid");
    }
}
