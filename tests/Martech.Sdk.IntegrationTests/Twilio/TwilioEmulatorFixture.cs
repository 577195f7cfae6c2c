using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Martech.Sdk.Twilio;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Twilio;

/// <summary>One Twilio emulator on 127.0.0.1 per test class; each test resets it and builds the provider afresh.</summary>
public sealed class TwilioEmulatorFixture : IAsyncLifetime
{
    public const string From = "+15005550006";

    public TwilioEmulator Emulator { get; } = new();

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Resets the emulator and builds a container with a Twilio instance pointed at it, as a user would.</summary>
    public ServiceProvider CreateServices(Action<TwilioOptions>? configure = null)
    {
        Emulator.Reset();
        var services = new ServiceCollection();
        services.AddMartech().AddTwilio(configure: o =>
        {
            o.AccountSid = Emulator.AccountSid;
            o.AuthToken = Emulator.AuthToken;
            o.From = From;
            o.BaseAddress = Emulator.BaseAddress;
            o.RateLimitPermits = 1000;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>What the emulator received, as the conformance suite reads it.</summary>
    public IReadOnlyList<DeliveredMessage> Delivered() =>
        [.. Emulator.Messages.Select(m => new DeliveredMessage(m.Sid, MessageDestinationKind.PhoneNumber, m.To, null, m.Body))];
}
