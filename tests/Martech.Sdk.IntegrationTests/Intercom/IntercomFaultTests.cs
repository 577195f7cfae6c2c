using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Intercom;

/// <summary>An Intercom conversation reply with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>).</summary>
public sealed class IntercomFaultTests(IntercomEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<IntercomEmulatorFixture>
{
    private const string ConversationId = "1295";

    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/conversations/{conversationId}/reply";

    protected override IReadOnlyList<string> Secrets => [fixture.Emulator.AccessToken];

    protected override ServiceProvider CreateServices() => fixture.CreateServices();

    protected override Task ArrangeAsync()
    {
        fixture.Emulator.AddConversation("c1", ConversationId);
        return Task.CompletedTask;
    }

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IMessageSender>("Intercom").SendAsync(new OutgoingMessage { Destination = MessageDestination.Conversation(ConversationId), Text = "Thanks, Ada." });

    protected override void AssertServerError(MartechRequestException exception) =>
        Assert.Empty(fixture.Emulator.Replies);
}
