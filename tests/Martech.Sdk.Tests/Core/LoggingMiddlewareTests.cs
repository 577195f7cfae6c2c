using Martech.Sdk.Tests.Abstractions.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk.Tests.Core;

public class LoggingMiddlewareTests
{
    private static (ServiceProvider Sp, RecordingLoggerProvider Logs, RecordingEmailSender Email, FakeContactClient Contacts) Build(LogLevel minimum)
    {
        var logs = new RecordingLoggerProvider(minimum);
        var email = new RecordingEmailSender();
        var contacts = new FakeContactClient();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var provider = services.AddMartech().AddProvider("Fake", "Fake");
        provider.AddCapability<IEmailSender>(_ => email).AddCapability<IContactClient>(_ => contacts).UseLogging();
        return (services.BuildServiceProvider(), logs, email, contacts);
    }

    [Fact]
    public async Task StatsOnlyProvider_GetStats_LogsOnceAndPayloadOnlyAtTrace()
    {
        var logs = new RecordingLoggerProvider(LogLevel.Debug);
        var failure = new MartechRequestException("vendor said no");
        var stats = new RecordingCampaignStatsClient { Failure = failure };
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddMartech().AddProvider("Fake", "Fake").AddCapability<ICampaignStatsClient>(_ => stats).UseLogging();
        using (var sp = services.BuildServiceProvider())
        {
            await Assert.ThrowsAsync<MartechRequestException>(() => sp.GetRequiredService<ICampaignStatsClient>().GetStatsAsync("spring-sale"));
            stats.Failure = null;
            await sp.GetRequiredService<ICampaignStatsClient>().GetStatsAsync("spring-sale");
        }

        var entries = logs.Entries.Where(e => e.Category == typeof(LoggingCampaignStatsClient).FullName).ToList();
        Assert.Equal(2, entries.Count(e => e.Message == "Fake GetCampaignStats invoked."));
        Assert.Same(failure, Assert.Single(entries, e => e.Level == LogLevel.Error).Exception);
        Assert.Single(entries, e => e.Message.StartsWith("Fake GetCampaignStats completed in ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("spring-sale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CampaignProvider_StatsAsICampaignStatsClient_LoggedOnceByTheCampaignClient()
    {
        var logs = new RecordingLoggerProvider(LogLevel.Debug);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddMartech().AddInMemory("Mem").UseLogging();
        using (var sp = services.BuildServiceProvider())
        {
            Campaign campaign = sp.GetRequiredKeyedService<InMemoryMartechStore>("Mem").AddCampaign(new Campaign { Name = "Spring" });
            await sp.GetRequiredService<ICampaignStatsClient>().GetStatsAsync(campaign.Id!);
        }

        var invoked = Assert.Single(logs.Entries, e => e.Message == "Mem GetCampaignStats invoked.");
        Assert.Equal(typeof(LoggingCampaignClient).FullName, invoked.Category);
    }

    [Fact]
    public async Task SendAsync_AtDebug_LogsInvokedAndCompletedWithoutPersonalData()
    {
        var (sp, logs, _, _) = Build(LogLevel.Debug);
        using (sp)
        {
            await sp.GetRequiredService<IEmailSender>().SendAsync(TestMessages.Marketing("ada@example.com"));
        }

        var entries = logs.Entries.Where(e => e.Category == typeof(LoggingEmailSender).FullName).ToList();
        Assert.Contains(entries, e => e.Level == LogLevel.Debug && e.Message == "Fake SendEmail invoked.");
        Assert.Contains(entries, e => e.Level == LogLevel.Debug && e.Message.StartsWith("Fake SendEmail completed in ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("ada@example.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SendAsync_AtTrace_LogsPayloadsButNoAttachmentBytes()
    {
        var (sp, logs, _, _) = Build(LogLevel.Trace);
        var message = TestMessages.Marketing("ada@example.com");
        message.Attachments.Add(new EmailAttachment("secret.txt", "text/plain", "TOPSECRETBYTES"u8.ToArray()));
        using (sp)
        {
            await sp.GetRequiredService<IEmailSender>().SendAsync(message);
        }

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Trace && e.Message.Contains("ada@example.com", StringComparison.Ordinal) && e.Message.Contains("attachments=1", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Trace && e.Message.Contains("\"messageId\":\"m1\"", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("TOPSECRET", StringComparison.Ordinal) || e.Message.Contains("VE9QU0VDUkVU", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_Failure_LogsErrorWithExceptionAndRethrows()
    {
        var (sp, logs, email, _) = Build(LogLevel.Debug);
        email.FailWith = new MartechRequestException("vendor said no") { ErrorCode = "E1" };
        using (sp)
        {
            var ex = await Assert.ThrowsAsync<MartechRequestException>(() => sp.GetRequiredService<IEmailSender>().SendAsync(TestMessages.Marketing("ada@example.com")));
            Assert.Same(email.FailWith, ex);
        }

        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Same(email.FailWith, error.Exception);
        Assert.StartsWith("Fake SendEmail failed after", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Canceled_LogsCancellationNotFailure()
    {
        var (sp, logs, _, _) = Build(LogLevel.Debug);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using (sp)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sp.GetRequiredService<IEmailSender>().SendAsync(TestMessages.Marketing("ada@example.com"), cts.Token));
        }

        Assert.DoesNotContain(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Fake SendEmail canceled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_LogsEachPageAndCompletion()
    {
        var (sp, logs, _, contacts) = Build(LogLevel.Debug);
        contacts.Add("a@example.com");
        contacts.Add("b@example.com");
        using (sp)
        {
            var client = sp.GetRequiredService<IContactClient>();
            Assert.Equal(2, (await client.ListAllAsync()).Count);
            await foreach (var page in client.ListAsync().AsPages())
            {
                Assert.Equal(2, page.Items.Count);
            }
        }

        Assert.Contains(logs.Entries, e => e.Message == "Fake ListContacts fetched a page of 2 item(s); more: False.");
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Fake ListContacts completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logging_DisabledLogger_StillForwardsResults()
    {
        var (sp, logs, email, _) = Build(LogLevel.None);
        using (sp)
        {
            var result = await sp.GetRequiredService<IEmailSender>().SendAsync(TestMessages.Marketing("ada@example.com"));
            Assert.Equal(SendStatus.Accepted, result.Status);
        }

        Assert.Empty(logs.Entries);
        Assert.Single(email.Sent);
    }
}
