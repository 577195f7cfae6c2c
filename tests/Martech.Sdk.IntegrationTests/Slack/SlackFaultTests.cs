using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>Slack's <c>chat.postMessage</c> with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>).</summary>
public sealed class SlackFaultTests(SlackEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<SlackEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/chat.postMessage";

    protected override IReadOnlyList<string> Secrets => [fixture.Emulator.BotToken];

    protected override ServiceProvider CreateServices() => fixture.CreateServices();

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IMessageSender>("Slack").SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel(SlackEmulatorFixture.ChannelId), Text = "New lead: Ada" });

    protected override void AssertServerError(MartechRequestException exception)
    {
        Assert.Equal("internal_error", exception.ErrorCode);
        Assert.Empty(fixture.Emulator.Messages);
    }
}
