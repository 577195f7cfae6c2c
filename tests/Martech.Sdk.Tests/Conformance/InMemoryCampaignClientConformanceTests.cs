using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>The campaign conformance suite against the in-memory provider, registered as a user would; campaigns are
/// seeded through the instance's <see cref="InMemoryMartechStore"/>.</summary>
public sealed class InMemoryCampaignClientConformanceTests : CampaignClientConformanceTests
{
    private ServiceProvider? _services;

    protected override Task<ICampaignClient> CreateClientAsync()
    {
        _services = InMemoryConformance.BuildServices();
        return Task.FromResult(_services.GetRequiredService<ICampaignClient>());
    }

    protected override Task<IContactClient> CreateContactClientAsync() =>
        Task.FromResult(Services.GetRequiredService<IContactClient>());

    protected override Task<string> SeedCampaignAsync(string name)
    {
        Campaign campaign = InMemoryConformance.Store(Services).AddCampaign(new Campaign { Name = name });
        return Task.FromResult(campaign.Id!);
    }

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
