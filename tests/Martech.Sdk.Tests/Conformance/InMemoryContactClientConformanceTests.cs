using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>The contact conformance suite against the in-memory provider, registered as a user would.</summary>
public sealed class InMemoryContactClientConformanceTests(ITestOutputHelper output) : ContactClientConformanceTests(output)
{
    private ServiceProvider? _services;

    // The provider's documented default page limit: the suite checks that a larger page size is clamped to it.
    protected override int? MaxPageSize => new InMemoryProviderOptions().MaxPageSize;

    protected override Task<IContactClient> CreateClientAsync()
    {
        _services = InMemoryConformance.BuildServices();
        return Task.FromResult(_services.GetRequiredService<IContactClient>());
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
