using Martech.Sdk.Salesforce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.Salesforce;

public sealed class SalesforceOptionsTests
{
    [Fact]
    public void Validate_Defaults_NameEveryMissingSetting()
    {
        var problems = new SalesforceOptions().Validate("Martech:Salesforce").ToList();

        Assert.Equal(
        [
            "Martech:Salesforce:MyDomainUrl is required: your org's My Domain URL, such as https://acme.my.salesforce.com.",
            "Martech:Salesforce:ClientId is required: the connected app's consumer key.",
            "Martech:Salesforce:ClientSecret is required for the client-credentials grant: the connected app's consumer secret.",
        ],
            problems);
    }

    [Fact]
    public void Validate_BadValues_OneMessageEach()
    {
        var options = new SalesforceOptions
        {
            MyDomainUrl = new Uri("http://acme.my.salesforce.com"),
            ClientId = "key",
            GrantType = OAuth2GrantType.RefreshToken,
            ApiVersion = "62",
            RequestsPerSecond = 0,
            ContactEmailExternalIdField = "Email Key",
            ContactCompanyField = "Account.Industry",
            DefaultPageSize = 5000,
            DefaultLastName = " ",
        };
        options.Resilience.MaxRetryAttempts = 99;

        var problems = options.Validate("Martech:SF").ToList();

        Assert.Equal(9, problems.Count);
        Assert.Contains("Martech:SF:MyDomainUrl must be an absolute https URL (http only on a loopback address) (was 'http://acme.my.salesforce.com/').", problems);
        Assert.Contains("Martech:SF:RefreshToken is required when Martech:SF:GrantType is RefreshToken.", problems);
        Assert.Contains("Martech:SF:ApiVersion must look like v62.0 (was '62').", problems);
        Assert.Contains("Martech:SF:RequestsPerSecond must be between 1 and 10000 (was 0).", problems);
        Assert.Contains("Martech:SF:ContactEmailExternalIdField must be a field API name such as Title or My_Field__c (was 'Email Key').", problems);
        Assert.Contains("Martech:SF:ContactCompanyField must be 'Account.Name' or a Contact field API name such as Company__c (was 'Account.Industry').", problems);
        Assert.Contains("Martech:SF:DefaultPageSize must be between 1 and 2000 (was 5000).", problems);
        Assert.Contains(problems, static p => p.StartsWith("Martech:SF:DefaultLastName cannot be empty", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.Contains("Martech:SF:Resilience", StringComparison.Ordinal) && p.Contains("MaxRetryAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LoopbackHttp_IsAllowedForEmulators()
    {
        var options = new SalesforceOptions { MyDomainUrl = new Uri("http://127.0.0.1:5123/"), ClientId = "key", ClientSecret = "secret" };

        Assert.Empty(options.Validate("Martech:Salesforce"));
    }

    [Fact]
    public void AddSalesforce_FromConfiguration_BindsAndKeepsDefaultsItDoesNotName()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Salesforce:MyDomainUrl"] = "https://acme.my.salesforce.com",
            ["Martech:Salesforce:ClientId"] = "key",
            ["Martech:Salesforce:ClientSecret"] = "secret-value",
            ["Martech:Salesforce:ApiVersion"] = "v61.0",
            ["Martech:Salesforce:ContactEmailExternalIdField"] = "Email_Key__c",
            ["Martech:Salesforce:LeadStatusMap:qualified"] = "Sales Qualified",
            ["Martech:Salesforce:Resilience:MaxRetryAttempts"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddSalesforce();
        using ServiceProvider provider = services.BuildServiceProvider();

        SalesforceOptions options = provider.GetRequiredService<IOptionsMonitor<SalesforceOptions>>().Get("Salesforce");

        Assert.Equal((new Uri("https://acme.my.salesforce.com"), "key", "v61.0", "Email_Key__c", 1), (options.MyDomainUrl, options.ClientId, options.ApiVersion, options.ContactEmailExternalIdField, options.Resilience.MaxRetryAttempts));
        Assert.Equal("Sales Qualified", options.LeadStatusMap["qualified"]);
        Assert.Equal("Open - Not Contacted", options.LeadStatusMap["new"]);
        Assert.Equal(20, options.RequestsPerSecond);
        Assert.DoesNotContain("secret-value", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddSalesforce_MissingSettings_ValidationNamesThemWhenOptionsAreRead()
    {
        var services = new ServiceCollection();
        services.AddMartech(new ConfigurationBuilder().Build().GetSection("Martech")).AddSalesforce("SalesforceEU");
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IContactClient>("SalesforceEU"));

        Assert.Contains("Martech:SalesforceEU:MyDomainUrl is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:SalesforceEU:ClientId is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSalesforce_RegistersContactsLeadsCampaigns_KeyedAndAsDefault()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddSalesforce(configure: o =>
        {
            o.MyDomainUrl = new Uri("https://acme.my.salesforce.com");
            o.ClientId = "key";
            o.ClientSecret = "secret";
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var contacts = provider.GetRequiredService<IContactClient>();
        var leads = provider.GetRequiredKeyedService<ILeadClient>("Salesforce");
        var campaigns = provider.GetRequiredService<ICampaignClient>();

        Assert.Equal(new MartechProviderMetadata("Salesforce", "Salesforce"), contacts.GetService<MartechProviderMetadata>());
        Assert.Equal(new MartechProviderMetadata("Salesforce", "Salesforce"), leads.GetService<MartechProviderMetadata>());
        Assert.Same(campaigns, campaigns.GetService<ICampaignClient>());
        Assert.Equal("key", contacts.GetService<SalesforceOptions>()?.ClientId);
        Assert.Null(contacts.GetService<SalesforceOptions>("other-key"));
        Assert.Null(provider.GetService<IEmailSender>());
    }

    [Fact]
    public void AddSalesforce_TwoOrgs_IndependentInstances()
    {
        var services = new ServiceCollection();
        services.AddMartech()
            .AddSalesforce("SalesforceEU", o => (o.MyDomainUrl, o.ClientId, o.ClientSecret) = (new Uri("https://eu.my.salesforce.com"), "eu", "secret-eu"))
            .Martech.AddSalesforce("SalesforceUS", o => (o.MyDomainUrl, o.ClientId, o.ClientSecret) = (new Uri("https://us.my.salesforce.com"), "us", "secret-us"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var eu = provider.GetRequiredKeyedService<IContactClient>("SalesforceEU");
        var us = provider.GetRequiredKeyedService<IContactClient>("SalesforceUS");

        Assert.Equal(("eu", "us"), (eu.GetService<SalesforceOptions>()?.ClientId, us.GetService<SalesforceOptions>()?.ClientId));
        Assert.Equal("SalesforceEU", provider.GetRequiredService<IContactClient>().GetService<MartechProviderMetadata>()?.Name);
    }
}
