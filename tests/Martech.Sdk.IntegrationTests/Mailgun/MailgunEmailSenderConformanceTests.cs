using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Mailgun;

/// <summary>The email-sender conformance suite: the real Mailgun provider against the Mailgun emulator over sockets.</summary>
public sealed class MailgunEmailSenderConformanceTests(MailgunEmulatorFixture fixture, ITestOutputHelper output)
    : EmailSenderConformanceTests(output), IClassFixture<MailgunEmulatorFixture>
{
    private ServiceProvider? _services;

    protected override Task<IEmailSender> CreateSenderAsync()
    {
        fixture.Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<IEmailSender>("Mailgun"));
    }

    protected override Task<IReadOnlyList<DeliveredEmail>> GetDeliveredAsync() => Task.FromResult(fixture.Delivered());

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
