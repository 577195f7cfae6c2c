using Martech.Sdk.Pipedrive;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Pipedrive;

/// <summary>
/// One <see cref="PipedriveEmulator"/> per test class, started once and reset per test, with the custom fields the
/// conformance suites write (Pipedrive stores custom values only in fields that exist), and a provider built through
/// DI as a user would, pointed at it over real sockets.
/// </summary>
public sealed class PipedriveEmulatorFixture : IAsyncLifetime
{
    /// <summary>Person fields the contact conformance suite writes, with Pipedrive field types.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> ConformancePersonFields =
    [
        ("favourite_colour", "varchar"),
        ("employees", "double"),
        ("discount", "double"),
        ("newsletter", "varchar"),
        ("trial_ends", "varchar"),
        ("vendor_blob", "text"),
    ];

    /// <summary>Lead fields the lead conformance suite writes.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> ConformanceLeadFields =
    [
        ("budget_band", "varchar"),
        ("seats", "double"),
        ("demo_requested", "varchar"),
    ];

    public PipedriveEmulator Emulator { get; } = new();

    public async Task InitializeAsync()
    {
        await Emulator.StartAsync();
        Reset();
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Empties the emulator and adds the conformance fields back.</summary>
    public void Reset()
    {
        Emulator.Reset();
        foreach (var (name, type) in ConformancePersonFields)
        {
            Emulator.AddPersonField(name, type);
        }

        foreach (var (name, type) in ConformanceLeadFields)
        {
            Emulator.AddLeadField(name, type);
        }
    }

    /// <summary>Builds a container with a Pipedrive instance pointed at the emulator: no waiting on the rate budget
    /// unless a test sets one, conversions polled without delay.</summary>
    public ServiceProvider CreateServices(Action<PipedriveOptions>? configure = null, string name = "Pipedrive", Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddMartech().AddPipedrive(name, o =>
        {
            o.ApiToken = PipedriveEmulator.DefaultApiToken;
            o.BaseAddress = Emulator.V2BaseAddress;
            o.V1BaseAddress = Emulator.V1BaseAddress;
            o.RateLimitPermitLimit = 100_000;
            o.RateLimitWindow = TimeSpan.FromSeconds(1);
            o.ConversionPollInterval = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
