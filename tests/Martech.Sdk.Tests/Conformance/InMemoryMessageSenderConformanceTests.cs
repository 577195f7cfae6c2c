using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>The messaging conformance suite against the in-memory provider, registered as a user would; what was
/// delivered is read from the instance's <see cref="InMemoryMartechStore.SentMessages"/>.</summary>
public sealed class InMemoryMessageSenderConformanceTests(ITestOutputHelper output) : MessageSenderConformanceTests(output)
{
    private ServiceProvider? _services;

    protected override Task<IMessageSender> CreateSenderAsync()
    {
        _services = InMemoryConformance.BuildServices();
        return Task.FromResult(_services.GetRequiredService<IMessageSender>());
    }

    protected override Task<IReadOnlyList<DeliveredMessage>> GetDeliveredAsync()
    {
        IReadOnlyList<DeliveredMessage> delivered = InMemoryConformance.Store(Services).SentMessages
            .Select(static m => new DeliveredMessage(
                m.MessageId,
                m.Message.Destination.Kind,
                m.Message.Destination.Id,
                m.Message.Destination.ThreadId,
                m.RenderedText))
            .ToList();
        return Task.FromResult(delivered);
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("CreateSenderAsync has not run.");
}
