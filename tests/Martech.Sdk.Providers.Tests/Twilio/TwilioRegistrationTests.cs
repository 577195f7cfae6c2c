using Martech.Sdk.Twilio;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Twilio;

/// <summary>What <c>AddTwilio</c> registers, and what its sender answers to <c>GetService</c>.</summary>
public sealed class TwilioRegistrationTests
{
    [Fact]
    public async Task AddTwilio_RegistersTheMessageSenderKeyedAndAsDefault()
    {
        await using var wire = TwilioWire.Create();

        Assert.NotNull(wire.Services.GetRequiredKeyedService<IMessageSender>("Twilio"));
        Assert.NotNull(wire.Services.GetRequiredService<IMessageSender>());
        Assert.Null(wire.Services.GetService<IEmailSender>());
    }

    [Fact]
    public async Task GetService_AnswersMetadataOptionsAndItself()
    {
        await using var wire = TwilioWire.Create(name: "TwilioUK");

        Assert.Equal(new MartechProviderMetadata("TwilioUK", "Twilio"), wire.Sender.GetService<MartechProviderMetadata>());
        Assert.Equal(TwilioWire.AccountSid, wire.Sender.GetService<TwilioOptions>()!.AccountSid);
        Assert.Same(wire.Sender, wire.Sender.GetService<IMessageSender>());
        Assert.Null(wire.Sender.GetService<IMessageSender>("some-key"));
        Assert.Null(wire.Sender.GetService<IContactClient>());
    }
}
