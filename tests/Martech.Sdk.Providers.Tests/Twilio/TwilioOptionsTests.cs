using Martech.Sdk.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.Twilio;

/// <summary>Twilio options: defaults, validation messages naming the setting, secrets, and binding from configuration.</summary>
public sealed class TwilioOptionsTests
{
    [Fact]
    public void Defaults_AreThePublishedOrAssumedValues()
    {
        var options = new TwilioOptions();

        Assert.Equal(new Uri("https://api.twilio.com/"), options.BaseAddress);
        Assert.Equal(10, options.MaxSegments);
        Assert.Equal(OverLimitBehavior.Refuse, options.OverLimit);
        Assert.False(options.WhatsApp);
        Assert.Null(options.StatusCallback);
        Assert.Equal(30, options.RateLimitPermits);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RateLimitWindow);
    }

    [Fact]
    public void Validate_Defaults_NameTheThreeMissingSettings()
    {
        var problems = new TwilioOptions().Validate("Martech:Twilio").ToList();

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("Martech:Twilio:AccountSid is required", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Martech:Twilio:AuthToken is required", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Martech:Twilio:From or Martech:Twilio:MessagingServiceSid is required", problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadValues_NameEachSetting()
    {
        var options = new TwilioOptions
        {
            AccountSid = "AC123",
            AuthToken = "a\nb",
            From = "555-1234",
            MessagingServiceSid = "XX0123456789abcdef0123456789abcdef",
            StatusCallback = new Uri("/status", UriKind.Relative),
            BaseAddress = new Uri("https://api.twilio.com/v1"),
            MaxSegments = 0,
            OverLimit = (OverLimitBehavior)7,
            RateLimitPermits = 0,
            RateLimitWindow = TimeSpan.Zero,
        };

        var problems = options.Validate("Martech:Sms").ToList();

        string[] settings = ["AccountSid", "AuthToken", "From", "MessagingServiceSid", "StatusCallback", "BaseAddress", "MaxSegments", "OverLimit", "RateLimitPermits", "RateLimitWindow"];
        Assert.Equal(settings.Length, problems.Count);
        for (int i = 0; i < settings.Length; i++)
        {
            Assert.StartsWith($"Martech:Sms:{settings[i]} ", problems[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ValidOptions_HasNoProblems()
    {
        var options = new TwilioOptions { AccountSid = TwilioWire.AccountSid, AuthToken = "t", MessagingServiceSid = "MG0123456789abcdef0123456789abcdef", MaxSegments = 24 };

        Assert.Empty(options.Validate("Martech:Twilio"));
    }

    [Fact]
    public void ToString_NeverPrintsTheAuthToken()
    {
        var options = new TwilioOptions { AccountSid = TwilioWire.AccountSid, AuthToken = TwilioWire.AuthToken, From = TwilioWire.From };

        Assert.DoesNotContain(TwilioWire.AuthToken, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTwilio_BindsFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Twilio:AccountSid"] = TwilioWire.AccountSid,
            ["Martech:Twilio:AuthToken"] = "cfg-token",
            ["Martech:Twilio:From"] = "+15005550006",
            ["Martech:Twilio:StatusCallback"] = "https://hooks.example.com/status",
            ["Martech:Twilio:WhatsApp"] = "true",
            ["Martech:Twilio:MaxSegments"] = "4",
            ["Martech:Twilio:OverLimit"] = "Truncate",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddTwilio();
        await using var provider = services.BuildServiceProvider();

        TwilioOptions options = provider.GetRequiredService<IOptionsMonitor<TwilioOptions>>().Get("Twilio");

        Assert.Equal("cfg-token", options.AuthToken);
        Assert.Equal(new Uri("https://hooks.example.com/status"), options.StatusCallback);
        Assert.True(options.WhatsApp);
        Assert.Equal(4, options.MaxSegments);
        Assert.Equal(OverLimitBehavior.Truncate, options.OverLimit);
    }

    [Fact]
    public async Task AddTwilio_MissingSettings_FailsWhenResolvedNamingThem()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddTwilio();
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredKeyedService<IMessageSender>("Twilio"));

        Assert.Contains("Martech:Twilio:AccountSid", ex.Message, StringComparison.Ordinal);
    }
}
