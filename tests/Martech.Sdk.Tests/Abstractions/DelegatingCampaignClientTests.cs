using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class DelegatingCampaignClientTests : DelegatingTests<ICampaignClient, DelegatingCampaignClient, RecordingCampaignClient>
{
    [Fact]
    public async Task GetAsync_ForwardsAndReturnsInnerResult()
    {
        Assert.Same(Inner.Campaign, await Client.GetAsync("k1", Token));
        Assert.Equal(["k1", Token], Inner.Single(nameof(ICampaignClient.GetAsync)).Arguments);
    }

    [Fact]
    public void ListAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new ListOptions { ContinuationToken = "t" };

        Assert.Same(Inner.Listing, Client.ListAsync(options, Token));
        Assert.Equal([options, Token], Inner.Single(nameof(ICampaignClient.ListAsync)).Arguments);
    }

    [Fact]
    public async Task AddMembersAsync_ForwardsAndReturnsInnerResult()
    {
        string[] ids = ["c1", "c2"];
        var options = new BulkOptions { BatchSize = 1 };

        Assert.Same(Inner.Added, await Client.AddMembersAsync("k1", ids, options, Token));
        Assert.Equal(["k1", ids, options, Token], Inner.Single(nameof(ICampaignClient.AddMembersAsync)).Arguments);
    }

    [Fact]
    public async Task RemoveMembersAsync_ForwardsAndReturnsInnerResult()
    {
        string[] ids = ["c1"];
        var options = new BulkOptions();

        Assert.Same(Inner.Removed, await Client.RemoveMembersAsync("k1", ids, options, Token));
        Assert.Equal(["k1", ids, options, Token], Inner.Single(nameof(ICampaignClient.RemoveMembersAsync)).Arguments);
    }

    [Fact]
    public void ListMembersAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new ListOptions();

        Assert.Same(Inner.Members, Client.ListMembersAsync("k1", options, Token));
        Assert.Equal(["k1", options, Token], Inner.Single(nameof(ICampaignClient.ListMembersAsync)).Arguments);
    }

    [Fact]
    public async Task GetStatsAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new CampaignStatsOptions { From = DateTimeOffset.UnixEpoch };

        Assert.Same(Inner.Stats, await Client.GetStatsAsync("k1", options, Token));
        Assert.Equal(["k1", options, Token], Inner.Single(nameof(ICampaignClient.GetStatsAsync)).Arguments);
    }

    protected override DelegatingCampaignClient Wrap(ICampaignClient inner) => new Forwarding(inner);

    protected override async Task InvokeEveryMemberAsync(ICampaignClient client)
    {
        await client.GetAsync("k1", Token);
        client.ListAsync(null, Token);
        await client.AddMembersAsync("k1", ["c1"], null, Token);
        await client.RemoveMembersAsync("k1", ["c1"], null, Token);
        client.ListMembersAsync("k1", null, Token);
        await client.GetStatsAsync("k1", null, Token);
    }

    private sealed class Forwarding(ICampaignClient inner) : DelegatingCampaignClient(inner);
}
