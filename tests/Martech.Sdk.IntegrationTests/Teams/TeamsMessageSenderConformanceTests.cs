using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Teams;

/// <summary>The <see cref="IMessageSender"/> conformance suite, run against the Teams provider and its emulator over
/// real sockets.</summary>
public sealed class TeamsMessageSenderConformanceTests(TeamsEmulatorFixture fixture, ITestOutputHelper output)
    : MessageSenderConformanceTests(output), IClassFixture<TeamsEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Workflows webhooks post to one channel each; Teams users, chats and phones are not reachable.</summary>
    protected override IReadOnlySet<MessageDestinationKind> SupportedDestinations { get; } = new HashSet<MessageDestinationKind> { MessageDestinationKind.Channel };

    /// <summary>A Workflows webhook only starts new channel posts and returns no message id to reply to.</summary>
    protected override bool SupportsThreads => false;

    protected override MessageDestination CreateDestination(MessageDestinationKind kind) =>
        kind == MessageDestinationKind.Channel ? MessageDestination.Channel(TeamsEmulatorFixture.Channel) : base.CreateDestination(kind);

    protected override Task<IMessageSender> CreateSenderAsync()
    {
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<IMessageSender>("Teams"));
    }

    protected override Task<IReadOnlyList<DeliveredMessage>> GetDeliveredAsync() => Task.FromResult(fixture.Delivered());

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
