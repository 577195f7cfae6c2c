using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Martech.Sdk.Tests.Core;

namespace Martech.Sdk.Tests.DataQuality.Report;

/// <summary>Settings from <c>Martech:DataQuality:Report</c>: bound, and checked when the host starts with messages that
/// name the configuration path and the fix; the same checks guard the constructor.</summary>
public class ReportOptionsTests
{
    private static ServiceProvider Start(Dictionary<string, string?> settings, Action<DataQualityReportOptions>? configure = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddDataQualityReport(configure);
        return StartupValidationTests.StartAsAHostWould(services);
    }

    [Fact]
    public void AddDataQualityReport_BadSettings_FailAtStartNamingEachPathAndTheFix()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Martech:DataQuality:Report:RequiredFields:0"] = "Email",
            ["Martech:DataQuality:Report:RequiredFields:1"] = "lead_status",
            ["Martech:DataQuality:Report:RequiredFields:2"] = "Status",
            ["Martech:DataQuality:Report:RequiredFields:3"] = "e-mail",
            ["Martech:DataQuality:Report:RequiredFields:4"] = "custom:",
            ["Martech:DataQuality:Report:StaleAfterDays"] = "-1",
            ["Martech:DataQuality:Report:SamplesPerKind"] = "20000",
            ["Martech:DataQuality:Report:DisposableDomains:0"] = "@mailinator.com",
            ["Martech:DataQuality:Report:CommonDomains:0"] = "intranet",
            ["Martech:DataQuality:Report:RoleLocalParts:0"] = "info@",
            ["Martech:DataQuality:Report:MarketingStages:0"] = " ",
        }));

        Assert.Equal(
            [
                "Martech:DataQuality:Report:RequiredFields:2 ('Status') is a lead field; contacts have no Status: remove it or name a contact field (Email, Phone, FirstName, LastName, Company, JobTitle, LifecycleStage, OwnerId, EmailConsent, a custom field, ...).",
                "Martech:DataQuality:Report:RequiredFields:3 ('e-mail') names Email again: remove it.",
                "Martech:DataQuality:Report:RequiredFields:4: The field name 'custom:' names no custom field after 'custom:'. Remove it or name a field such as Email.",
                "Martech:DataQuality:Report:StaleAfterDays must be a number of days from 1 to 36500, or 0 to turn the stale check off (was -1).",
                "Martech:DataQuality:Report:SamplesPerKind must be from 0 to 10000 (was 20000).",
                "Martech:DataQuality:Report:MarketingStages:0 is empty: remove it or write a lifecycle stage such as subscriber.",
                "Martech:DataQuality:Report:DisposableDomains:0 ('@mailinator.com') is not a domain: write it as mailinator.com (no '@', no scheme, at least one dot).",
                "Martech:DataQuality:Report:CommonDomains:0 ('intranet') is not a domain: write it as example-corp.com (no '@', no scheme, at least one dot).",
                "Martech:DataQuality:Report:RoleLocalParts:0 ('info@') must be the part before '@' without a +tag, such as 'events'.",
            ],
            ex.Failures);
    }

    [Fact]
    public void AddDataQualityReport_CodeConfiguration_AppliedAfterBindingAndValidated()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Start(new() { ["Martech:DataQuality:Report:StaleAfterDays"] = "90" }, o => o.SkippedKinds = [(DataQualityFindingKind)42]));

        Assert.Equal(["Martech:DataQuality:Report:SkippedKinds:0 (42) is not a kind of finding; use one of InvalidEmail, EmailDomainTypo, DisposableEmail, RoleEmail, InvalidPhone, MissingField, StaleRecord, MissingUpdatedAt, ConsentGap."], ex.Failures);
    }

    [Fact]
    public void AddDataQualityReport_FromConfiguration_BindsEverySetting()
    {
        using ServiceProvider provider = Start(new()
        {
            ["Martech:DataQuality:Report:RequiredFields:0"] = "Company",
            ["Martech:DataQuality:Report:StaleAfterDays"] = "30",
            ["Martech:DataQuality:Report:MarketingStages:0"] = "nurture",
            ["Martech:DataQuality:Report:DisposableDomains:0"] = "burner.io",
            ["Martech:DataQuality:Report:UseBuiltInDisposableDomains"] = "false",
            ["Martech:DataQuality:Report:RoleLocalParts:0"] = "events",
            ["Martech:DataQuality:Report:UseBuiltInRoleLocalParts"] = "false",
            ["Martech:DataQuality:Report:CommonDomains:0"] = "contoso.com",
            ["Martech:DataQuality:Report:UnparsedEmailFields:0"] = "email_raw",
            ["Martech:DataQuality:Report:UnparsedPhoneFields:0"] = "phone_raw",
            ["Martech:DataQuality:Report:SkippedKinds:0"] = "ConsentGap",
            ["Martech:DataQuality:Report:SamplesPerKind"] = "5",
        });

        DataQualityReportOptions o = provider.GetRequiredService<IOptions<DataQualityReportOptions>>().Value;

        Assert.Equal(["Company"], o.RequiredFields);
        Assert.Equal(30, o.StaleAfterDays);
        Assert.Equal(["nurture"], o.MarketingStages);
        Assert.Equal(["burner.io"], o.DisposableDomains);
        Assert.False(o.UseBuiltInDisposableDomains);
        Assert.Equal(["events"], o.RoleLocalParts);
        Assert.False(o.UseBuiltInRoleLocalParts);
        Assert.Equal(["contoso.com"], o.CommonDomains);
        Assert.Equal(["email_raw"], o.UnparsedEmailFields);
        Assert.Equal(["phone_raw"], o.UnparsedPhoneFields);
        Assert.Equal([DataQualityFindingKind.ConsentGap], o.SkippedKinds);
        Assert.Equal(5, o.SamplesPerKind);
        Assert.NotNull(provider.GetRequiredService<ContactQualityChecker>());
    }

    [Fact]
    public void AddDataQualityReport_CalledTwice_OneChecker()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddDataQualityReport().AddDataQualityReport(o => o.StaleAfterDays = 7);
        using ServiceProvider provider = StartupValidationTests.StartAsAHostWould(services);

        Assert.Single(services, d => d.ServiceType == typeof(ContactQualityChecker));
        Assert.Equal(7, provider.GetRequiredService<IOptions<DataQualityReportOptions>>().Value.StaleAfterDays);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ContactQualityChecker(new DataQualityReportOptions { RequiredFields = ["Score"] }));

        Assert.StartsWith("DataQualityReportOptions:RequiredFields:0 ('Score') is a lead field; contacts have no Score", ex.Message, StringComparison.Ordinal);
    }
}
