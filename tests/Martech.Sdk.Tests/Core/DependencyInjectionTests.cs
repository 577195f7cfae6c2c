using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Core;

public class DependencyInjectionTests
{
    private sealed class SampleOptions : MartechProviderOptions
    {
        public string? ApiKey { get; set; }

        public int PageSize { get; set; } = 10;

        public override IEnumerable<string> Validate(string configurationPath)
        {
            if (string.IsNullOrWhiteSpace(ApiKey))
            {
                yield return $"{configurationPath}:ApiKey is required.";
            }

            if (PageSize is < 1 or > 100)
            {
                yield return $"{configurationPath}:PageSize must be between 1 and 100 (was {PageSize}).";
            }
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static MartechProviderBuilder AddFake(MartechBuilder builder, string name, FakeContactClient? contacts = null, IEmailSender? email = null)
    {
        var provider = builder.AddProvider(name, "Fake");
        provider.AddCapability<IContactClient>(_ => contacts ?? new FakeContactClient(name));
        if (email is not null)
        {
            provider.AddCapability(_ => email);
        }

        return provider;
    }

    [Fact]
    public void AddCapability_FirstProvider_ServesUnkeyedAndKeyed()
    {
        var services = new ServiceCollection();
        var martech = services.AddMartech();
        AddFake(martech, "A");
        AddFake(martech, "B");
        using var sp = services.BuildServiceProvider();

        Assert.Equal("A", ((FakeContactClient)sp.GetRequiredService<IContactClient>()).Label);
        Assert.Equal("B", ((FakeContactClient)sp.GetRequiredKeyedService<IContactClient>("B")).Label);
        Assert.Same(sp.GetRequiredKeyedService<IContactClient>("A"), sp.GetRequiredService<IContactClient>());
    }

    [Fact]
    public void Defaults_FromConfiguration_RouteUnkeyedService()
    {
        var config = Config(("Martech:Defaults:Contacts", "B"));
        var services = new ServiceCollection();
        var martech = services.AddMartech(config.GetSection("Martech"));
        AddFake(martech, "A");
        AddFake(martech, "B");
        using var sp = services.BuildServiceProvider();

        Assert.Equal("B", ((FakeContactClient)sp.GetRequiredService<IContactClient>()).Label);
    }

    [Fact]
    public void Defaults_NamingUnknownProvider_FailValidationWithSettingAndKnownProviders()
    {
        var config = Config(("Martech:Defaults:Contacts", "HubSpot"));
        var services = new ServiceCollection();
        AddFake(services.AddMartech(config.GetSection("Martech")), "InMemory");
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<MartechDefaultsOptions>>().Value);
        Assert.Contains("Martech:Defaults:Contacts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'HubSpot'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("InMemory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_NamingProviderWithoutCapability_SaysSo()
    {
        var config = Config(("Martech:Defaults:Email", "A"));
        var services = new ServiceCollection();
        var martech = services.AddMartech(config.GetSection("Martech"));
        AddFake(martech, "A");
        AddFake(martech, "B", email: new RecordingEmailSender());
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<MartechDefaultsOptions>>().Value);
        Assert.Contains("does not supply IEmailSender", ex.Message, StringComparison.Ordinal);
        Assert.Contains("B", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddProvider_DuplicateName_Throws()
    {
        var martech = new ServiceCollection().AddMartech();
        martech.AddProvider("X", "Fake");
        var ex = Assert.Throws<InvalidOperationException>(() => martech.AddProvider("x", "Fake"));
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMartech_CalledTwice_SharesRegistry()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("X", "Fake");
        Assert.Throws<InvalidOperationException>(() => services.AddMartech().AddProvider("X", "Fake"));
        Assert.Single(services.AddMartech().ProviderNames);
    }

    [Fact]
    public void AddCapability_NotACapabilityInterface_Throws()
    {
        var provider = new ServiceCollection().AddMartech().AddProvider("X", "Fake");
        Assert.Throws<ArgumentException>(() => provider.AddCapability<IDisposable>(_ => new MemoryStream()));
    }

    [Fact]
    public void ConfigureOptions_BindsSectionThenCode_AndValidatesWithConfigurationPath()
    {
        var config = Config(("Martech:Sample:ApiKey", "k"), ("Martech:Sample:PageSize", "20"));
        var services = new ServiceCollection();
        var provider = services.AddMartech(config.GetSection("Martech")).AddProvider("Sample", "Fake");
        provider.ConfigureOptions<SampleOptions>((section, o) => section.Bind(o), o => o.PageSize += 1);
        using var sp = services.BuildServiceProvider();

        var options = sp.GetRequiredService<IOptionsMonitor<SampleOptions>>().Get("Sample");
        Assert.Equal("k", options.ApiKey);
        Assert.Equal(21, options.PageSize);
    }

    [Fact]
    public void ConfigureOptions_MissingSetting_MessageNamesConfigurationPath()
    {
        var config = Config(("Martech:Other:PageSize", "500"));
        var services = new ServiceCollection();
        var provider = services.AddMartech(config.GetSection("Martech")).AddProvider("Other", "Fake");
        provider.ConfigureOptions<SampleOptions>((section, o) => section.Bind(o), null);
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<SampleOptions>>().Get("Other"));
        Assert.Contains("Martech:Other:ApiKey is required.", ex.Failures);
        Assert.Contains("Martech:Other:PageSize must be between 1 and 100 (was 500).", ex.Failures);
    }

    [Fact]
    public void ConfigureOptions_ValidatesOnStart()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("S", "Fake").ConfigureOptions<SampleOptions>((section, o) => section.Bind(o), null);
        using var sp = services.BuildServiceProvider();

        // The host runs IStartupValidator when it starts; a missing key must stop it there, not on first use.
        var validator = sp.GetRequiredService<IStartupValidator>();
        var ex = Assert.Throws<OptionsValidationException>(validator.Validate);
        Assert.Contains("Martech:S:ApiKey is required.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Use_MiddlewareOrder_FirstAddedIsOutermost()
    {
        var calls = new List<string>();
        var services = new ServiceCollection();
        var provider = AddFake(services.AddMartech(), "A");
        provider.Use<IContactClient>((inner, _) => new TracingContactClient(inner, "outer", calls));
        provider.Use<IContactClient>((inner, _) => new TracingContactClient(inner, "inner", calls));
        using var sp = services.BuildServiceProvider();

        await sp.GetRequiredService<IContactClient>().GetAsync("x");

        Assert.Equal(["outer", "inner"], calls);
        Assert.NotNull(sp.GetRequiredService<IContactClient>().GetService<FakeContactClient>());
    }

    [Fact]
    public void Use_MiddlewareForCapabilityProviderLacks_IsIgnored()
    {
        var services = new ServiceCollection();
        AddFake(services.AddMartech(), "A").UseLogging().UseConsent();
        using var sp = services.BuildServiceProvider();

        Assert.IsType<LoggingContactClient>(sp.GetRequiredService<IContactClient>());
        Assert.Null(sp.GetService<IEmailSender>());
    }

    private sealed class TracingContactClient(IContactClient inner, string name, List<string> calls) : DelegatingContactClient(inner)
    {
        public override Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            calls.Add(name);
            return base.GetAsync(id, cancellationToken);
        }
    }
}
