using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.SendGrid;

/// <summary>The email conformance suite: the real SendGrid provider against the SendGrid emulator over loopback.</summary>
public sealed class SendGridEmailSenderConformanceTests(SendGridEmulatorFixture fixture, ITestOutputHelper output)
    : EmailSenderConformanceTests(output), IClassFixture<SendGridEmulatorFixture>
{
    private ServiceProvider? _services;

    // SendGrid's dynamic templates, the only ones that take template data, have ids starting with "d-".
    protected override string? TemplateId => "d-conformance-welcome";

    protected override Task<IEmailSender> CreateSenderAsync()
    {
        _services = fixture.BuildServices();
        return Task.FromResult(_services.GetRequiredService<IEmailSender>());
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
