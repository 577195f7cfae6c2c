using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Twilio;

/// <summary>The message-sender conformance suite: the real Twilio provider against the emulator over real sockets.</summary>
public sealed class TwilioMessageSenderConformanceTests(TwilioEmulatorFixture fixture, ITestOutputHelper output)
    : MessageSenderConformanceTests(output), IClassFixture<TwilioEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Twilio Messaging reaches phone numbers only (SMS, or WhatsApp with the same E.164 address); it has no
    /// channels, users, conversations or threads.</summary>
    protected override IReadOnlySet<MessageDestinationKind> SupportedDestinations { get; } = new HashSet<MessageDestinationKind> { MessageDestinationKind.PhoneNumber };

    protected override Task<IMessageSender> CreateSenderAsync()
    {
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<IMessageSender>("Twilio"));
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
