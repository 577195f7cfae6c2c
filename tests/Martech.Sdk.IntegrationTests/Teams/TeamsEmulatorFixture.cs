using Martech.Sdk.Teams;
using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Teams;

/// <summary>One <see cref="TeamsEmulator"/> per test class, reset for every provider built on it.</summary>
public sealed class TeamsEmulatorFixture : IAsyncLifetime
{
    /// <summary>The channel every fixture provider knows.</summary>
    public const string Channel = "conformance-alerts";

    public TeamsEmulator Emulator { get; } = new();

    public Uri ChannelUrl { get; private set; } = null!;

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public ServiceProvider CreateServices(Action<TeamsOptions>? configure = null)
    {
        Emulator.Reset();
        ChannelUrl = Emulator.AddChannel(Channel);
        var services = new ServiceCollection();
        services.AddMartech().AddTeams(configure: o =>
        {
            o.AddChannel(Channel, ChannelUrl);
            o.RateLimitPermits = 1000;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    public IReadOnlyList<DeliveredMessage> Delivered() =>
        [.. Emulator.Messages.Select(m => new DeliveredMessage(m.RunId, MessageDestinationKind.Channel, m.Channel, null, m.Content))];
}
