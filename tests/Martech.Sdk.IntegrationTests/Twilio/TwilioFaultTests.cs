using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Twilio;

/// <summary>A Twilio SMS send with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>).</summary>
public sealed class TwilioFaultTests(TwilioEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<TwilioEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/2010-04-01/Accounts/{accountSid}/Messages.json";

    protected override IReadOnlyList<string> Secrets => [fixture.Emulator.AuthToken];

    protected override ServiceProvider CreateServices() => fixture.CreateServices();

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IMessageSender>("Twilio").SendAsync(new OutgoingMessage { Destination = MessageDestination.Phone(PhoneNumber.Parse("+14155550123")), Text = "Your code is 1234." });

    protected override void AssertServerError(MartechRequestException exception) =>
        Assert.Empty(fixture.Emulator.Messages);
}
