using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Webhooks;

/// <summary>The generic Standard Webhooks receiver: the specification's own example, key rotation, and the tamper cases.</summary>
public sealed class StandardWebhooksTests : IDisposable
{
    // The example in the Standard Webhooks specification's reference libraries.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string SpecBody = """{"test": 2432232314}""";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset SpecTime = DateTimeOffset.FromUnixTimeSeconds(1614265330);
    private static readonly Uri Url = new("https://app.example/webhooks/tool");

    private readonly ManualTimeProvider _clock = new(SpecTime.AddSeconds(10));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Sign_SpecificationExample_GivesItsSignature()
    {
        Assert.Equal(SpecSignature, StandardWebhookSigner.Sign(SpecSecret, SpecId, SpecTime, Encoding.UTF8.GetBytes(SpecBody)));
    }

    [Fact]
    public async Task Receive_SpecificationExample_IsARawEventKeyedByWebhookId()
    {
        IWebhookReceiver receiver = Receiver(SpecSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Request(SpecBody, SpecId, "1614265330", SpecSignature));

        var e = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal((SpecId, "Tool", string.Empty), (e.Id, e.Provider, e.VendorEventType));
        Assert.Equal(2432232314, e.Raw.GetProperty("test").GetInt64());
        Assert.Equal(SpecTime, e.OccurredAt);
    }

    [Fact]
    public async Task Receive_TypedPayload_TakesTypeAndTimestamp()
    {
        IWebhookReceiver receiver = Receiver(SpecSecret);
        const string Body = """{"type":"invoice.paid","timestamp":"2021-02-25T15:02:00Z","data":{"id":"in_1"}}""";

        var e = Assert.IsType<RawEvent>(Assert.Single((await receiver.ReceiveAsync(Signed(Body, SpecSecret))).Events));

        Assert.Equal("invoice.paid", e.VendorEventType);
        Assert.Equal(new DateTimeOffset(2021, 2, 25, 15, 2, 0, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public async Task Receive_KeyRotation_AnySignatureAgainstAnySecretPasses()
    {
        string oldSecret = StandardWebhookSigner.GenerateSecret();
        IWebhookReceiver receiver = Receiver(SpecSecret, oldSecret);
        byte[] body = Encoding.UTF8.GetBytes("{}");
        string fromOld = StandardWebhookSigner.Sign(oldSecret, "m1", _clock.GetUtcNow(), body);
        string fromUnknown = StandardWebhookSigner.Sign(StandardWebhookSigner.GenerateSecret(), "m1", _clock.GetUtcNow(), body);
        string timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        await receiver.ReceiveAsync(Request("{}", "m1", timestamp, $"v1a,ignored {fromUnknown} {fromOld}"));
        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request("{}", "m1", timestamp, fromUnknown)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Theory]
    [InlineData("body")]
    [InlineData("id")]
    [InlineData("timestamp")]
    [InlineData("signature")]
    [InlineData("version")]
    public async Task Receive_AnythingSignedChanged_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(SpecSecret);
        string body = SpecBody, id = SpecId, timestamp = "1614265330", signature = SpecSignature;
        switch (change)
        {
            case "body": body = SpecBody.Replace('2', '3'); break;
            case "id": id += "x"; break;
            case "timestamp": timestamp = "1614265331"; break;
            case "signature": signature = "v1," + Convert.ToBase64String(new byte[32]); break;
            default: signature = "v2," + SpecSignature[3..]; break;
        }

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(body, id, timestamp, signature)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Theory]
    [InlineData(StandardWebhookSigner.IdHeader)]
    [InlineData(StandardWebhookSigner.TimestampHeader)]
    [InlineData(StandardWebhookSigner.SignatureHeader)]
    public async Task Receive_MissingHeader_IsRejected(string header)
    {
        IWebhookReceiver receiver = Receiver(SpecSecret);
        var request = Request(SpecBody, SpecId, "1614265330", SpecSignature);
        var without = new WebhookRequest("POST", Url, request.Headers.Where(h => !h.Key.Equals(header, StringComparison.OrdinalIgnoreCase)), request.Body);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(without));

        Assert.Equal(WebhookRejectionReason.MissingHeader, ex.Reason);
    }

    [Fact]
    public async Task Receive_OutsideTolerances_IsRejected_UnlessReplayed()
    {
        IWebhookReceiver receiver = Receiver(SpecSecret);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var stale = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(SpecBody, SpecId, "1614265330", SpecSignature)));
        WebhookRequest request = Request(SpecBody, SpecId, "1614265330", SpecSignature);
        WebhookReceiveResult replayed = await receiver.ReceiveAsync(new WebhookRequest(request.Method, request.Url, request.Headers, request.Body) { IsReplay = true });
        var future = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(SpecBody, SpecSecret, _clock.GetUtcNow().AddMinutes(2))));

        Assert.Equal(WebhookRejectionReason.TimestampTooOld, stale.Reason);
        Assert.Single(replayed.Events);
        Assert.Equal(WebhookRejectionReason.TimestampInFuture, future.Reason);
    }

    [Fact]
    public async Task Receive_NoSecret_FailsClosed()
    {
        // The generic instance refuses to start without a secret; the in-memory one starts and refuses requests.
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory("Tool");
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        IWebhookReceiver receiver = provider.GetRequiredKeyedService<IWebhookReceiver>("Tool");

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(SpecBody, SpecId, "1614265330", SpecSignature)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Tool:Webhooks:Secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_SignedButNotJson_IsMalformed()
    {
        IWebhookReceiver receiver = Receiver(SpecSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("not json", SpecSecret)));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public void Options_InvalidSecretsAndMissingSecret_FailStartupValidation()
    {
        var options = new StandardWebhooksProviderOptions { Webhooks = { Secret = "whsec_tooshort" } };
        options.Webhooks.AdditionalSecrets.Add("nope");

        var problems = options.Validate("Martech:Tool").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Tool:Webhooks:Secret must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Tool:Webhooks:AdditionalSecrets:0", StringComparison.Ordinal));
        Assert.Contains(new StandardWebhooksProviderOptions().Validate("Martech:Tool"), p => p.StartsWith("Martech:Tool:Webhooks:Secret is required", StringComparison.Ordinal));
    }

    private WebhookRequest Signed(string body, string secret, DateTimeOffset? at = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookRequest("POST", Url, StandardWebhookSigner.CreateHeaders(secret, "msg_1", at ?? _clock.GetUtcNow(), bytes), bytes);
    }

    private static WebhookRequest Request(string body, string id, string timestamp, string signature) =>
        new("POST", Url, [new("webhook-id", id), new("webhook-timestamp", timestamp), new("webhook-signature", signature)], Encoding.UTF8.GetBytes(body));

    private IWebhookReceiver Receiver(string? secret, params string[] more)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddStandardWebhooks("Tool", o =>
        {
            o.Webhooks.Secret = secret;
            foreach (string s in more)
            {
                o.Webhooks.AdditionalSecrets.Add(s);
            }
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Tool");
    }
}
