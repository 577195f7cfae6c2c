using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>Mailgun options: defaults, validation messages that name the setting, binding from configuration, and
/// registration through <c>AddMailgun</c>.</summary>
public sealed class MailgunOptionsTests
{
    [Fact]
    public void Defaults_AreMailgunsDocumentedValues()
    {
        var options = new MailgunOptions();

        Assert.Equal(MailgunRegion.US, options.Region);
        Assert.Equal(new Uri("https://api.mailgun.net/"), options.GetEffectiveBaseAddress());
        Assert.False(options.TestMode);
        Assert.Equal(25L * 1024 * 1024, options.MaxMessageSizeBytes);
        Assert.Equal(16 * 1024, options.MaxOptionsSizeBytes);
        Assert.Equal(3, options.MaxTagsPerMessage);
        Assert.Equal(TimeSpan.FromDays(3), options.MaxScheduleAhead);
        Assert.Equal(1000, options.MaxRecipientsPerMessage);
        Assert.Equal(100, options.SuppressionPageSize);
        Assert.Equal((100, TimeSpan.FromSeconds(1)), (options.RateLimitPermits, options.RateLimitWindow));
    }

    [Fact]
    public void GetEffectiveBaseAddress_EuOrExplicit()
    {
        Assert.Equal(new Uri("https://api.eu.mailgun.net/"), new MailgunOptions { Region = MailgunRegion.EU }.GetEffectiveBaseAddress());
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), new MailgunOptions { Region = MailgunRegion.EU, BaseAddress = new Uri("http://127.0.0.1:5000/") }.GetEffectiveBaseAddress());
    }

    [Fact]
    public void Validate_Valid_NoProblems()
    {
        Assert.Empty(new MailgunOptions { ApiKey = "key-1", Domain = "mg.example.com" }.Validate("Martech:Mailgun"));
    }

    [Fact]
    public void Validate_EveryProblem_NamesTheSettingByItsPath()
    {
        var options = new MailgunOptions
        {
            Domain = "not a domain/",
            Region = (MailgunRegion)7,
            TagStatsEndpoint = (MailgunTagStatsEndpoint)5,
            BaseAddress = new Uri("https://proxy.example.net/mailgun"),
            RateLimitPermits = 0,
            RateLimitWindow = TimeSpan.Zero,
            MaxMessageSizeBytes = 0,
            MaxOptionsSizeBytes = 0,
            MaxRecipientsPerMessage = 0,
            MaxTagsPerMessage = -1,
            MaxScheduleAhead = TimeSpan.Zero,
            SuppressionPageSize = 1001,
            Resilience = { MaxRetryAttempts = 99 },
        };

        string[] problems = [.. options.Validate("Martech:MailgunEU")];

        Assert.Equal(
            [
                "Martech:MailgunEU:ApiKey", "Martech:MailgunEU:Domain", "Martech:MailgunEU:Region", "Martech:MailgunEU:TagStatsEndpoint",
                "Martech:MailgunEU:BaseAddress", "Martech:MailgunEU:RateLimitPermits", "Martech:MailgunEU:RateLimitWindow", "Martech:MailgunEU:MaxMessageSizeBytes",
                "Martech:MailgunEU:MaxOptionsSizeBytes", "Martech:MailgunEU:MaxRecipientsPerMessage", "Martech:MailgunEU:MaxTagsPerMessage",
                "Martech:MailgunEU:MaxScheduleAhead", "Martech:MailgunEU:SuppressionPageSize", "Martech:MailgunEU:Resilience:MaxRetryAttempts",
            ],
            problems.Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.Contains("MaxRetryAttempts", problems[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsTheApiKey()
    {
        var options = new MailgunOptions { ApiKey = "key-secret-123", Domain = "mg.example.com" };

        Assert.DoesNotContain("key-secret-123", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddMailgun_MissingSettings_FailsAtResolutionNamingThem()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddMailgun();
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IEmailSender>("Mailgun"));

        Assert.Contains("Martech:Mailgun:ApiKey is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:Mailgun:Domain is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMailgun_BoundFromConfiguration_UsesEveryBoundSetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Mailgun:ApiKey"] = "key-from-config",
            ["Martech:Mailgun:Domain"] = "mg.example.eu",
            ["Martech:Mailgun:Region"] = "EU",
            ["Martech:Mailgun:TestMode"] = "true",
            ["Martech:Mailgun:MaxTagsPerMessage"] = "5",
            ["Martech:Mailgun:Resilience:MaxRetryAttempts"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddMailgun();
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.Expect(HttpMethod.Post, "https://api.eu.mailgun.net/v3/mg.example.eu/messages").Capture(captured, HttpStatusCode.OK, MailgunWire.Queued());
        services.AddHttpClient("Mailgun").ConfigurePrimaryHttpMessageHandler(() => mock);
        using ServiceProvider provider = services.BuildServiceProvider();

        MailgunOptions options = provider.GetRequiredService<IOptionsMonitor<MailgunOptions>>().Get("Mailgun");
        Assert.Equal((MailgunRegion.EU, true, 5, 0), (options.Region, options.TestMode, options.MaxTagsPerMessage, options.Resilience.MaxRetryAttempts));

        await provider.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("news@mg.example.eu")),
            To = { new Mailbox(EmailAddress.Parse("ada@example.com")) },
            Subject = "Hi",
            TextBody = "Hi.",
            Tags = { "a", "b", "c", "d", "e" },
        });

        mock.VerifyNoOutstandingExpectation();
        CapturedRequest request = Assert.Single(captured);
        Assert.Equal("Basic " + Convert.ToBase64String("api:key-from-config"u8.ToArray()), request.Authorization);
        Assert.Contains(("o:testmode", "yes"), request.Fields);
        Assert.Equal(5, request.Fields.Count(f => f.Name == "o:tag"));
    }

    [Fact]
    public async Task AddMailgun_TwoInstances_EachUsesItsOwnDomainKeyAndRegion()
    {
        var services = new ServiceCollection();
        services.AddMartech()
            .AddMailgun("MailgunUS", o => { o.ApiKey = "key-us"; o.Domain = "mg.example.com"; })
            .Martech.AddMailgun("MailgunEU", o => { o.ApiKey = "key-eu"; o.Domain = "mg.example.eu"; o.Region = MailgunRegion.EU; });
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.Expect(HttpMethod.Post, "https://api.mailgun.net/v3/mg.example.com/messages").Capture(captured, HttpStatusCode.OK, MailgunWire.Queued());
        mock.Expect(HttpMethod.Post, "https://api.eu.mailgun.net/v3/mg.example.eu/messages").Capture(captured, HttpStatusCode.OK, MailgunWire.Queued());
        services.AddHttpClient("MailgunUS").ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddHttpClient("MailgunEU").ConfigurePrimaryHttpMessageHandler(() => mock);
        using ServiceProvider provider = services.BuildServiceProvider();
        var message = new EmailMessage { From = new Mailbox(EmailAddress.Parse("a@example.com")), To = { new Mailbox(EmailAddress.Parse("b@example.com")) }, Subject = "s", TextBody = "t" };

        await provider.GetRequiredKeyedService<IEmailSender>("MailgunUS").SendAsync(message);
        await provider.GetRequiredKeyedService<IEmailSender>("MailgunEU").SendAsync(message);

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(
            ["Basic " + Convert.ToBase64String("api:key-us"u8.ToArray()), "Basic " + Convert.ToBase64String("api:key-eu"u8.ToArray())],
            captured.Select(c => c.Authorization));
        Assert.Same(provider.GetRequiredKeyedService<IEmailSender>("MailgunUS"), provider.GetRequiredService<IEmailSender>());
        Assert.Equal("MailgunEU", provider.GetRequiredKeyedService<IEmailSuppressionList>("MailgunEU").GetService<MartechProviderMetadata>()!.Name);
    }
}
