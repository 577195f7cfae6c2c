using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Martech.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Martech.Sdk.IntegrationTests.Webhooks;

/// <summary>The loop closed over real sockets: a send through the emulator or the in-memory provider comes back as
/// signed webhooks to MapMartechWebhooks endpoints and reaches handlers typed, verified and deduplicated.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime, IDisposable
{
    private static readonly string Secret = StandardWebhookSigner.GenerateSecret();
    private readonly HttpClient _http = new();
    private readonly List<IAsyncDisposable> _disposables = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendGridEmulator_RedeliveredOutOfOrder_ArrivesTypedVerifiedAndOnce()
    {
        var sendGrid = new SendGridEmulator { ApiKey = "SG.test" };
        _disposables.Add(sendGrid);
        await sendGrid.StartAsync();
        WebhookTestApp app = await StartAsync(m => m.AddSendGrid(configure: o =>
        {
            o.ApiKey = "SG.test";
            o.BaseAddress = sendGrid.BaseAddress;
            o.Webhooks.PublicKey = sendGrid.WebhookPublicKey;
        }));
        sendGrid.Webhooks.Url = app.Url("webhooks/sendgrid");
        sendGrid.Webhooks.Redeliveries = 1;
        sendGrid.Webhooks.OutOfOrder = true;
        sendGrid.Webhooks.BounceAddresses.Add("bounce@example.com");
        sendGrid.Webhooks.MachineOpenAddresses.Add("apple@example.com");

        var message = new EmailMessage { From = EmailAddress.Parse("news@brand.example"), Subject = "Spring", HtmlBody = "<a href=\"https://brand.example/spring?utm_campaign=spring\">Shop</a>", CampaignId = "cmp_spring", Purpose = SendPurpose.Transactional };
        message.Tags.Add("spring");
        foreach (string to in (string[])["ada@example.com", "apple@example.com", "bounce@example.com"])
        {
            message.To.Add(EmailAddress.Parse(to));
        }

        await app.Services.GetRequiredService<IEmailSender>().SendAsync(message);
        await sendGrid.WhenWebhooksIdleAsync(TimeSpan.FromSeconds(20));
        IReadOnlyList<MartechEvent> events = await app.Events.WaitForAsync(9);
        await Task.Delay(300);

        Assert.Equal(18, sendGrid.WebhookDeliveries.Count);
        Assert.All(sendGrid.WebhookDeliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(9, app.Events.All.Count);
        Assert.Equal(9, events.Select(e => e.Id).Distinct().Count());
        var email = events.Cast<EmailEvent>().ToList();
        Assert.All(email, e => Assert.Equal(("SendGrid", "cmp_spring", "spring"), (e.Provider, e.CampaignId, e.Tags.Single())));
        Assert.Equal(
            ["ada@example.com:clicked", "ada@example.com:delivered", "ada@example.com:opened", "ada@example.com:processed",
             "apple@example.com:delivered", "apple@example.com:opened", "apple@example.com:processed",
             "bounce@example.com:bounced", "bounce@example.com:processed"],
            email.Select(e => $"{e.Recipient}:{e.Type}").Order(StringComparer.Ordinal));
        Assert.Equal(new Uri("https://brand.example/spring?utm_campaign=spring"), email.Single(e => e.Type == EmailEventType.Clicked).Url);
        Assert.Equal(EngagementSource.AppleMailPrivacyProtection, email.Single(e => e.Type == EmailEventType.Opened && e.Recipient.Value == "apple@example.com").Source);
        Assert.Equal(EmailBounceKind.Hard, email.Single(e => e.Type == EmailEventType.Bounced).BounceKind);
        Assert.Equal(sendGrid.Messages[0].MessageId, email[0].MessageId);
        WebhookEndpointStatus status = app.Inbox.GetStatus("SendGrid");
        Assert.Equal((18, 0), (status.Accepted, status.Rejected));
    }

    [Fact]
    public async Task InMemoryProvider_CallsBackForEmailAndSms_OnTheEmbeddedDefault()
    {
        WebhookTestApp app = await StartAsync(m => m.AddInMemory(configure: o =>
        {
            o.Webhooks.Secret = Secret;
            o.Webhooks.Callback.Redeliveries = 2;
            o.Webhooks.Callback.Clicks = false;
            o.Webhooks.Callback.UndeliveredNumbers.Add("+14155550199");
        }));
        var callbacks = app.Services.GetRequiredKeyedService<InMemoryWebhookCallbacks>("InMemory");
        callbacks.Options.Url = app.Url("webhooks/inmemory");

        var email = new EmailMessage { From = EmailAddress.Parse("a@brand.example"), Subject = "Hi", TextBody = "Hi", CampaignId = "c1", Purpose = SendPurpose.Transactional };
        email.To.Add(EmailAddress.Parse("grace@example.com"));
        await app.Services.GetRequiredService<IEmailSender>().SendAsync(email);
        await app.Services.GetRequiredService<IMessageSender>().SendAsync(new OutgoingMessage { Destination = MessageDestination.Phone(PhoneNumber.Parse("+14155550199")), Text = "Hi" });
        await callbacks.WhenIdleAsync(TimeSpan.FromSeconds(20));
        IReadOnlyList<MartechEvent> events = await app.Events.WaitForAsync(6);
        await Task.Delay(300);

        Assert.Equal(18, callbacks.Deliveries.Count(d => d.StatusCode == 200));
        Assert.Equal(6, app.Events.All.Count);
        Assert.Equal(["delivered", "opened", "processed"], events.OfType<EmailEvent>().Select(e => e.Type.Value).Order());
        Assert.All(events.OfType<EmailEvent>(), e => Assert.Equal("c1", e.CampaignId));
        MessageStatusEvent undelivered = events.OfType<MessageStatusEvent>().Single(e => e.Status == MessageDeliveryStatus.Undelivered);
        Assert.Equal(("30003", "+14155550199"), (undelivered.ErrorCode, undelivered.To));
    }

    [Fact]
    public async Task SlowHandler_NeverDelaysTheVendorsAnswer()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        WebhookTestApp app = await StartAsync(m => m.AddInMemory(configure: o => o.Webhooks.Secret = Secret));
        app.Events.OnEvent = _ => release.Task;

        HttpResponseMessage response = await PostSignedAsync(app, "m1");
        WebhookEventRecord[] leased = await WaitLeasedAsync(app);
        release.SetResult();
        await app.Events.WaitForAsync(1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("InMemory:m1", Assert.Single(leased).Key);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413_WithOrWithoutContentLength()
    {
        WebhookTestApp app = await StartAsync(m => m.AddInMemory(configure: o => { o.Webhooks.Secret = Secret; o.Webhooks.MaxBodyBytes = 2048; }));
        byte[] big = new byte[5000];

        using var declared = new ByteArrayContent(big);
        HttpResponseMessage withLength = await _http.PostAsync(app.Url("webhooks/inmemory"), declared);
        using var chunked = new StreamContent(new MemoryStream(big));
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Url("webhooks/inmemory")) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        HttpResponseMessage withoutLength = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.Empty(app.Events.All);
    }

    [Fact]
    public async Task ForgedRequest_IsAnswered401WithTheReasonOnly_AndHealthDegrades()
    {
        WebhookTestApp app = await StartAsync(
            m => m.AddInMemory(configure: o => o.Webhooks.Secret = Secret),
            services: s => s.AddHealthChecks().AddMartechWebhooks());
        HealthCheckService health = app.Services.GetRequiredService<HealthCheckService>();

        await PostSignedAsync(app, "ok");
        HealthReport healthy = await health.CheckHealthAsync();
        HttpResponseMessage forged = await PostSignedAsync(app, "forged", secret: StandardWebhookSigner.GenerateSecret());
        HealthReport degraded = await health.CheckHealthAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("InvalidSignature", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HealthStatus.Healthy, healthy.Entries["martech-webhooks-inmemory"].Status);
        Assert.Equal(HealthStatus.Degraded, degraded.Entries["martech-webhooks-inmemory"].Status);
        Assert.DoesNotContain(Secret, degraded.Entries["martech-webhooks-inmemory"].Description!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnconfiguredInstance_HealthIsUnhealthy_AndItIsNotMapped()
    {
        WebhookTestApp app = await StartAsync(
            m => { m.AddInMemory("Configured", o => o.Webhooks.Secret = Secret); m.AddInMemory("Bare"); },
            services: s => s.AddHealthChecks().AddMartechWebhooks());

        HealthReport report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        HttpResponseMessage bare = await _http.PostAsync(app.Url("webhooks/bare"), new StringContent("[]"));

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["martech-webhooks-bare"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["martech-webhooks-configured"].Status);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
    }

    [Fact]
    public async Task MapMartechWebhooks_Misconfigured_FailsAtStartNamingTheFix()
    {
        var noInbox = await Assert.ThrowsAsync<InvalidOperationException>(() => StartBareAsync(m => m.AddInMemory(configure: o => o.Webhooks.Secret = Secret), addWebhooks: false));
        var noneConfigured = await Assert.ThrowsAsync<InvalidOperationException>(() => StartBareAsync(m => m.AddInMemory(), addWebhooks: true));
        var namedUnconfigured = await Assert.ThrowsAsync<InvalidOperationException>(() => StartBareAsync(m => m.AddInMemory(), addWebhooks: true, "InMemory"));
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => StartBareAsync(m => m.AddInMemory(), addWebhooks: true, "HubSpot"));

        Assert.Contains("AddWebhooks()", noInbox.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:InMemory:Webhooks:Secret", noneConfigured.Message, StringComparison.Ordinal);
        Assert.Contains("Set Martech:InMemory:Webhooks:Secret", namedUnconfigured.Message, StringComparison.Ordinal);
        Assert.Contains("Instances that do: InMemory", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerThatKeepsFailing_ParksTheEvent_AndReplayHandsItOver()
    {
        bool fail = true;
        WebhookTestApp app = await StartAsync(
            m => m.AddInMemory(configure: o => o.Webhooks.Secret = Secret),
            w => w.Services.Configure<MartechWebhooksOptions>(o => { o.MaxAttempts = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(50); o.MaxRetryDelay = TimeSpan.FromMilliseconds(100); }));
        app.Events.OnEvent = _ => fail ? throw new InvalidOperationException("downstream is down") : Task.CompletedTask;

        await PostSignedAsync(app, "m1");
        WebhookEventRecord parked = await WaitParkedAsync(app);
        fail = false;
        Assert.True(await app.Inbox.ReplayAsync(parked.Key));
        await app.Events.WaitForAsync(1);

        Assert.Equal((2, "InvalidOperationException: downstream is down"), (parked.Attempts, parked.LastError));
    }

    [Theory]
    [InlineData(null, false, "http://internal:8080/webhooks/x?a=%2Fb&c=1", "http://internal:8080/webhooks/x?a=%2Fb&c=1")]
    [InlineData("https://hooks.example.com/", false, "http://internal:8080/webhooks/x?a=%2Fb", "https://hooks.example.com/webhooks/x?a=%2Fb")]
    [InlineData("https://hooks.example.com/app/", false, "http://internal:8080/webhooks/x", "https://hooks.example.com/app/webhooks/x")]
    [InlineData(null, true, "http://internal:8080/webhooks/x?q=1", "https://public.example:8443/prefix/webhooks/x?q=1")]
    public void PublicUrl_IsRebuiltAsTheVendorCalledIt(string? publicBase, bool trustForwarded, string seen, string expected)
    {
        var seenUrl = new Uri(seen);
        var context = new DefaultHttpContext();
        context.Request.Scheme = seenUrl.Scheme;
        context.Request.Host = new HostString(seenUrl.Authority);
        context.Request.Path = PathString.FromUriComponent(seenUrl.AbsolutePath);
        context.Request.QueryString = QueryString.FromUriComponent(seenUrl.Query);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = seenUrl.PathAndQuery;
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-Host"] = "public.example";
        context.Request.Headers["X-Forwarded-Port"] = "8443";
        context.Request.Headers["X-Forwarded-Prefix"] = "/prefix";

        Uri url = MartechWebhookEndpoints.PublicUrl(context, new MartechWebhooksOptions { PublicBaseUrl = publicBase is null ? null : new Uri(publicBase), TrustForwardedHeaders = trustForwarded });

        Assert.Equal(expected, url.OriginalString);
    }

    [Fact]
    public void PublicUrl_ForwardedHeadersAppendedByTheProxy_TakeTheNearestValue_AndGarbageIsNoUrl()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("internal:8080");
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/webhooks/twilio";
        context.Request.Headers["X-Forwarded-Host"] = "evil.example, hooks.example.com";
        context.Request.Headers["X-Forwarded-Proto"] = "http, https";
        var options = new MartechWebhooksOptions { TrustForwardedHeaders = true };

        Assert.Equal("https://hooks.example.com/webhooks/twilio", MartechWebhookEndpoints.PublicUrl(context, options).OriginalString);
        context.Request.Headers["X-Forwarded-Host"] = "bad host/with space";
        Assert.False(MartechWebhookEndpoints.TryPublicUrl(context, options, out _));
    }

    private async Task<WebhookTestApp> StartAsync(Action<MartechBuilder> providers, Action<MartechWebhooksBuilder>? webhooks = null, Action<IServiceCollection>? services = null)
    {
        WebhookTestApp app = await WebhookTestApp.StartAsync(providers, webhooks, services: services);
        _disposables.Add(app);
        return app;
    }

    private static async Task StartBareAsync(Action<MartechBuilder> providers, bool addWebhooks, params string[] names)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        MartechBuilder martech = builder.Services.AddMartech();
        providers(martech);
        if (addWebhooks)
        {
            martech.AddWebhooks();
        }

        await using WebApplication app = builder.Build();
        app.MapMartechWebhooks(names);
    }

    private async Task<HttpResponseMessage> PostSignedAsync(WebhookTestApp app, string id, string? secret = null)
    {
        var e = new RawEvent { Id = id, Provider = "sender", VendorEventType = "test", RawUtf8 = """{"x":1}"""u8.ToArray() };
        byte[] body = MartechEventSerializer.SerializeToUtf8Bytes([e]);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Url("webhooks/inmemory")) { Content = content };
        foreach (var (name, value) in StandardWebhookSigner.CreateHeaders(secret ?? Secret, id, DateTimeOffset.UtcNow, body))
        {
            request.Headers.Add(name, value);
        }

        return await _http.SendAsync(request);
    }

    private static async Task<WebhookEventRecord[]> WaitLeasedAsync(WebhookTestApp app)
    {
        for (int i = 0; i < 200; i++)
        {
            var leased = new List<WebhookEventRecord>();
            await foreach (WebhookEventRecord r in app.Inbox.Store.ListAsync(WebhookEventState.Leased))
            {
                leased.Add(r);
            }

            if (leased.Count > 0)
            {
                return [.. leased];
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("No event was leased.");
    }

    private static async Task<WebhookEventRecord> WaitParkedAsync(WebhookTestApp app)
    {
        for (int i = 0; i < 400; i++)
        {
            await foreach (WebhookEventRecord r in app.Inbox.ListParkedAsync())
            {
                return r;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("No event was parked.");
    }
}
