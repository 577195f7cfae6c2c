using System.Net;
using System.Text;
using Martech.Sdk.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk.IntegrationTests.Docs;

/// <summary>docs/webhooks.md's quick start, compiled and run as written (with configuration given and StartAsync
/// instead of Run), then called as SendGrid and Twilio would call it. Its SQLite file is relative to the current
/// directory, so the test runs alone and puts the directory back.</summary>
[Collection(nameof(CurrentDirectoryCollection))]
public sealed class WebhooksDocsExampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("martech-docs-").FullName;
    private readonly string _previousDirectory = Directory.GetCurrentDirectory();

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_previousDirectory);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task QuickStart_RunsAsWritten_AndReceivesSendGridAndTwilio()
    {
        (string publicKey, string privateKey) = SendGridWebhookSigner.CreateKeyPair();
        string[] args = ["--urls", "http://127.0.0.1:0", "--contentRoot", _folder];
        var settings = new Dictionary<string, string?>
        {
            ["Martech:SendGrid:ApiKey"] = "SG.docs",
            ["Martech:SendGrid:Webhooks:PublicKey"] = publicKey,
            ["Martech:Twilio:AccountSid"] = "AC00000000000000000000000000000000",
            ["Martech:Twilio:AuthToken"] = "docs-auth-token",
            ["Martech:Twilio:From"] = "+14155550100",
        };
        Directory.SetCurrentDirectory(_folder);
        var logs = new RecordingLogs();

        // --- docs/webhooks.md "Quick start" (app.Run() replaced by StartAsync; configuration and a log recorder added) ---
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(logs);
        var martech = builder.Services.AddMartech(builder.Configuration.GetSection("Martech"));
        martech.AddSendGrid();                                  // Martech:SendGrid:Webhooks:PublicKey
        martech.AddTwilio();                                    // signed with Martech:Twilio:AuthToken
        martech.AddWebhooks()                                   // Martech:Webhooks
            .UseSqliteStore(o => o.ConnectionString = "Data Source=webhooks.db")
            .AddHandler<EmailEvent, EmailEventLogger>();
        builder.Services.AddHealthChecks().AddMartechWebhooks();

        var app = builder.Build();
        app.MapMartechWebhooks();                               // /webhooks/sendgrid, /webhooks/twilio
        app.MapHealthChecks("/health");
        await app.StartAsync();
        // --- end ---

        try
        {
            var baseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
            using var http = new HttpClient { BaseAddress = baseAddress };
            byte[] batch = Encoding.UTF8.GetBytes("""[{"email":"ada@example.com","timestamp":1700000000,"event":"delivered","sg_event_id":"docs-1","campaign_id":"spring"}]""");
            using var sendGrid = new HttpRequestMessage(HttpMethod.Post, "webhooks/sendgrid") { Content = new ByteArrayContent(batch) };
            foreach (var (name, value) in SendGridWebhookSigner.CreateHeaders(privateKey, DateTimeOffset.UtcNow, batch))
            {
                sendGrid.Headers.Add(name, value);
            }

            string twilioUrl = new Uri(baseAddress, "webhooks/twilio").AbsoluteUri;
            KeyValuePair<string, string>[] status = [new("MessageSid", "SM1"), new("MessageStatus", "delivered"), new("To", "+14155550101"), new("AccountSid", "AC00000000000000000000000000000000")];
            using var twilio = new HttpRequestMessage(HttpMethod.Post, "webhooks/twilio") { Content = new FormUrlEncodedContent(status) };
            foreach (var (name, value) in TwilioWebhookSigner.CreateHeaders("docs-auth-token", twilioUrl, status))
            {
                twilio.Headers.Add(name, value);
            }

            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(sendGrid)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(twilio)).StatusCode);
            Assert.Equal("Healthy", await http.GetStringAsync("health"));
            string line = await logs.WaitForAsync("delivered ada@example.com campaign spring by ");
            Assert.True(File.Exists(Path.Combine(_folder, "webhooks.db")));
            Assert.NotEmpty(line);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class RecordingLogs : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        public async Task<string> WaitForAsync(string fragment)
        {
            for (int i = 0; i < 400; i++)
            {
                lock (_lines)
                {
                    if (_lines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal)) is { } line)
                    {
                        return line;
                    }
                }

                await Task.Delay(25);
            }

            throw new TimeoutException($"No log line contains '{fragment}'.");
        }

        private sealed class Logger(RecordingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lines)
                {
                    owner._lines.Add(formatter(state, exception));
                }
            }
        }
    }
}

// The handler exactly as docs/webhooks.md shows it: plain LogInformation, as a user writes it.
#pragma warning disable CA1848, CA1873
internal sealed class EmailEventLogger(ILogger<EmailEventLogger> log) : IMartechEventHandler<EmailEvent>
{
    public Task HandleAsync(EmailEvent e, MartechEventContext context, CancellationToken cancellationToken = default)
    {
        log.LogInformation("{Type} {Recipient} campaign {Campaign} by {Source}", e.Type, e.Recipient, e.CampaignId, e.Source);
        return Task.CompletedTask;
    }
}
#pragma warning restore CA1848, CA1873

[CollectionDefinition(nameof(CurrentDirectoryCollection), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;
