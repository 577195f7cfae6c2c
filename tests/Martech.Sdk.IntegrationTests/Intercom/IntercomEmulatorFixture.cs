using Martech.Sdk.Intercom;
using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Intercom;

/// <summary>One Intercom emulator on 127.0.0.1 per test class; each test resets it and builds the provider afresh.</summary>
public sealed class IntercomEmulatorFixture : IAsyncLifetime
{
    public IntercomEmulator Emulator { get; } = new();

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Resets the emulator and builds a container with an Intercom instance pointed at it, as a user would.</summary>
    public ServiceProvider CreateServices(Action<IntercomOptions>? configure = null)
    {
        Emulator.Reset();
        var services = new ServiceCollection();
        services.AddMartech().AddIntercom(configure: o =>
        {
            o.AccessToken = Emulator.AccessToken;
            o.AdminId = IntercomEmulator.DefaultAdminId;
            o.BaseAddress = Emulator.BaseAddress;
            o.RateLimitPermits = 1000;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>What the emulator received, replies and messages in the order accepted, as the conformance suite reads it.</summary>
    public IReadOnlyList<DeliveredMessage> Delivered() =>
    [
        .. Emulator.Replies.Select(r => (r.Sequence, Message: new DeliveredMessage(r.PartId, MessageDestinationKind.Conversation, r.ConversationId, r.ConversationId, r.Body ?? string.Empty)))
            .Concat(Emulator.Messages.Select(m => (m.Sequence, Message: new DeliveredMessage(m.Id, MessageDestinationKind.User, m.To[0].Id, m.ConversationId, m.Body))))
            .OrderBy(d => d.Sequence)
            .Select(d => d.Message),
    ];
}
