using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>Options: defaults, validation messages naming the setting by its configuration path, binding from
/// configuration, and registration as a user writes it.</summary>
public sealed class SendGridOptionsTests
{
    private const string Path = "Martech:SendGrid";

    private static SendGridOptions ValidOptions() => new() { ApiKey = SendGridWire.ApiKey };

    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var options = new SendGridOptions();

        Assert.Equal(new Uri("https://api.sendgrid.com/"), options.BaseAddress);
        Assert.Null(options.OnBehalfOf);
        Assert.Null(options.DefaultUnsubscribeGroupId);
        Assert.False(options.SandboxMode);
        Assert.Equal("campaign_id", options.CampaignIdArgument);
        Assert.Equal(20_000_000, options.MaxMessageBytes);
        Assert.Equal(1000, options.MaxSuppressionBatchSize);
        Assert.Equal((10_000, TimeSpan.FromSeconds(1)), (options.RateLimit.PermitLimit, options.RateLimit.Window));
        Assert.Empty(ValidOptions().Validate(Path));
    }

    public static TheoryData<string, string> Problems => new()
    {
        { "NoApiKey", "Martech:SendGrid:ApiKey is required" },
        { "ApiKeyWithLineBreak", "Martech:SendGrid:ApiKey contains a line break" },
        { "RelativeBaseAddress", "Martech:SendGrid:BaseAddress must be an absolute http(s) address" },
        { "FtpBaseAddress", "Martech:SendGrid:BaseAddress must be an absolute http(s) address" },
        { "BlankOnBehalfOf", "Martech:SendGrid:OnBehalfOf must be a subuser name" },
        { "ZeroGroup", "Martech:SendGrid:DefaultUnsubscribeGroupId must be a positive unsubscribe group id" },
        { "EmptyCampaignArgument", "Martech:SendGrid:CampaignIdArgument must be a non-empty custom_args key" },
        { "TinyMaxMessageBytes", "Martech:SendGrid:MaxMessageBytes must be at least 1024" },
        { "ZeroSuppressionBatch", "Martech:SendGrid:MaxSuppressionBatchSize must be between 1 and 10000" },
        { "ZeroPermits", "Martech:SendGrid:RateLimit:PermitLimit must be at least 1" },
        { "ZeroWindow", "Martech:SendGrid:RateLimit:Window must be positive" },
        { "TooManyRetries", "Martech:SendGrid:Resilience" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Validate_BadSetting_NamesItByConfigurationPath(string problem, string expected)
    {
        SendGridOptions options = ValidOptions();
        switch (problem)
        {
            case "NoApiKey": options.ApiKey = " "; break;
            case "ApiKeyWithLineBreak": options.ApiKey = "SG.key\r\nX: 1"; break;
            case "RelativeBaseAddress": options.BaseAddress = new Uri("/v3", UriKind.Relative); break;
            case "FtpBaseAddress": options.BaseAddress = new Uri("ftp://api.sendgrid.com/"); break;
            case "BlankOnBehalfOf": options.OnBehalfOf = " "; break;
            case "ZeroGroup": options.DefaultUnsubscribeGroupId = 0; break;
            case "EmptyCampaignArgument": options.CampaignIdArgument = ""; break;
            case "TinyMaxMessageBytes": options.MaxMessageBytes = 10; break;
            case "ZeroSuppressionBatch": options.MaxSuppressionBatchSize = 0; break;
            case "ZeroPermits": options.RateLimit.PermitLimit = 0; break;
            case "ZeroWindow": options.RateLimit.Window = TimeSpan.Zero; break;
            case "TooManyRetries": options.Resilience.MaxRetryAttempts = 99; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, null);
        }

        string message = Assert.Single(options.Validate(Path));

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_DoesNotShowTheApiKey()
    {
        Assert.DoesNotContain(SendGridWire.ApiKey, ValidOptions().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddSendGrid_FromConfiguration_BindsEverySetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:SendGrid:ApiKey"] = SendGridWire.ApiKey,
            ["Martech:SendGrid:BaseAddress"] = "https://api.eu.sendgrid.com/",
            ["Martech:SendGrid:OnBehalfOf"] = "brand-eu",
            ["Martech:SendGrid:DefaultUnsubscribeGroupId"] = "12345",
            ["Martech:SendGrid:SandboxMode"] = "true",
            ["Martech:SendGrid:CampaignIdArgument"] = "cmp",
            ["Martech:SendGrid:MaxMessageBytes"] = "30000000",
            ["Martech:SendGrid:MaxSuppressionBatchSize"] = "250",
            ["Martech:SendGrid:RateLimit:PermitLimit"] = "600",
            ["Martech:SendGrid:RateLimit:Window"] = "00:01:00",
            ["Martech:SendGrid:Resilience:MaxRetryAttempts"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddSendGrid();
        using ServiceProvider provider = services.BuildServiceProvider();

        SendGridOptions options = provider.GetRequiredService<IOptionsMonitor<SendGridOptions>>().Get("SendGrid");

        Assert.Equal(SendGridWire.ApiKey, options.ApiKey);
        Assert.Equal(SendGridOptions.EuBaseAddress, options.BaseAddress);
        Assert.Equal("brand-eu", options.OnBehalfOf);
        Assert.Equal(12345, options.DefaultUnsubscribeGroupId);
        Assert.True(options.SandboxMode);
        Assert.Equal("cmp", options.CampaignIdArgument);
        Assert.Equal(30_000_000, options.MaxMessageBytes);
        Assert.Equal(250, options.MaxSuppressionBatchSize);
        Assert.Equal((600, TimeSpan.FromMinutes(1)), (options.RateLimit.PermitLimit, options.RateLimit.Window));
        Assert.Equal(1, options.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public void AddSendGrid_MissingApiKey_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddSendGrid();
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<SendGridOptions>>().Get("SendGrid"));

        Assert.Contains("Martech:SendGrid:ApiKey is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSendGrid_RegistersBothCapabilitiesKeyedAndAsDefault()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddSendGrid(configure: o => o.ApiKey = SendGridWire.ApiKey);
        using ServiceProvider provider = services.BuildServiceProvider();

        IEmailSender keyed = provider.GetRequiredKeyedService<IEmailSender>("SendGrid");
        IEmailSuppressionList list = provider.GetRequiredKeyedService<IEmailSuppressionList>("SendGrid");

        Assert.Same(keyed, provider.GetRequiredService<IEmailSender>());
        Assert.Same(list, provider.GetRequiredService<IEmailSuppressionList>());
        Assert.Equal(new MartechProviderMetadata("SendGrid", "SendGrid"), keyed.GetService(typeof(MartechProviderMetadata)));
        Assert.Equal(new MartechProviderMetadata("SendGrid", "SendGrid"), list.GetService(typeof(MartechProviderMetadata)));
        Assert.Equal(SendGridWire.ApiKey, Assert.IsType<SendGridOptions>(keyed.GetService(typeof(SendGridOptions))).ApiKey);
        Assert.Same(keyed, keyed.GetService(typeof(IEmailSender)));
        Assert.Null(keyed.GetService(typeof(IEmailSender), "other-key"));
    }

    [Fact]
    public async Task AddSendGrid_TwoInstances_EachUsesItsOwnKeyAndRegion()
    {
        await using var us = SendGridWire.Create(name: "SendGridUS");
        await using var eu = SendGridWire.Create(o => { o.ApiKey = "SG.eu-key-0123456789"; o.BaseAddress = SendGridOptions.EuBaseAddress; }, name: "SendGridEU");
        us.ExpectMailSend("us");
        eu.Expect(HttpMethod.Post, "https://api.eu.sendgrid.com/v3/mail/send", System.Net.HttpStatusCode.Accepted, null, ("X-Message-Id", "eu"));
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("a@example.com")),
            To = { new Mailbox(EmailAddress.Parse("b@example.com")) },
            Subject = "Hi",
            TextBody = "Hi.",
        };

        Assert.Equal("us", (await us.Services.GetRequiredKeyedService<IEmailSender>("SendGridUS").SendAsync(message)).MessageId);
        Assert.Equal("eu", (await eu.Services.GetRequiredKeyedService<IEmailSender>("SendGridEU").SendAsync(message)).MessageId);
        Assert.Equal("Bearer SG.eu-key-0123456789", Assert.Single(eu.Requests).Header("Authorization"));
        us.VerifyAll();
        eu.VerifyAll();
    }
}
