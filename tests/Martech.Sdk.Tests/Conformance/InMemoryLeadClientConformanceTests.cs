using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>The lead conformance suite against the in-memory provider, registered as a user would.</summary>
public sealed class InMemoryLeadClientConformanceTests(ITestOutputHelper output) : LeadClientConformanceTests(output)
{
    private ServiceProvider? _services;

    protected override Task<ILeadClient> CreateClientAsync()
    {
        _services = InMemoryConformance.BuildServices();
        return Task.FromResult(_services.GetRequiredService<ILeadClient>());
    }

    protected override Task<IContactClient?> CreateContactClientAsync() =>
        Task.FromResult<IContactClient?>(Services.GetRequiredService<IContactClient>());

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("CreateClientAsync has not run.");
}
