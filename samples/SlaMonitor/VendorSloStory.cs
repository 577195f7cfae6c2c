using System.Diagnostics;
using System.Globalization;
using Martech.Sdk;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SlaMonitorSample;

/// <summary>
/// Part 2: real HTTP. Starts the SendGrid and Mailgun emulators on loopback, points <c>AddSendGrid()</c> and
/// <c>AddMailgun()</c> at them, sends emails through each with injected server errors, 429s and latency, and prints
/// <see cref="IVendorSloMonitor.GetReport"/> with the objectives of Martech:Slos and the breaches they raise. It runs on
/// the system clock: latencies are measured, so they differ from run to run.
/// </summary>
internal static class VendorSloStory
{
    /// <summary>Emails sent through SendGrid.</summary>
    public const int SendGridSends = 30;

    /// <summary>Emails sent through Mailgun.</summary>
    public const int MailgunSends = 20;

    /// <summary>SendGrid sends answered 500 (a send that may have been processed is not retried).</summary>
    public const int SendGridServerErrors = 3;

    /// <summary>SendGrid sends answered 429 once, then retried and accepted.</summary>
    public const int SendGridThrottledOnce = 2;

    /// <summary>SendGrid sends refused with 400 for their recipient: the caller's error, not the vendor's.</summary>
    public const int SendGridRefused = 1;

    /// <summary>Mailgun sends slowed down by <see cref="InjectedLatency"/>.</summary>
    public const int MailgunSlowed = 4;

    /// <summary>The latency injected into slowed sends.</summary>
    public static readonly TimeSpan InjectedLatency = TimeSpan.FromMilliseconds(300);

    private const string RefusedRecipient = "blocked@example.com";

    public static async Task<VendorSloOutcome> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        string mailgunDomain = configuration["Martech:Mailgun:Domain"] ?? "mg.example.com";
        await using var sendGrid = new SendGridEmulator { ApiKey = configuration["Martech:SendGrid:ApiKey"] };
        await using var mailgun = new MailgunEmulator(mailgunDomain, configuration["Martech:Mailgun:ApiKey"] ?? "key-emulator");
        await sendGrid.StartAsync(cancellationToken);
        await mailgun.StartAsync(cancellationToken);

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        // The emulators listen on ports the OS picked: the only settings code adds.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:SendGrid:BaseAddress"] = sendGrid.BaseAddress.ToString(),
            ["Martech:Mailgun:BaseAddress"] = mailgun.BaseAddress.ToString(),
        });
        builder.Services.AddLogging();
        builder.Services.AddMartech(builder.Configuration.GetSection("Martech"))
            .AddSendGrid().Martech
            .AddMailgun().Martech
            .AddVendorSlos();

        using IHost host = builder.Build();
        await host.StartAsync(cancellationToken); // validates Martech:Slos: objectives name registered instances
        try
        {
            await output.WriteLineAsync($"Part 2 — vendor SLOs from real HTTP calls: the SendGrid emulator on {sendGrid.BaseAddress} and the Mailgun emulator on {mailgun.BaseAddress}.");
            var sent = Stopwatch.StartNew();
            (int sendGridFailed, int sendGridRefused) = await SendThroughSendGridAsync(host.Services.GetRequiredKeyedService<IEmailSender>("SendGrid"), sendGrid, cancellationToken);
            int mailgunFailed = await SendThroughMailgunAsync(host.Services.GetRequiredKeyedService<IEmailSender>("Mailgun"), mailgun, $"/v3/{mailgunDomain}/messages", cancellationToken);
            sent.Stop();

            IReadOnlyList<RecordedRequest> sendGridSeen = sendGrid.RequestLog.RequestsTo("POST", "/v3/mail/send");
            IReadOnlyList<RecordedRequest> mailgunSeen = mailgun.RequestLog.RequestsTo("POST", $"/v3/{mailgunDomain}/messages");
            await output.WriteLineAsync($"SendGrid: {SendGridSends} sends, injected {SendGridServerErrors} x 500, {SendGridThrottledOnce} x 429 (retried), 2 x {InjectedLatency.TotalMilliseconds:0} ms, {SendGridRefused} recipient refused (400); the emulator saw {sendGridSeen.Count} requests ({Statuses(sendGridSeen)}); {sendGridFailed} sends failed, {sendGridRefused} refused.");
            await output.WriteLineAsync($"Mailgun: {MailgunSends} sends, injected {MailgunSlowed} x {InjectedLatency.TotalMilliseconds:0} ms; the emulator saw {mailgunSeen.Count} requests ({Statuses(mailgunSeen)}); {mailgunFailed} sends failed.");
            await output.WriteLineAsync($"Sent in {sent.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s of real time.");
            await output.WriteLineAsync();

            IVendorSloMonitor monitor = host.Services.GetRequiredService<IVendorSloMonitor>();
            VendorSloReport report = monitor.GetReport();
            await output.WriteLineAsync(report.ToTable());
            await output.WriteLineAsync();

            IReadOnlyList<VendorSloEvent> events = await monitor.EvaluateAsync(cancellationToken);
            IReadOnlyList<VendorSloEvent> again = await monitor.EvaluateAsync(cancellationToken);
            foreach (VendorSloEvent e in events)
            {
                VendorSloObjectiveResult o = e.Objective;
                string actual = o.ActualLatency is { } latency
                    ? $"{o.Actual?.ToString("0.0", CultureInfo.InvariantCulture)} % within the threshold (95th percentile {latency.TotalMilliseconds:0} ms)"
                    : $"{o.Actual?.ToString("0.000", CultureInfo.InvariantCulture)} % ({o.Good} of {o.Eligible})";
                await output.WriteLineAsync($"SLO {e.Kind.ToString().ToLowerInvariant()}: {o.Instance} {o.Description} at {actual}, burn rate {o.ShortBurnRate?.ToString("0.0", CultureInfo.InvariantCulture)} over {o.ShortWindow.TotalHours:0} h");
            }

            await output.WriteLineAsync($"Evaluated again: {again.Count} new events (each breach is raised once).");
            return new VendorSloOutcome(report, events, again.Count, sendGridSeen, mailgunSeen, sendGridFailed, sendGridRefused, mailgunFailed);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<(int Failed, int Refused)> SendThroughSendGridAsync(IEmailSender sender, SendGridEmulator emulator, CancellationToken cancellationToken)
    {
        emulator.RejectRecipient(RefusedRecipient, "The email address is on a blocklist.");
        int failed = 0, refused = 0;
        for (int i = 0; i < SendGridSends; i++)
        {
            // The faults apply to the next requests the emulator receives, in the order they are set.
            if (i == 0)
            {
                emulator.Faults.Next(SendGridServerErrors, "POST", "/v3/mail/send", EmulatorFault.ServerError(500));
            }
            else if (i == SendGridServerErrors)
            {
                emulator.Faults.Next(SendGridThrottledOnce, "POST", "/v3/mail/send", EmulatorFault.TooManyRequests(TimeSpan.Zero));
            }
            else if (i == SendGridServerErrors + SendGridThrottledOnce)
            {
                emulator.Faults.Next(2, "POST", "/v3/mail/send", EmulatorFault.Latency(InjectedLatency));
            }

            try
            {
                await sender.SendAsync(Message(i == 10 ? RefusedRecipient : $"reader{i}@example.com"), cancellationToken);
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

        return (failed, refused);
    }

    private static async Task<int> SendThroughMailgunAsync(IEmailSender sender, MailgunEmulator emulator, string path, CancellationToken cancellationToken)
    {
        int failed = 0;
        for (int i = 0; i < MailgunSends; i++)
        {
            if (i == 10)
            {
                emulator.Faults.Next(MailgunSlowed, "POST", path, EmulatorFault.Latency(InjectedLatency));
            }

            try
            {
                await sender.SendAsync(Message($"reader{i}@example.com"), cancellationToken);
            }
            catch (MartechRequestException)
            {
                failed++;
            }
        }

        return failed;
    }

    private static string Statuses(IReadOnlyList<RecordedRequest> requests) =>
        string.Join(", ", requests.GroupBy(r => r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}"));

    private static EmailMessage Message(string to) => new()
    {
        From = EmailAddress.Parse("news@brand.example"),
        To = { EmailAddress.Parse(to) },
        Subject = "Your webinar recording",
        TextBody = "Thanks for joining: the recording is attached to your account.",
        Purpose = SendPurpose.Transactional,
    };
}

/// <summary>What part 2 measured: the report, the SLO events of the first evaluation and how many a second raised,
/// what each emulator saw, and how the sends ended.</summary>
internal sealed record VendorSloOutcome(
    VendorSloReport Report,
    IReadOnlyList<VendorSloEvent> Events,
    int RepeatedEvents,
    IReadOnlyList<RecordedRequest> SendGridRequests,
    IReadOnlyList<RecordedRequest> MailgunRequests,
    int SendGridFailed,
    int SendGridRefused,
    int MailgunFailed);
