using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>The suppression-list conformance suite against the in-memory provider, registered as a user would.</summary>
public sealed class InMemoryEmailSuppressionListConformanceTests(ITestOutputHelper output) : EmailSuppressionListConformanceTests(output)
{
    private ServiceProvider? _services;

    // The in-memory provider keeps every kind of list.
    protected override IReadOnlyList<SuppressionKind> AddableKinds =>
        [SuppressionKind.Bounce, SuppressionKind.Block, SuppressionKind.SpamReport, SuppressionKind.Unsubscribe, SuppressionKind.InvalidEmail, SuppressionKind.Manual];

    protected override SuppressionKind? UnsupportedKind => null;

    protected override Task<IEmailSuppressionList> CreateListAsync()
    {
        _services = InMemoryConformance.BuildServices();
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
