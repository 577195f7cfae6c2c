using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Testing;
using Martech.Sdk.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Twilio;

/// <summary>Twilio's X-Twilio-Signature: the vectors from Twilio's own SDK tests, every URL form the receiver must
/// accept (ports, percent-escapes), repeated keys, JSON bodies bound by bodySHA256, GET, the tamper cases, the mapping of
/// recorded status callbacks and incoming messages, and a fuzz run. Twilio signs no timestamp, so there are no clock
/// tolerance cases: the test that the clock is ignored stands in for them.</summary>
public sealed class TwilioWebhookReceiverTests : IDisposable
{
    // twilio/twilio-python and twilio/twilio-csharp request validator tests.
    private const string VectorToken = "12345";
    private const string VectorUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string VectorSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    private const string VectorJsonBody = """{"property": "value", "boolean": true}""";
    private const string VectorBodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    private const string VectorJsonSignature = "a9nBmqA0ju/hNViExpshrM61xv4=";
    private const string VectorDuplicateSignature = "IK+Dwps556ElfBT0I3Rgjkr1wJU=";

    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string Hook = "https://hooks.example.com/webhooks/twilio";

    private static readonly KeyValuePair<string, string>[] VectorParameters =
    [
        new("CallSid", "CA1234567890ABCDE"), new("Digits", "1234"), new("From", "+14158675309"), new("To", "+18005551212"), new("Caller", "+14158675309"),
    ];

    private static readonly KeyValuePair<string, string>[] Delivered =
    [
        new("SmsSid", "SM5a8c4e1f0b2d4c6e8a0b1c2d3e4f5a6b"), new("SmsStatus", "delivered"), new("MessageStatus", "delivered"),
        new("To", "+15558675310"), new("MessageSid", "SM5a8c4e1f0b2d4c6e8a0b1c2d3e4f5a6b"), new("AccountSid", "AC3a1f1c2c1c2c3c4c5c6c7c8c9cacbccd"),
        new("From", "+15017122661"), new("ApiVersion", "2010-04-01"),
    ];

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_VendorVectors_AreReproduced()
    {
        Assert.Equal(VectorSignature, TwilioWebhookSigner.Sign(VectorToken, VectorUrl, VectorParameters));
        Assert.Equal(VectorSignature, IndependentSignature(VectorToken, VectorUrl + "CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212"));
        Assert.Equal(VectorBodyHash, TwilioWebhookSigner.ComputeBodyHash(Encoding.UTF8.GetBytes(VectorJsonBody)));
        string jsonUrl = TwilioWebhookSigner.AppendBodyHash(VectorUrl, Encoding.UTF8.GetBytes(VectorJsonBody));
        Assert.Equal(VectorUrl + "&bodySHA256=" + VectorBodyHash, jsonUrl);
        Assert.Equal(VectorJsonSignature, TwilioWebhookSigner.SignJson(VectorToken, jsonUrl));
        Assert.True(TwilioWebhookSigner.Verify(VectorToken, VectorSignature, VectorUrl, VectorParameters));
        Assert.False(TwilioWebhookSigner.Verify("54321", VectorSignature, VectorUrl, VectorParameters));
    }

    [Fact]
    public void Signer_SignJsonWithoutBodyHash_Throws()
    {
        Assert.Throws<ArgumentException>(() => TwilioWebhookSigner.SignJson(Token, Hook));
    }

    [Fact]
    public async Task Receive_VendorVectorForm_Verifies()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        byte[] body = Form(VectorParameters);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(VectorUrl), [new(TwilioWebhookSigner.SignatureHeader, VectorSignature)], body));

        // A voice request: not a messaging event, kept raw.
        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal("CA1234567890ABCDE", raw.Raw.GetProperty("CallSid").GetString());
        Assert.Equal(200, result.Response.StatusCode);
    }

    [Fact]
    public async Task Receive_VendorVectorJsonBody_VerifiesUrlAndBodyHash()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        var url = new Uri(VectorUrl + "&bodySHA256=" + VectorBodyHash);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", url, [new(TwilioWebhookSigner.SignatureHeader, VectorJsonSignature)], Encoding.UTF8.GetBytes(VectorJsonBody)));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal(VectorJsonBody, Encoding.UTF8.GetString(raw.RawUtf8.Span));
        Assert.True(raw.Raw.GetProperty("boolean").GetBoolean());
    }

    [Theory]
    [InlineData("""{"property": "value", "boolean": false}""")]
    [InlineData("""{"property": "value", "boolean": true} """)]
    [InlineData("{\"property\": \"value\", \"boolean\": true}\r\n")]
    public async Task Receive_JsonBodyChangedUnderSignedUrl_IsInvalidSignature(string body)
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        var url = new Uri(VectorUrl + "&bodySHA256=" + VectorBodyHash);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", url, [new(TwilioWebhookSigner.SignatureHeader, VectorJsonSignature)], Encoding.UTF8.GetBytes(body))));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
        Assert.Contains("bodySHA256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_JsonBodyHashSwappedInUrl_IsInvalidSignature()
    {
        // A forger who changes the body must change bodySHA256 too, and the URL is what is signed.
        IWebhookReceiver receiver = Receiver(VectorToken);
        byte[] forged = Encoding.UTF8.GetBytes("""{"property": "forged"}""");
        var url = new Uri(TwilioWebhookSigner.AppendBodyHash(VectorUrl, forged));

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", url, [new(TwilioWebhookSigner.SignatureHeader, VectorJsonSignature)], forged)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_JsonStatusCallback_MapsLikeAForm()
    {
        IWebhookReceiver receiver = Receiver(Token);
        byte[] body = Encoding.UTF8.GetBytes("""{"MessageSid":"SM1","MessageStatus":"delivered","To":"+15558675310","ErrorCode":null,"Extra":{"a":[1]}}""");
        string url = TwilioWebhookSigner.AppendBodyHash(Hook, body);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(url), [new(TwilioWebhookSigner.SignatureHeader, TwilioWebhookSigner.SignJson(Token, url))], body));

        var status = Assert.IsType<MessageStatusEvent>(Assert.Single(result.Events));
        Assert.Equal(("SM1:delivered", MessageDeliveryStatus.Delivered, "+15558675310"), (status.Id, status.Status, status.To));
        Assert.Null(status.ErrorCode);
        Assert.True(body.AsSpan().SequenceEqual(status.RawUtf8.Span));
    }

    [Fact]
    public async Task Receive_JsonArrayBody_IsOneRawEvent()
    {
        IWebhookReceiver receiver = Receiver(Token);
        byte[] body = Encoding.UTF8.GetBytes("""[{"specversion":"1.0","type":"com.twilio.messaging.message.delivered","id":"EZ1"}]""");
        string url = TwilioWebhookSigner.AppendBodyHash(Hook, body);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(url), [new(TwilioWebhookSigner.SignatureHeader, TwilioWebhookSigner.SignJson(Token, url))], body));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.StartsWith("sha256:", raw.Id, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, raw.Raw.ValueKind);
    }

    [Theory]
    [InlineData("https://hooks.example.com:443/webhooks/twilio", "https://hooks.example.com/webhooks/twilio")]
    [InlineData("https://hooks.example.com/webhooks/twilio", "https://hooks.example.com:443/webhooks/twilio")]
    [InlineData("http://hooks.example.com:80/webhooks/twilio?x=1", "http://hooks.example.com/webhooks/twilio?x=1")]
    [InlineData("http://hooks.example.com/webhooks/twilio?x=1", "http://hooks.example.com:80/webhooks/twilio?x=1")]
    [InlineData("https://hooks.example.com:81/webhooks/twilio", "https://hooks.example.com:81/webhooks/twilio")]
    [InlineData("https://hooks.example.com/webhooks/twilio", "https://hooks.example.com:8443/webhooks/twilio")]
    [InlineData("https://[2001:db8::1]/webhooks/twilio", "https://[2001:db8::1]:443/webhooks/twilio")]
    [InlineData("https://hooks.example.com/caf%C3%A9/%7Euser?name=Ada%20L&x=%41", "https://hooks.example.com/caf%C3%A9/%7Euser?name=Ada%20L&x=%41")]
    [InlineData("https://hooks.example.com/caf%C3%A9/~user?name=Ada%20L&x=A", "https://hooks.example.com/caf%C3%A9/%7Euser?name=Ada%20L&x=%41")]
    [InlineData("https://hooks.example.com/webhooks/twilio#rc=5&rp=all", "https://hooks.example.com:443/webhooks/twilio#rc=5&rp=all")]
    public async Task Receive_UrlFormTwilioSigned_Verifies(string signedUrl, string receivedUrl)
    {
        IWebhookReceiver receiver = Receiver(Token);
        byte[] body = Form(Delivered);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(receivedUrl), TwilioWebhookSigner.CreateHeaders(Token, signedUrl, Delivered), body));

        Assert.IsType<MessageStatusEvent>(Assert.Single(result.Events));
    }

    [Theory]
    [InlineData("https://hooks.example.com:8443/webhooks/twilio", "https://hooks.example.com:9443/webhooks/twilio")]
    [InlineData("https://hooks.example.com/webhooks/twilio", "http://hooks.example.com/webhooks/twilio")]
    [InlineData("https://hooks.example.com/webhooks/twilio", "https://hooks.example.com/webhooks/twilio/")]
    [InlineData("https://hooks.example.com/webhooks/twilio?x=1", "https://hooks.example.com/webhooks/twilio?x=2")]
    [InlineData("https://hooks.example.com/%7euser", "https://hooks.example.com/%7Euser")]
    [InlineData("https://internal.proxy.local/webhooks/twilio", "https://hooks.example.com/webhooks/twilio")]
    public async Task Receive_UrlOtherThanSigned_IsInvalidSignature(string signedUrl, string receivedUrl)
    {
        IWebhookReceiver receiver = Receiver(Token);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(receivedUrl), TwilioWebhookSigner.CreateHeaders(Token, signedUrl, Delivered), Form(Delivered))));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_RepeatedKeys_AcceptsEachValueSortedAndTheVendorsDedupedForm()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        KeyValuePair<string, string>[] repeated = [new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"), new("Digits", "1234")];
        byte[] body = Form(repeated);
        var url = new Uri(VectorUrl);

        // Twilio's SDK vector drops the repeated identical pair; the rule as written keeps it. Both verify.
        await receiver.ReceiveAsync(new WebhookRequest("POST", url, [new(TwilioWebhookSigner.SignatureHeader, VectorDuplicateSignature)], body));
        string everyValue = IndependentSignature(VectorToken, VectorUrl + "Digits1234Digits1234Digits5678SidCA123SidAccountAC123");
        Assert.Equal(everyValue, TwilioWebhookSigner.Sign(VectorToken, VectorUrl, repeated));
        await receiver.ReceiveAsync(new WebhookRequest("POST", url, [new(TwilioWebhookSigner.SignatureHeader, everyValue)], body));

        // Values in arrival order instead of sorted: not Twilio's rule.
        string arrivalOrder = IndependentSignature(VectorToken, VectorUrl + "Digits5678Digits1234Digits1234SidCA123SidAccountAC123");
        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", url, [new(TwilioWebhookSigner.SignatureHeader, arrivalOrder)], body)));
        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_FieldsInAnotherOrderAndEncoding_VerifiesOnDecodedValues()
    {
        IWebhookReceiver receiver = Receiver(Token);
        KeyValuePair<string, string>[] fields = [new("Body", "Café & crème + 50% off"), new("MessageSid", "SM1"), new("From", "+15558675310"), new("To", "+15017122661")];
        // Spaces as %20 rather than '+', and the fields reversed: the signature covers decoded, sorted values.
        byte[] body = Encoding.UTF8.GetBytes(string.Join('&', fields.Reverse().Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), TwilioWebhookSigner.CreateHeaders(Token, Hook, fields), body));

        Assert.Equal("Café & crème + 50% off", Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events)).Text);
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("appended-crlf")]
    [InlineData("removed-last-byte")]
    [InlineData("added-field")]
    public async Task Receive_BodyChangedAfterSigning_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(Token);
        byte[] body = Form(Delivered);
        byte[] changed = change switch
        {
            "byte" => Flip(body, 40),
            "appended-crlf" => [.. body, (byte)'\r', (byte)'\n'],
            "removed-last-byte" => body[..^1],
            _ => [.. body, .. "&ErrorCode=30003"u8],
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), TwilioWebhookSigner.CreateHeaders(Token, Hook, Delivered), changed)));

        Assert.Equal((WebhookRejectionReason.InvalidSignature, 401), (ex.Reason, ex.StatusCode));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("not-base64")]
    [InlineData("truncated")]
    [InlineData("two-headers")]
    public async Task Receive_BadSignature_IsInvalidNeverAnException(string kind)
    {
        IWebhookReceiver receiver = Receiver(Token);
        string good = TwilioWebhookSigner.Sign(Token, Hook, Delivered);
        string signature = kind switch
        {
            "flip" => Convert.ToBase64String(Flip(Convert.FromBase64String(good), 7)),
            "not-base64" => "%%% not base64 %%%",
            "truncated" => good[..12],
            _ => good + "," + good,
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), [new(TwilioWebhookSigner.SignatureHeader, signature)], Form(Delivered))));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_MissingOrEmptySignatureHeader_NamesIt()
    {
        IWebhookReceiver receiver = Receiver(Token);

        var missing = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), [], Form(Delivered))));
        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), [new(TwilioWebhookSigner.SignatureHeader, "")], Form(Delivered))));

        Assert.Equal(WebhookRejectionReason.MissingHeader, missing.Reason);
        Assert.Equal(WebhookRejectionReason.MissingHeader, empty.Reason);
        Assert.Contains(TwilioWebhookSigner.SignatureHeader, missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_SignedWithAnotherToken_IsInvalidAndNamesNoToken()
    {
        IWebhookReceiver receiver = Receiver(Token);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Delivered, token: "another-token-entirely")));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Diagnostic);
    }

    [Fact]
    public async Task Receive_WebhookTokenOverride_ReplacesTheAccountToken()
    {
        const string SubaccountToken = "fedcba9876543210fedcba9876543210";
        IWebhookReceiver receiver = Receiver(Token, o => o.AuthToken = SubaccountToken);

        await receiver.ReceiveAsync(Signed(Delivered, token: SubaccountToken));
        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Delivered, token: Token)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_WithoutAnyToken_FailsClosedNamingTheSetting()
    {
        // AddTwilio refuses to start without AuthToken; the receiver still fails closed if built without one.
        var options = new TwilioOptions { AccountSid = "AC" + new string('0', 32) };
        var receiver = new TwilioWebhookReceiver(new MartechProviderMetadata("Twilio", "Twilio"), options, "Martech:Twilio", _clock);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Delivered)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Twilio:Webhooks:AuthToken", ex.Message, StringComparison.Ordinal);
        Assert.False(options.Webhooks.IsConfigured);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(Token, o => o.MaxBodyBytes = 1024);
        KeyValuePair<string, string>[] large = [.. Delivered, new("Body", new string('x', 1100))];

        // An empty form is signed over the URL alone: authentic, but it says nothing.
        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed([])));
        var oversized = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(large)));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (empty.Reason, empty.StatusCode));
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (oversized.Reason, oversized.StatusCode));
    }

    [Fact]
    public async Task Receive_FormThatIsNotUtf8_IsMalformed()
    {
        IWebhookReceiver receiver = Receiver(Token);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), TwilioWebhookSigner.CreateHeaders(Token, Hook, Delivered), "Body=%FF%FE"u8.ToArray())));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Fact]
    public async Task Receive_GetWithQueryParameters_SignsTheWholeUrlAndAnswersTwiml()
    {
        IWebhookReceiver receiver = Receiver(Token);
        string url = Hook + "?MessageSid=SM42&SmsStatus=received&Body=Hi%20there&From=%2B15558675310&To=%2B15017122661";

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("GET", new Uri(url), TwilioWebhookSigner.CreateHeaders(Token, url), ReadOnlyMemory<byte>.Empty));
        var tampered = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("GET", new Uri(url.Replace("Hi", "Yo", StringComparison.Ordinal)), TwilioWebhookSigner.CreateHeaders(Token, url), ReadOnlyMemory<byte>.Empty)));

        var message = Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events));
        Assert.Equal(("SM42", "Hi there"), (message.Id, message.Text));
        Assert.Equal("text/xml", result.Response.ContentType);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, tampered.Reason);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Receive_OtherMethod_Is405(string method)
    {
        IWebhookReceiver receiver = Receiver(Token);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest(method, new Uri(Hook), TwilioWebhookSigner.CreateHeaders(Token, Hook, Delivered), Form(Delivered))));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_ShowsEveryUrlFormAndSortedParametersButNoToken()
    {
        IWebhookReceiver receiver = Receiver(Token, o => o.IncludeDiagnostics = true);
        const string Received = "https://hooks.example.com:443/webhooks/twilio?a=%7E";

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Received), TwilioWebhookSigner.CreateHeaders("wrong", Received, Delivered), Form(Delivered))));

        Assert.NotNull(ex.Diagnostic);
        Assert.Contains(Received, ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("https://hooks.example.com/webhooks/twilio?a=%7E", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("https://hooks.example.com/webhooks/twilio?a=~", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("https://hooks.example.com:443/webhooks/twilio?a=~", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("AccountSidAC3a1f1c2c1c2c3c4c5c6c7c8c9cacbccdApiVersion2010-04-01From+15017122661MessageSid", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("SHA-256", ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_JsonDiagnosticsOn_ShowsBothHashes()
    {
        IWebhookReceiver receiver = Receiver(VectorToken, o => o.IncludeDiagnostics = true);
        var url = new Uri(VectorUrl + "&bodySHA256=" + VectorBodyHash);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", url, [new(TwilioWebhookSigner.SignatureHeader, VectorJsonSignature)], "{}"u8.ToArray())));

        Assert.Contains(VectorBodyHash, ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains(TwilioWebhookSigner.ComputeBodyHash("{}"u8), ex.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_ClockFarAhead_IsStillAccepted()
    {
        // Twilio signs no timestamp: the tolerances do not apply, and redeliveries are recognised by their ids.
        IWebhookReceiver receiver = Receiver(Token, o => o.PastTolerance = TimeSpan.FromSeconds(1));
        _clock.SetUtcNow(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(Delivered));

        Assert.Equal(_clock.GetUtcNow(), Assert.Single(result.Events).OccurredAt);
    }

    [Fact]
    public void Options_ZeroToleranceAndBadOverride_FailValidationNamingThePath()
    {
        var options = new TwilioOptions
        {
            AccountSid = "AC" + new string('0', 32),
            AuthToken = Token,
            From = "+15017122661",
            Webhooks = { PastTolerance = TimeSpan.Zero, AuthToken = "two\nlines" },
        };

        var problems = options.Validate("Martech:Twilio").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Twilio:Webhooks:PastTolerance", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Twilio:Webhooks:AuthToken", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("two\nlines", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_AssignedWebhooks_StillFallBackToTheAccountToken()
    {
        var options = new TwilioOptions { AuthToken = Token, Webhooks = new TwilioWebhookOptions() };

        Assert.True(options.Webhooks.IsConfigured);
        Assert.Equal("TwilioWebhookOptions (settings not shown)", options.Webhooks.ToString());
    }

    [Fact]
    public void AddTwilio_RegistersTheReceiverWithItsOptions()
    {
        IWebhookReceiver receiver = Receiver(Token, o => o.Path = "sms/twilio");

        var options = Assert.IsType<TwilioWebhookOptions>(receiver.GetService(typeof(MartechWebhookOptions)));
        Assert.Equal("sms/twilio", options.Path);
        Assert.True(options.IsConfigured);
    }

    [Fact]
    public async Task AddTwilio_BoundFromConfiguration_VerifiesWithTheWebhookTokenOverride()
    {
        const string SubaccountToken = "fedcba9876543210fedcba9876543210";
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Twilio:AccountSid"] = "AC3a1f1c2c1c2c3c4c5c6c7c8c9cacbccd",
            ["Martech:Twilio:AuthToken"] = Token,
            ["Martech:Twilio:From"] = "+15017122661",
            ["Martech:Twilio:Webhooks:AuthToken"] = SubaccountToken,
            ["Martech:Twilio:Webhooks:Path"] = "sms/inbound",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddTwilio();
        using ServiceProvider provider = services.BuildServiceProvider();
        IWebhookReceiver receiver = provider.GetRequiredKeyedService<IWebhookReceiver>("Twilio");

        await receiver.ReceiveAsync(Signed(Delivered, token: SubaccountToken));

        Assert.Equal("sms/inbound", ((MartechWebhookOptions)receiver.GetService(typeof(MartechWebhookOptions))!).Path);
    }

    [Fact]
    public async Task Receive_RecordedCallbacks_MapEveryKind()
    {
        IWebhookReceiver receiver = Receiver(Token);
        var results = new Dictionary<string, WebhookReceiveResult>();
        foreach (var (name, body) in Recorded())
        {
            results[name] = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), TwilioWebhookSigner.CreateHeaders(Token, Hook, WebhookForm.Parse(body)), body));
        }

        Assert.Equal(11, results.Count);
        MessageStatusEvent Status(string name) => Assert.IsType<MessageStatusEvent>(Assert.Single(results[name].Events));
        MessageReceivedEvent Received(string name) => Assert.IsType<MessageReceivedEvent>(Assert.Single(results[name].Events));

        foreach (string name in (string[])["queued", "sent", "delivered"])
        {
            MessageStatusEvent status = Status(name);
            Assert.Equal(("SM5a8c4e1f0b2d4c6e8a0b1c2d3e4f5a6b:" + name, "SM5a8c4e1f0b2d4c6e8a0b1c2d3e4f5a6b"), (status.Id, status.MessageId));
            Assert.Equal(MessageDeliveryStatus.Create(name), status.Status);
            Assert.Equal(("+15558675310", "+15558675310"), (status.To, status.Phone));
            Assert.Equal(("Twilio", _clock.GetUtcNow()), (status.Provider, status.OccurredAt));
            Assert.Equal(WebhookResponse.Ok, results[name].Response);
        }

        Assert.Equal(MessageDeliveryStatus.Delivered, Status("delivered").Status);
        Assert.Equal("2612071423", Status("delivered").Raw.GetProperty("RawDlrDoneDate").GetString());
        var undelivered = Status("undelivered");
        Assert.Equal((MessageDeliveryStatus.Undelivered, "30003", "+15558675399"), (undelivered.Status, undelivered.ErrorCode, undelivered.Phone));
        var failed = Status("failed");
        Assert.Equal((MessageDeliveryStatus.Failed, "30008", "Unknown error"), (failed.Status, failed.ErrorCode, failed.ErrorMessage));
        var read = Status("whatsapp-read");
        Assert.Equal((MessageDeliveryStatus.Read, "whatsapp:+15558675312"), (read.Status, read.Phone));

        var sms = Received("inbound-sms");
        Assert.Equal(("SM0e2a8c5d4f6b8d0f2b4d5e6f7a8b9ca3", "SM0e2a8c5d4f6b8d0f2b4d5e6f7a8b9ca3"), (sms.Id, sms.MessageId));
        Assert.Equal(MessageDestination.Phone(PhoneNumber.Parse("+15017122661")), sms.Conversation);
        Assert.Equal(("+15558675310", "+15558675310", "Yes, call me at 3pm 👍"), (sms.From, sms.Phone, sms.Text));
        Assert.Equal(TwilioWebhookReceiver.EmptyTwiml, results["inbound-sms"].Response.Body);
        Assert.Equal(("text/xml", 200), (results["inbound-sms"].Response.ContentType, results["inbound-sms"].Response.StatusCode));
        Assert.Equal("SAN FRANCISCO", sms.Raw.GetProperty("FromCity").GetString());

        var mms = Received("inbound-mms");
        Assert.Equal(string.Empty, mms.Text);
        Assert.StartsWith("https://api.twilio.com/", mms.Raw.GetProperty("MediaUrl0").GetString(), StringComparison.Ordinal);

        var whatsApp = Received("inbound-whatsapp");
        Assert.Equal(MessageDestination.Channel("whatsapp:+14155238886"), whatsApp.Conversation);
        Assert.Equal(("whatsapp:+15558675312", "Hola, ¿hay demo mañana?"), (whatsApp.From, whatsApp.Text));

        var shortCode = Received("inbound-shortcode");
        Assert.Equal((MessageDestinationKind.Channel, "89898", "STOP"), (shortCode.Conversation.Kind, shortCode.Conversation.Id, shortCode.Text));

        var call = Assert.IsType<RawEvent>(Assert.Single(results["voice-call"].Events));
        Assert.Equal(("CA4c6e2a9b8d0f2b4d6f8b9cadbecfde07:ringing", "ringing"), (call.Id, call.VendorEventType));
        Assert.Equal(WebhookResponse.Ok, results["voice-call"].Response);

        // Every event round-trips through the event serializer with its raw payload.
        foreach (MartechEvent e in results.Values.SelectMany(r => r.Events))
        {
            MartechEvent copy = MartechEventSerializer.Deserialize(MartechEventSerializer.SerializeToUtf8Bytes(e));
            Assert.Equal(e.Id, copy.Id);
            Assert.True(JsonElement.DeepEquals(e.Raw, copy.Raw), e.Id);
        }
    }

    [Fact]
    public async Task Receive_SameStatusRedelivered_HasTheSameIdAndTheNextStatusAnother()
    {
        IWebhookReceiver receiver = Receiver(Token);
        KeyValuePair<string, string>[] sent = [.. Delivered.Select(f => f.Value == "delivered" ? new KeyValuePair<string, string>(f.Key, "sent") : f)];

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(Delivered))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed(Delivered))).Events);
        MartechEvent earlier = Assert.Single((await receiver.ReceiveAsync(Signed(sent))).Events);

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, earlier.Id);
    }

    [Theory]
    [InlineData("MessageSid=SM1&MessageStatus=received&Body=hi&From=%2B15558675310&To=%2B15017122661", typeof(MessageReceivedEvent))]
    [InlineData("MessageSid=SM1&Body=hi&From=%2B15558675310", typeof(RawEvent))]
    [InlineData("MessageSid=SM1&Body=hi&From=%2B15558675310&To=%20", typeof(RawEvent))]
    [InlineData("MessageStatus=delivered&To=%2B15558675310", typeof(RawEvent))]
    [InlineData("MessageSid=SM1&MessageStatus=%20", typeof(RawEvent))]
    [InlineData("SmsSid=SM1&SmsStatus=sent", typeof(MessageStatusEvent))]
    [InlineData("EventType=onMessageAdded&ConversationSid=CH1&Body=hi", typeof(RawEvent))]
    public async Task Receive_IncompleteOrOtherParameters_MapWithoutFailing(string form, Type expected)
    {
        IWebhookReceiver receiver = Receiver(Token);
        byte[] body = Encoding.UTF8.GetBytes(form);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Hook), TwilioWebhookSigner.CreateHeaders(Token, Hook, WebhookForm.Parse(body)), body));

        Assert.IsType(expected, Assert.Single(result.Events));
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(Token);
        byte[][] seeds = [.. Recorded().Select(r => r.Body)];

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(
            receiver,
            seeds,
            payload =>
            {
                // Signed the way Twilio would sign whatever parameters the payload decodes to; a payload that is not a
                // UTF-8 form gets a JSON-body URL so the hash path and the JSON reader are fuzzed too.
                try
                {
                    return new WebhookRequest("POST", new Uri(Hook), TwilioWebhookSigner.CreateHeaders(Token, Hook, WebhookForm.Parse(payload)), payload);
                }
                catch (FormatException)
                {
                    string url = TwilioWebhookSigner.AppendBodyHash(Hook, payload);
                    return new WebhookRequest("POST", new Uri(url), [new(TwilioWebhookSigner.SignatureHeader, TwilioWebhookSigner.SignJson(Token, url))], payload);
                }
            },
            WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_JsonBodies_SeeOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(Token);
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes("""{"MessageSid":"SM1","MessageStatus":"delivered","To":"+15558675310","n":1.5,"o":{"a":[1]},"t":true}"""),
            Encoding.UTF8.GetBytes("""{"MessageSid":"SM2","Body":"hi \ud83d\udc4d","From":"whatsapp:+15558675310","To":"whatsapp:+14155238886"}"""),
            Encoding.UTF8.GetBytes("""[{"type":"com.twilio.messaging.message.delivered","data":{"messageSid":"SM3"}}]"""),
        ];

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(
            receiver,
            seeds,
            payload =>
            {
                string url = TwilioWebhookSigner.AppendBodyHash(Hook, payload);
                return new WebhookRequest("POST", new Uri(url), [new(TwilioWebhookSigner.SignatureHeader, TwilioWebhookSigner.SignJson(Token, url))], payload);
            },
            WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static IEnumerable<(string Name, byte[] Body)> Recorded() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Twilio", "Webhooks", "callbacks.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => (line[..line.IndexOf(' ', StringComparison.Ordinal)], Encoding.UTF8.GetBytes(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..])));

    /// <summary>HMAC-SHA1 computed here, apart from the signer, over text written out by hand.</summary>
#pragma warning disable CA5350 // Twilio's scheme.
    private static string IndependentSignature(string token, string data) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350

    private static byte[] Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value).Replace("%20", "+", StringComparison.Ordinal)}")));

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = [.. bytes];
        copy[index % copy.Length] ^= 0x01;
        return copy;
    }

    private static WebhookRequest Signed(KeyValuePair<string, string>[] fields, string token = Token) =>
        new("POST", new Uri(Hook), TwilioWebhookSigner.CreateHeaders(token, Hook, fields), Form(fields));

    private IWebhookReceiver Receiver(string authToken, Action<TwilioWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddTwilio(configure: o =>
        {
            o.AccountSid = "AC3a1f1c2c1c2c3c4c5c6c7c8c9cacbccd";
            o.AuthToken = authToken;
            o.From = "+15017122661";
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Twilio");
    }
}
