using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.ConsentCosts;

/// <summary>
/// What consent costs in vendor requests, counted by the emulators over real sockets: SendGrid sends marketing email
/// with <c>UseConsent()</c>, consent is read from HubSpot. Without the suppression cache every recipient costs SendGrid's
/// six suppression look-ups; with it, the whole list is read once. Contacts are read in HubSpot batches of 100 either way.
/// The figures are the ones docs/consent.md states.
/// </summary>
public sealed class ConsentRequestCountTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Recipients = 1000;
    private readonly SendGridEmulator _sendGrid = new() { ApiKey = "SG.count" };
    private readonly HubSpotEmulator _hubSpot = new();

    public async Task InitializeAsync()
    {
        await _sendGrid.StartAsync();
        await _hubSpot.StartAsync();
        for (int i = 0; i < 5; i++)
        {
            _sendGrid.AddBounce($"bounced{i}@example.com");
        }

        await using ServiceProvider seed = Build(cache: false);
        Contact[] contacts = [.. Enumerable.Range(0, Recipients).Select(i => new Contact { Email = EmailAddress.Parse($"reader{i}@example.com"), EmailConsent = Consent.Granted("form") })];
        BulkResult<Contact> upserted = await seed.GetRequiredService<IContactClient>().UpsertManyAsync(contacts);
        Assert.Equal(Recipients, upserted.Items.Count(i => i.Status is BulkItemStatus.Created or BulkItemStatus.Updated));
    }

    public async Task DisposeAsync()
    {
        await _sendGrid.DisposeAsync();
        await _hubSpot.DisposeAsync();
    }

    public void Dispose()
    {
        // The emulators are released in DisposeAsync.
    }

    [Theory]
    [InlineData(false, 1, 6, 1, 1)]
    [InlineData(true, 1, 6, 1, 1)]
    [InlineData(false, Recipients, 6000, 10, 1)]
    [InlineData(true, Recipients, 6, 10, 1)]
    public async Task MarketingSend_CostsTheseRequests(bool cache, int messages, int suppressionRequests, int crmRequests, int mailSends)
    {
        await using ServiceProvider services = Build(cache);
        IEmailSender email = services.GetRequiredService<IEmailSender>();
        _sendGrid.RequestLog.Clear();
        _hubSpot.RequestLog.Clear();

        if (messages == 1)
        {
            EmailSendResult result = await email.SendAsync(Marketing(0));
            Assert.Equal(SendStatus.Accepted, result.Status);
        }
        else
        {
            BulkResult<EmailSendResult> result = await email.SendManyAsync([.. Enumerable.Range(0, messages).Select(Marketing)]);
            Assert.Equal(messages, result.Items.Count(i => i.Status == BulkItemStatus.Succeeded));
        }

        int suppressions = _sendGrid.RequestLog.Requests.Count(r => r.Method == "GET");
        int sends = _sendGrid.RequestLog.Requests.Count(r => r.Path == "/v3/mail/send");
        int crm = _hubSpot.RequestLog.Requests.Count;
        output.WriteLine($"cache={cache} messages={messages}: SendGrid suppression requests {suppressions}, HubSpot requests {crm}, mail sends {sends}");
        Assert.Equal((suppressionRequests, crmRequests, mailSends), (suppressions, crm, sends));
    }

    [Fact]
    public async Task WithTheCache_AFurtherSendCostsNoSuppressionRequest()
    {
        await using ServiceProvider services = Build(cache: true);
        IEmailSender email = services.GetRequiredService<IEmailSender>();
        await email.SendAsync(Marketing(0));
        _sendGrid.RequestLog.Clear();
        _hubSpot.RequestLog.Clear();

        EmailSendResult second = await email.SendAsync(Marketing(1));

        Assert.Equal(SendStatus.Accepted, second.Status);
        Assert.Equal(0, _sendGrid.RequestLog.Requests.Count(r => r.Method == "GET"));
        Assert.Single(_hubSpot.RequestLog.Requests);
    }

    private static EmailMessage Marketing(int i)
    {
        var message = new EmailMessage { From = EmailAddress.Parse("news@brand.example"), Subject = "Spring", TextBody = "Hello", Purpose = SendPurpose.Marketing };
        message.To.Add(EmailAddress.Parse($"reader{i}@example.com"));
        return message;
    }

    private ServiceProvider Build(bool cache)
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddHubSpot(configure: o => { o.AccessToken = HubSpotEmulator.DefaultAccessToken; o.BaseAddress = _hubSpot.BaseAddress; o.RateLimitPermits = 10_000; });
        MartechProviderBuilder sendGrid = martech.AddSendGrid(configure: o => { o.ApiKey = "SG.count"; o.BaseAddress = _sendGrid.BaseAddress; });
        if (cache)
        {
            sendGrid.UseSuppressionCache();
        }

        sendGrid.UseConsent();
        return services.BuildServiceProvider();
    }
}
