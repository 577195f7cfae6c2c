using Martech.Sdk.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>HubSpot options: documented defaults, validation messages that name the setting, and binding from
/// configuration.</summary>
public sealed class HubSpotOptionsTests
{
    private static List<string> Problems(Action<HubSpotOptions> change)
    {
        var options = new HubSpotOptions { AccessToken = "pat-na1-x" };
        change(options);
        return [.. options.Validate("Martech:HubSpot")];
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new HubSpotOptions();

        Assert.Equal(new Uri("https://api.hubapi.com/"), options.BaseAddress);
        Assert.Equal("crm/v3/objects", options.ObjectsPath);
        Assert.Equal((100, 100), (options.MaxBatchSize, options.MaxPageSize));
        Assert.Equal((HubSpotApiTier.FreeOrStarter, 100, TimeSpan.FromSeconds(10)), (options.Tier, options.GetEffectiveRateLimitPermits(), options.RateLimitWindow));
        Assert.Equal((578, "HUBSPOT_DEFINED"), (options.LeadContactAssociationTypeId, options.LeadContactAssociationCategory));
        Assert.Equal(("hs_lead_name", "hs_lead_label", "hubspot_owner_id"), (options.LeadProperties.Name, options.LeadProperties.Status, options.LeadProperties.Owner));
        Assert.Equal("martech_email_consent", options.EmailConsent.StatusProperty);
        Assert.Equal("martech_sms_consent_updated_at", options.SmsConsent.UpdatedAtProperty);
        Assert.Empty(options.ContactPropertiesToRead);
    }

    [Theory]
    [InlineData(HubSpotApiTier.FreeOrStarter, 100)]
    [InlineData(HubSpotApiTier.ProfessionalOrEnterprise, 150)]
    [InlineData(HubSpotApiTier.ApiLimitIncrease, 200)]
    public void GetEffectiveRateLimitPermits_Tier_PublishedBurstLimit(HubSpotApiTier tier, int expected)
    {
        Assert.Equal(expected, new HubSpotOptions { Tier = tier }.GetEffectiveRateLimitPermits());
        Assert.Equal(42, new HubSpotOptions { Tier = tier, RateLimitPermits = 42 }.GetEffectiveRateLimitPermits());
    }

    [Fact]
    public void Validate_ValidOptions_NoProblems()
    {
        Assert.Empty(Problems(_ => { }));
    }

    [Theory]
    [InlineData("AccessToken", "Martech:HubSpot:AccessToken is required")]
    [InlineData("AccessTokenSpace", "Martech:HubSpot:AccessToken holds white space")]
    [InlineData("BaseAddress", "Martech:HubSpot:BaseAddress must be an absolute http or https address")]
    [InlineData("ObjectsPath", "Martech:HubSpot:ObjectsPath must be a relative path")]
    [InlineData("ContactPropertiesToRead", "Martech:HubSpot:ContactPropertiesToRead:0 is not a valid property name")]
    [InlineData("EmailConsent", "Martech:HubSpot:EmailConsent:SourceProperty is not a valid property name")]
    [InlineData("LeadName", "Martech:HubSpot:LeadProperties:Name is required")]
    [InlineData("LeadStatusValues", "Martech:HubSpot:LeadStatusValues maps 'working'")]
    [InlineData("AssociationType", "Martech:HubSpot:LeadContactAssociationTypeId must be a positive")]
    [InlineData("MaxBatchSize", "Martech:HubSpot:MaxBatchSize must be between 1 and 1000")]
    [InlineData("MaxPageSize", "Martech:HubSpot:MaxPageSize must be between 1 and 1000")]
    [InlineData("RateLimitPermits", "Martech:HubSpot:RateLimitPermits must be at least 1")]
    [InlineData("RateLimitWindow", "Martech:HubSpot:RateLimitWindow must be positive")]
    [InlineData("Resilience", "Martech:HubSpot:Resilience:MaxRetryAttempts must be between 0 and 20 (was -1).")]
    public void Validate_BadSetting_OneMessageNamingIt(string setting, string expected)
    {
        List<string> problems = Problems(o =>
        {
            switch (setting)
            {
                case "AccessToken": o.AccessToken = " "; break;
                case "AccessTokenSpace": o.AccessToken = "pat-na1-x\n"; break;
                case "BaseAddress": o.BaseAddress = new Uri("ftp://api.hubapi.com/"); break;
                case "ObjectsPath": o.ObjectsPath = "https://api.hubapi.com/crm/v3/objects"; break;
                case "ContactPropertiesToRead": o.ContactPropertiesToRead = ["favourite colour"]; break;
                case "EmailConsent": o.EmailConsent.SourceProperty = "a,b"; break;
                case "LeadName": o.LeadProperties.Name = ""; break;
                case "LeadStatusValues": o.LeadStatusValues = new Dictionary<string, string> { ["working"] = " " }; break;
                case "AssociationType": o.LeadContactAssociationTypeId = 0; break;
                case "MaxBatchSize": o.MaxBatchSize = 0; break;
                case "MaxPageSize": o.MaxPageSize = 1001; break;
                case "RateLimitPermits": o.RateLimitPermits = 0; break;
                case "RateLimitWindow": o.RateLimitWindow = TimeSpan.Zero; break;
                case "Resilience": o.Resilience.MaxRetryAttempts = -1; break;
            }
        });

        Assert.StartsWith(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsTheToken()
    {
        Assert.DoesNotContain("pat-na1-secret", new HubSpotOptions { AccessToken = "pat-na1-secret" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_FromConfiguration_SetsEverySettingKind()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:HubSpotEU:AccessToken"] = "pat-eu1-abc",
            ["Martech:HubSpotEU:BaseAddress"] = "https://api.hubapi.com",
            ["Martech:HubSpotEU:ObjectsPath"] = "crm/objects/2026-03",
            ["Martech:HubSpotEU:Tier"] = "ProfessionalOrEnterprise",
            ["Martech:HubSpotEU:ContactPropertiesToRead:0"] = "favourite_colour",
            ["Martech:HubSpotEU:ContactPropertiesToRead:1"] = "employees",
            ["Martech:HubSpotEU:ReadOnlyProperties:0"] = "hs_email_domain",
            ["Martech:HubSpotEU:LeadStatusValues:working"] = "ATTEMPTING",
            ["Martech:HubSpotEU:EmailConsent:StatusProperty"] = "gdpr_email_status",
            ["Martech:HubSpotEU:LeadProperties:Source"] = "lead_origin",
            ["Martech:HubSpotEU:LeadContactAssociationTypeId"] = "600",
            ["Martech:HubSpotEU:Resilience:MaxRetryAttempts"] = "5",
            ["Martech:HubSpotEU:RateLimitWindow"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddHubSpot("HubSpotEU");
        using ServiceProvider sp = services.BuildServiceProvider();

        HubSpotOptions options = sp.GetRequiredService<IOptionsMonitor<HubSpotOptions>>().Get("HubSpotEU");

        Assert.Equal("pat-eu1-abc", options.AccessToken);
        Assert.Equal("crm/objects/2026-03", options.ObjectsPath);
        Assert.Equal(150, options.GetEffectiveRateLimitPermits());
        Assert.Equal(["favourite_colour", "employees"], options.ContactPropertiesToRead);
        Assert.Equal(["hs_email_domain"], options.ReadOnlyProperties);
        Assert.Equal("ATTEMPTING", options.LeadStatusValues["working"]);
        Assert.Equal(("gdpr_email_status", "martech_email_consent_source"), (options.EmailConsent.StatusProperty, options.EmailConsent.SourceProperty));
        Assert.Equal(("lead_origin", "hs_lead_name"), (options.LeadProperties.Source, options.LeadProperties.Name));
        Assert.Equal(600, options.LeadContactAssociationTypeId);
        Assert.Equal(5, options.Resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RateLimitWindow);
    }
}
