using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Slas;

/// <summary>Vendor SLOs measured from real sends to the SendGrid and Mailgun emulators over loopback, with injected 5xx,
/// 429s and latency: the report's counts are what the emulators saw, the ranking puts the reliable one first, and the
/// missed objective raises one breach.</summary>
public sealed class VendorSloEmulatorTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SendGridKey = "SG.integration-test-key-0123456789";
    private const string MailgunDomain = "mg.example.com";
    private const string MailgunKey = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

    // Disposed in DisposeAsync (IAsyncLifetime).
    private SendGridEmulator SendGrid { get; } = new() { ApiKey = SendGridKey };

    private MailgunEmulator Mailgun { get; } = new(MailgunDomain, MailgunKey);

    public async Task InitializeAsync()
    {
        await SendGrid.StartAsync();
        await Mailgun.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await SendGrid.DisposeAsync();
        await Mailgun.DisposeAsync();
    }

    [Fact]
    public async Task Report_SendsWithInjectedFaults_CountsWhatTheEmulatorsSaw()
    {
        var breaches = new BreachLog();
        var services = new ServiceCollection();
        services.AddSingleton<IVendorSloHandler>(breaches);
        services.AddMartech()
            .AddSendGrid(configure: o =>
            {
                o.ApiKey = SendGridKey;
                o.BaseAddress = SendGrid.BaseAddress;
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
                o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(20);
                o.Resilience.CircuitBreakerEnabled = false;
            })
            .Martech.AddMailgun(configure: o =>
            {
                o.ApiKey = MailgunKey;
                o.Domain = MailgunDomain;
                o.BaseAddress = Mailgun.BaseAddress;
                o.RateLimitPermits = 10_000;
            })
            .Martech.AddVendorSlos(o =>
            {
                o.MinimumRequests = 10;
                o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99.9, LatencyP95 = TimeSpan.FromSeconds(5) };
                o.Providers["Mailgun"] = new VendorSloObjectives { Availability = 99.9 };
            });
        await using ServiceProvider sp = services.BuildServiceProvider();
        IEmailSender sendGrid = sp.GetRequiredKeyedService<IEmailSender>("SendGrid");
        IEmailSender mailgun = sp.GetRequiredKeyedService<IEmailSender>("Mailgun");

        // SendGrid, 30 sends: 3 answered 500 (a send that may have been processed is not retried), 2 answered 429 then
        // retried and accepted, 2 slowed by 300 ms, 1 refused for its recipient (400), 22 plain.
        SendGrid.RejectRecipient("bounce@example.com", "The email address is on a blocklist.");
        int failed = 0, refused = 0;
        for (int i = 0; i < 30; i++)
        {
            if (i == 0)
            {
                SendGrid.Faults.Next(3, "POST", "/v3/mail/send", EmulatorFault.ServerError(500));
            }
            else if (i == 3)
            {
                SendGrid.Faults.Next(2, "POST", "/v3/mail/send", EmulatorFault.TooManyRequests(TimeSpan.Zero));
            }
            else if (i == 5)
            {
                SendGrid.Faults.Next(2, "POST", "/v3/mail/send", EmulatorFault.Latency(TimeSpan.FromMilliseconds(300)));
            }

            try
            {
                await sendGrid.SendAsync(Message(i == 7 ? "bounce@example.com" : $"reader{i}@example.com"));
            }
            catch (MartechRequestException ex) when ((int?)ex.StatusCode == 400)
            {
                refused++;
            }
            catch (MartechRequestException)
            {
                failed++;
            }
        }

        for (int i = 0; i < 20; i++)
        {
            await mailgun.SendAsync(Message($"reader{i}@example.com"));
        }

        IVendorSloMonitor monitor = sp.GetRequiredService<IVendorSloMonitor>();
        VendorSloReport report = monitor.GetReport();
        output.WriteLine(report.ToTable());

        // What the SendGrid emulator saw: 32 attempts for 30 sends.
        IReadOnlyList<RecordedRequest> seen = SendGrid.RequestLog.RequestsTo("POST", "/v3/mail/send");
        Assert.Equal(32, seen.Count);
        int accepted = seen.Count(r => r.StatusCode is >= 200 and < 300);
        int serverErrors = seen.Count(r => r.StatusCode >= 500);
        int tooMany = seen.Count(r => r.StatusCode == 429);
        int badRequests = seen.Count(r => r.StatusCode == 400);
        Assert.Equal((26, 3, 2, 1), (accepted, serverErrors, tooMany, badRequests));
        Assert.Equal((3, 1), (failed, refused));

        VendorSloInstanceReport sg = Assert.Single(report.Instances, i => i.Instance == "SendGrid");
        VendorSloMeasurements m = sg.Measurements;
        Assert.Equal(30, m.Requests);
        Assert.Equal(accepted, m.Succeeded);
        Assert.Equal(serverErrors, m.VendorFailures);
        Assert.Equal(badRequests, m.CallerErrors);
        Assert.Equal(tooMany, m.RetriedTooManyRequests + m.FinalTooManyRequests);
        Assert.Equal(tooMany, m.Retries);
        Assert.Equal(0, m.TimedOut);
        Assert.Equal(29, m.Eligible);
        Assert.Equal(26 * 100.0 / 29, m.Availability!.Value, 1e-9); // 89.655 %
        Assert.True(m.LatencyP99 >= TimeSpan.FromMilliseconds(297), $"p99 {m.LatencyP99} should include the 300 ms faults");
        Assert.True(m.LatencyP50 < TimeSpan.FromMilliseconds(300), $"p50 {m.LatencyP50}");
        Assert.Equal("mail.send", Assert.Single(sg.Operations).Operation);

        VendorSloInstanceReport mg = Assert.Single(report.Instances, i => i.Instance == "Mailgun");
        Assert.Equal(Mailgun.RequestLog.RequestsTo("POST", $"/v3/{MailgunDomain}/messages").Count, (int)mg.Measurements.Succeeded);
        Assert.Equal(20, mg.Measurements.Succeeded);
        Assert.Equal(100, mg.Measurements.Availability!.Value, 1e-9);

        VendorSloRanking email = Assert.Single(report.Rankings, r => r.Capabilities.Contains("Email"));
        Assert.Equal(["Mailgun", "SendGrid"], email.Entries.Select(e => e.Instance));

        VendorSloObjectiveResult availability = sg.Objectives.Single(o => o.Kind == VendorSloObjectiveKind.Availability);
        Assert.Equal(VendorSloStatus.Breached, availability.Status);
        Assert.Equal(3, availability.ErrorBudget.Consumed);
        Assert.Equal(VendorSloStatus.Met, sg.Objectives.Single(o => o.Kind == VendorSloObjectiveKind.Latency).Status);

        // Evaluated twice: one breach, for SendGrid's availability.
        await monitor.EvaluateAsync();
        await monitor.EvaluateAsync();
        VendorSloEvent breach = Assert.Single(breaches.Events);
        Assert.Equal(VendorSloEventKind.Breached, breach.Kind);
        Assert.Equal("SendGrid", breach.Objective.Instance);
        Assert.Equal("availability >= 99.9 %", breach.Objective.Description);
    }

    private static EmailMessage Message(string to) => new()
    {
        From = EmailAddress.Parse("news@example.com"),
        To = { EmailAddress.Parse(to) },
        Subject = "Hello",
        TextBody = "Hi",
        Purpose = SendPurpose.Transactional,
    };

    private sealed class BreachLog : IVendorSloHandler
    {
        public List<VendorSloEvent> Events { get; } = [];

        public Task HandleAsync(VendorSloEvent sloEvent, CancellationToken cancellationToken = default)
        {
            Events.Add(sloEvent);
            return Task.CompletedTask;
        }
    }
}
