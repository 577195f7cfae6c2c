using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Mailgun;

/// <summary>The suppression-list conformance suite: the real Mailgun provider against the Mailgun emulator over
/// sockets. Mailgun keeps bounces, complaints and unsubscribes (the default addable kinds); it has no block or
/// invalid-address list, so <see cref="SuppressionKind.InvalidEmail"/> stays the refused kind.</summary>
public sealed class MailgunEmailSuppressionListConformanceTests(MailgunEmulatorFixture fixture, ITestOutputHelper output)
    : EmailSuppressionListConformanceTests(output), IClassFixture<MailgunEmulatorFixture>
{
    private ServiceProvider? _services;

    protected override Task<IEmailSuppressionList> CreateListAsync()
    {
        fixture.Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<IEmailSuppressionList>("Mailgun"));
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
