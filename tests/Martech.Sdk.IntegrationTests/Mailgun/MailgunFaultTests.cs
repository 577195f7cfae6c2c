using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Mailgun;

/// <summary>Mailgun's message send with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>).</summary>
public sealed class MailgunFaultTests(MailgunEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<MailgunEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/v3/{domain}/messages";

    protected override IReadOnlyList<string> Secrets => [MailgunEmulatorFixture.ApiKey];

    protected override ServiceProvider CreateServices()
    {
        fixture.Emulator.Reset();
        return fixture.CreateServices();
    }

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IEmailSender>("Mailgun").SendAsync(FaultMessages.Email("news@" + MailgunEmulatorFixture.Domain));

    protected override void AssertServerError(MartechRequestException exception) =>
        Assert.Empty(fixture.Emulator.Messages);
}
