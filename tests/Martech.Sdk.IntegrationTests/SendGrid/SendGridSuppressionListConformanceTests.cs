using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.SendGrid;

/// <summary>The suppression-list conformance suite: the real SendGrid provider against the SendGrid emulator.</summary>
public sealed class SendGridSuppressionListConformanceTests(SendGridEmulatorFixture fixture, ITestOutputHelper output)
    : EmailSuppressionListConformanceTests(output), IClassFixture<SendGridEmulatorFixture>
{
    private ServiceProvider? _services;

    // SendGrid's API adds only global unsubscribes and (with a group id) group unsubscribes; it fills the bounce,
    // block, spam report and invalid email lists itself. The suite's entries carry no group id.
    protected override IReadOnlyList<SuppressionKind> AddableKinds => [SuppressionKind.Unsubscribe];

    // SendGrid keeps no list of manual suppressions (its invalid email list exists, but cannot be added to either).
    protected override SuppressionKind? UnsupportedKind => SuppressionKind.Manual;

    protected override Task<IEmailSuppressionList> CreateListAsync()
    {
        _services = fixture.BuildServices();
        return Task.FromResult(_services.GetRequiredService<IEmailSuppressionList>());
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
