using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryProviderOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreTheDocumentedValues()
    {
        var options = new InMemoryProviderOptions();

        Assert.Equal(50, options.DefaultPageSize);
        Assert.Equal(500, options.MaxPageSize);
        Assert.Equal(100, options.MaxBatchSize);
        Assert.Empty(options.Validate("Martech:InMemory"));
    }

    [Fact]
    public void Validate_MaxPageSizeZero_NamesTheSettingAndValueOnce()
    {
        var options = new InMemoryProviderOptions { MaxPageSize = 0 };

        string problem = Assert.Single(options.Validate("Martech:InMemory"));

        Assert.Equal("Martech:InMemory:MaxPageSize must be between 1 and 10000 (was 0).", problem);
    }

    [Fact]
    public void Validate_DefaultPageSizeAboveMax_NamesBothSettings()
    {
        var options = new InMemoryProviderOptions { DefaultPageSize = 600 };

        string problem = Assert.Single(options.Validate("Martech:Crm"));

        Assert.Equal("Martech:Crm:DefaultPageSize must be between 1 and Martech:Crm:MaxPageSize (500) (was 600).", problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Validate_MaxBatchSizeOutOfRange_NamesTheSetting(int maxBatchSize)
    {
        var options = new InMemoryProviderOptions { MaxBatchSize = maxBatchSize };

        string problem = Assert.Single(options.Validate("Martech:InMemory"));

        Assert.Equal($"Martech:InMemory:MaxBatchSize must be between 1 and 10000 (was {maxBatchSize}).", problem);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var options = new InMemoryProviderOptions { MaxPageSize = -1, DefaultPageSize = 0, MaxBatchSize = 0 };

        var problems = options.Validate("Martech:InMemory").ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Martech:InMemory:DefaultPageSize must be at least 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NullPath_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new InMemoryProviderOptions().Validate(null!));
    }

    [Fact]
    public void OptionsMonitorGet_MaxPageSizeZero_ThrowsNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory(configure: o => o.MaxPageSize = 0);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() =>
            provider.GetRequiredService<IOptionsMonitor<InMemoryProviderOptions>>().Get("InMemory"));

        Assert.Contains("Martech:InMemory:MaxPageSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInMemory_Configuration_BindsFromTheInstanceSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Martech:Crm:DefaultPageSize"] = "7",
                ["Martech:Crm:MaxPageSize"] = "70",
                ["Martech:Crm:MaxBatchSize"] = "9",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddInMemory("Crm");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<InMemoryProviderOptions>>().Get("Crm");

        Assert.Equal(7, options.DefaultPageSize);
        Assert.Equal(70, options.MaxPageSize);
        Assert.Equal(9, options.MaxBatchSize);
    }

    [Fact]
    public void AddInMemory_InvalidConfiguration_FailsWithTheConfigurationPath()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Martech:Crm:MaxBatchSize"] = "0" })
            .Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddInMemory("Crm");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IContactClient>("Crm"));

        Assert.Contains("Martech:Crm:MaxBatchSize must be between 1 and 10000 (was 0).", ex.Message, StringComparison.Ordinal);
    }
}
