using LeadFlow;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Email;

/// <summary>
/// Switching the email vendor is configuration only: the LeadFlow sample, registered exactly as its Program.cs
/// registers it, sends the same welcome emails through SendGrid, Mailgun or Postmark (each an emulator on
/// 127.0.0.1) when <c>Martech:Defaults:Email</c> and the vendor's section say so.
/// </summary>
public sealed class EmailProviderSwapTests
{
    private static readonly string[] ExpectedRecipients =
    [
        "ada.lovelace@analytical.example", "grace.hopper@navy.example", "katherine.johnson@nasa.example",
        "margaret.hamilton@mit.example", "linus@kernel.example", "barbara.liskov@mit.example",
        "frances.allen@ibm.example", "radia.perlman@networks.example", "hedy.lamarr@patents.example",
    ];

    private static async Task<LeadFlowSummary> RunLeadFlowAsync(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLeadFlowProviders(configuration.GetSection("Martech"));
        services.AddOptions<LeadFlowOptions>().Bind(configuration.GetSection("LeadFlow"));
        services.AddSingleton<LeadFlowRunner>();
        await using ServiceProvider sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);
    }

    private static void AssertSameWelcomeRun(LeadFlowSummary summary, string provider)
    {
        Assert.Equal(provider, summary.Providers["Email"]);
        Assert.Empty(summary.EmailsFailed.Select(f => $"{f.Value}: {f.Reason}"));
        Assert.Equal(4, summary.EmailsWithheld.Count);
        Assert.Equal(9, summary.EmailsSent);
    }

    [Fact]
    public async Task LeadFlow_WelcomeEmails_ThroughSendGrid()
    {
        await using var emulator = new SendGridEmulator { ApiKey = "SG.swap-test-key" };
        await emulator.StartAsync();

        var summary = await RunLeadFlowAsync(new()
        {
            ["Martech:Defaults:Email"] = "SendGrid",
            ["Martech:SendGrid:ApiKey"] = "SG.swap-test-key",
            ["Martech:SendGrid:BaseAddress"] = emulator.BaseAddress.ToString(),
        });

        AssertSameWelcomeRun(summary, "SendGrid");
        Assert.Equal(ExpectedRecipients.Order(), emulator.Messages.SelectMany(m => m.To).Order());
        Assert.All(emulator.Messages, m => Assert.StartsWith("Welcome, ", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeadFlow_WelcomeEmails_ThroughMailgun()
    {
        await using var emulator = new MailgunEmulator("mg.brand.example", "key-swap-test");
        await emulator.StartAsync();

        var summary = await RunLeadFlowAsync(new()
        {
            ["Martech:Defaults:Email"] = "Mailgun",
            ["Martech:Mailgun:ApiKey"] = "key-swap-test",
            ["Martech:Mailgun:Domain"] = "mg.brand.example",
            ["Martech:Mailgun:BaseAddress"] = emulator.BaseAddress.ToString(),
        });

        AssertSameWelcomeRun(summary, "Mailgun");
        Assert.Equal(ExpectedRecipients.Order(), emulator.Messages.SelectMany(m => m.To).Select(Address).Order());
        Assert.All(emulator.Messages, m => Assert.StartsWith("Welcome, ", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeadFlow_WelcomeEmails_ThroughPostmark()
    {
        await using var emulator = new PostmarkEmulator();
        await emulator.StartAsync();

        var summary = await RunLeadFlowAsync(new()
        {
            ["Martech:Defaults:Email"] = "Postmark",
            ["Martech:Postmark:ServerToken"] = PostmarkEmulator.DefaultServerToken,
            ["Martech:Postmark:BaseAddress"] = emulator.BaseAddress.ToString(),
        });

        AssertSameWelcomeRun(summary, "Postmark");
        Assert.Equal(ExpectedRecipients.Order(), emulator.SentEmails.SelectMany(m => m.Recipients).Select(r => r.Value).Order());
        Assert.All(emulator.SentEmails, m => Assert.Equal("broadcast", m.MessageStream)); // marketing goes to the broadcast stream
    }

    // Mailgun records recipients as written ("Name <address>"); compare the addresses.
    private static string Address(string recipient)
    {
        int open = recipient.LastIndexOf('<');
        return open >= 0 ? recipient[(open + 1)..recipient.LastIndexOf('>')] : recipient;
    }
}
