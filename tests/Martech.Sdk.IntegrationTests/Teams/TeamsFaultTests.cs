using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Teams;

/// <summary>A Teams workflow webhook post with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>); the
/// webhook URL's signature is the secret.</summary>
public sealed class TeamsFaultTests(TeamsEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<TeamsEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/workflows/{workflowId}/triggers/manual/paths/invoke";

    protected override IReadOnlyList<string> Secrets => [System.Web.HttpUtility.ParseQueryString(fixture.ChannelUrl.Query)["sig"]!];

    protected override ServiceProvider CreateServices() => fixture.CreateServices();

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IMessageSender>("Teams").SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel(TeamsEmulatorFixture.Channel), Text = "New lead: Ada" });

    protected override void AssertServerError(MartechRequestException exception)
    {
        Assert.Equal("InternalServerError", exception.ErrorCode);
        Assert.Empty(fixture.Emulator.Messages);
    }
}
