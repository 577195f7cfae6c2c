using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class DelegatingCampaignStatsClientTests : DelegatingTests<ICampaignStatsClient, DelegatingCampaignStatsClient, RecordingCampaignStatsClient>
{
    [Fact]
    public async Task GetStatsAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new CampaignStatsOptions { From = DateTimeOffset.UnixEpoch, Breakdown = CampaignStatsBreakdown.Month };

        Assert.Same(Inner.Stats, await Client.GetStatsAsync("spring-sale", options, Token));
        Assert.Equal(["spring-sale", options, Token], Inner.Single(nameof(ICampaignStatsClient.GetStatsAsync)).Arguments);
    }

    protected override DelegatingCampaignStatsClient Wrap(ICampaignStatsClient inner) => new Forwarding(inner);

    protected override async Task InvokeEveryMemberAsync(ICampaignStatsClient client) =>
        await client.GetStatsAsync("spring-sale", null, Token);

    private sealed class Forwarding(ICampaignStatsClient inner) : DelegatingCampaignStatsClient(inner);
}
