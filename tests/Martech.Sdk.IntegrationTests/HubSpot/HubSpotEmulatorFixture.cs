using Martech.Sdk.HubSpot;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>One HubSpot emulator per test class on 127.0.0.1, and the HubSpot provider registered against it as a user
/// would (AddMartech().AddHubSpot(...)), with a generous rate budget and short backoffs so tests stay fast.</summary>
public sealed class HubSpotEmulatorFixture : IAsyncLifetime
{
    public HubSpotEmulator Emulator { get; } = new();

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Resets the emulator and builds a fresh container with one HubSpot instance pointed at it.</summary>
    public ServiceProvider BuildServices(Action<HubSpotOptions>? configure = null, Action<MartechBuilder>? also = null)
    {
        Emulator.Reset();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddHubSpot(configure: options =>
        {
            Configure(options);
            configure?.Invoke(options);
        });
        also?.Invoke(martech);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Points options at the emulator with test-friendly limits.</summary>
    public void Configure(HubSpotOptions options)
    {
        options.BaseAddress = Emulator.BaseAddress;
        options.AccessToken = HubSpotEmulator.DefaultAccessToken;
        options.RateLimitPermits = 100_000;
        options.RateLimitWindow = TimeSpan.FromSeconds(1);
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(100);
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
        options.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
    }
}
