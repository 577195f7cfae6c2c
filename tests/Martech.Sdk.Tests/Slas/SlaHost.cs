using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Slas;

/// <summary>A host of the SLA engine for tests: the in-memory provider (leads and messages), a manual clock, and
/// started as a host would (options validated), without running the hosted services unless asked.</summary>
internal sealed class SlaHost : IAsyncDisposable
{
    private SlaHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public SlaMonitor Monitor => Services.GetRequiredService<SlaMonitor>();

    public ILeadClient Leads => Services.GetRequiredKeyedService<ILeadClient>("InMemory");

    public ISlaTracker Tracker => Services.GetRequiredService<ISlaTracker>();

    public IReadOnlyList<SentMessage> Sent => Services.GetRequiredKeyedService<InMemoryMartechStore>("InMemory").SentMessages;

    public static SlaHost Start(ManualTimeProvider clock, Action<SlasBuilder> slas, IDictionary<string, string?>? configuration = null, Action<IServiceCollection>? services = null)
    {
        ServiceProvider provider = Build(clock, slas, configuration, services);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new SlaHost(provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>Builds and validates as a host start would, returning the failure.</summary>
    public static OptionsValidationException StartFails(Action<SlasBuilder> slas, IDictionary<string, string?>? configuration = null, Action<IServiceCollection>? services = null)
    {
        using ServiceProvider provider = Build(new ManualTimeProvider(), slas, configuration, services);
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private static ServiceProvider Build(ManualTimeProvider clock, Action<SlasBuilder> slas, IDictionary<string, string?>? configuration, Action<IServiceCollection>? configureServices)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        IConfigurationRoot root = new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build();
        MartechBuilder martech = services.AddMartech(root.GetSection("Martech"));
        martech.AddInMemory();
        slas(martech.AddSlas());
        configureServices?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
