using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>The campaign stats conformance suite against the HubSpot provider and its emulator, over real sockets: a
/// campaign is a marketing campaign (GUID) with one marketing email of its own, and reaching people records that email's
/// statistics (sent, delivered) at the time of the call, as HubSpot learns of its own sends.</summary>
public sealed class HubSpotCampaignStatsConformanceTests(HubSpotEmulatorFixture fixture, ITestOutputHelper output)
    : CampaignStatsClientConformanceTests(output), IClassFixture<HubSpotEmulatorFixture>
{
    private static long s_nextEmailId = 880_000;
    private readonly Dictionary<string, long> _emails = [];
    private ServiceProvider? _services;

    // HubSpot's campaigns are records: an unknown GUID answers 404.
    protected override bool KeepsCampaignRecords => true;

    protected override string UnknownId => "2f0b7c1e-5d4a-4c3b-9a8e-000000000000";

    protected override Task<ICampaignStatsClient> CreateClientAsync()
    {
        _services = fixture.BuildServices();
        return Task.FromResult(_services.GetRequiredKeyedService<ICampaignStatsClient>("HubSpot"));
    }

    protected override Task<string> SeedCampaignAsync()
    {
        long emailId = Interlocked.Increment(ref s_nextEmailId);
        HubSpotEmulatorCampaign campaign = fixture.Emulator.AddCampaign("Spring launch " + emailId, emailId);
        _emails[campaign.Id] = emailId;
        return Task.FromResult(campaign.Id);
    }

    protected override Task ReachAsync(string campaignId, IReadOnlyList<EmailAddress> recipients)
    {
        fixture.Emulator.RecordEmailStatistics(
            _emails[campaignId],
            DateTimeOffset.UtcNow,
            new Dictionary<string, long> { ["sent"] = recipients.Count, ["delivered"] = recipients.Count });
        return Task.CompletedTask;
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
