using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.VendorStats;

/// <summary>The campaign stats conformance suite for an email vendor through its emulator: a campaign is a fresh tag (or
/// category), reached by sending tagged messages through the same provider instance.</summary>
public abstract class EmailVendorStatsConformanceTests(ITestOutputHelper output) : CampaignStatsClientConformanceTests(output)
{
    private ServiceProvider? _services;

    protected override string UnknownId => "never-used-tag";

    /// <summary>Resets the emulator and builds the provider over it.</summary>
    protected abstract ServiceProvider CreateServices();

    protected override Task<ICampaignStatsClient> CreateClientAsync()
    {
        _services = CreateServices();
        return Task.FromResult(_services.GetRequiredService<ICampaignStatsClient>());
    }

    protected override Task<string> SeedCampaignAsync() => Task.FromResult("spring-" + Guid.NewGuid().ToString("N")[..8]);

    protected override Task ReachAsync(string campaignId, IReadOnlyList<EmailAddress> recipients) =>
        TaggedSends.SendAsync(_services!.GetRequiredService<IEmailSender>(), campaignId, recipients);

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
