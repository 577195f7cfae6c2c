using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.SendGrid;

/// <summary>SendGrid's mail send with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>). SendGrid answers a
/// send 202 with no body to read: a broken body after that status is still an accepted send.</summary>
public sealed class SendGridFaultTests(SendGridEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<SendGridEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/v3/mail/send";

    protected override IReadOnlyList<string> Secrets => [SendGridEmulatorFixture.ApiKey];

    protected override bool ReadsWriteAnswerBody => false;

    protected override ServiceProvider CreateServices() => fixture.BuildServices();

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IEmailSender>("SendGrid").SendAsync(FaultMessages.Email("news@example.com"));

    protected override void AssertServerError(MartechRequestException exception) =>
        Assert.Empty(fixture.Emulator.Messages);
}
