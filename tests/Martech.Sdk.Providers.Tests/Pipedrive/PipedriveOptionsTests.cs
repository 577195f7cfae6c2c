using Martech.Sdk.Pipedrive;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

public sealed class PipedriveOptionsTests
{
    private const string Path = "Martech:Pipedrive";

    [Fact]
    public void Validate_Defaults_OnlyTheTokenIsMissing()
    {
        string problem = Assert.Single(new PipedriveOptions().Validate(Path));

        Assert.StartsWith("Martech:Pipedrive:ApiToken is required", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryBadSetting_NamesItsConfigurationPath()
    {
        var options = new PipedriveOptions
        {
            ApiToken = "t",
            CompanyDomain = "acme.pipedrive.com",
            BaseAddress = new Uri("https://api.pipedrive.com/api/v2"),
            V1BaseAddress = new Uri("ftp://api.pipedrive.com/v1/"),
            DefaultPageSize = 501,
            RateLimitPermitLimit = 0,
            RateLimitWindow = TimeSpan.Zero,
            FieldCacheDuration = TimeSpan.FromSeconds(-1),
            ConversionPollAttempts = 0,
            ConversionPollInterval = TimeSpan.FromHours(1),
            Resilience = new MartechResilienceOptions { MaxRetryAttempts = 50 },
        };

        string[] problems = [.. options.Validate(Path)];

        string[] settings = ["CompanyDomain", "BaseAddress", "V1BaseAddress", "DefaultPageSize", "RateLimitPermitLimit", "RateLimitWindow", "FieldCacheDuration", "ConversionPollAttempts", "ConversionPollInterval", "Resilience:MaxRetryAttempts"];
        Assert.Equal(settings.Length, problems.Length);
        for (int i = 0; i < settings.Length; i++)
        {
            Assert.StartsWith($"{Path}:{settings[i]} ", problems[i], StringComparison.Ordinal);
        }

        Assert.Contains("MaxRetryAttempts", problems[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsTheToken()
    {
        var options = new PipedriveOptions { ApiToken = "super-secret-token" };

        Assert.DoesNotContain("super-secret-token", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddPipedrive_FromConfiguration_BindsEverySetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:PipedriveEU:ApiToken"] = "from-config",
            ["Martech:PipedriveEU:CompanyDomain"] = "acme",
            ["Martech:PipedriveEU:V1BaseAddress"] = "http://127.0.0.1:5000/v1/",
            ["Martech:PipedriveEU:DefaultPageSize"] = "250",
            ["Martech:PipedriveEU:RateLimitPermitLimit"] = "160",
            ["Martech:PipedriveEU:UseMarketingStatus"] = "false",
            ["Martech:PipedriveEU:Fields:Company"] = "Organisation",
            ["Martech:PipedriveEU:Fields:SmsConsent"] = "",
            ["Martech:PipedriveEU:Resilience:MaxRetryAttempts"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddPipedrive("PipedriveEU");
        using ServiceProvider provider = services.BuildServiceProvider();

        PipedriveOptions options = provider.GetRequiredService<IOptionsMonitor<PipedriveOptions>>().Get("PipedriveEU");

        Assert.Equal(("from-config", "acme", 250, 160, false), (options.ApiToken, options.CompanyDomain, options.DefaultPageSize, options.RateLimitPermitLimit, options.UseMarketingStatus));
        Assert.Equal(new Uri("http://127.0.0.1:5000/v1/"), options.V1BaseAddress);
        Assert.Equal(new Uri("https://acme.pipedrive.com/api/v2/"), options.ResolveBaseAddress());
        Assert.Equal(new Uri("http://127.0.0.1:5000/v1/"), options.ResolveV1BaseAddress());
        Assert.Equal("Organisation", options.Fields.Company);
        Assert.True(string.IsNullOrEmpty(options.Fields.SmsConsent));
        Assert.Equal("Job title", options.Fields.JobTitle);
        Assert.Equal(5, options.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public void AddPipedrive_NoToken_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddPipedrive();
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<PipedriveOptions>>().Get("Pipedrive"));

        Assert.Contains("Martech:Pipedrive:ApiToken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveAddresses_Default_AreTheApiHost()
    {
        var options = new PipedriveOptions();

        Assert.Equal(new Uri("https://api.pipedrive.com/api/v2/"), options.ResolveBaseAddress());
        Assert.Equal(new Uri("https://api.pipedrive.com/v1/"), options.ResolveV1BaseAddress());
    }
}
