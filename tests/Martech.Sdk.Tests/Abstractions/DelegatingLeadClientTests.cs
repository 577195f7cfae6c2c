using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class DelegatingLeadClientTests : DelegatingTests<ILeadClient, DelegatingLeadClient, RecordingLeadClient>
{
    [Fact]
    public async Task CreateAsync_ForwardsAndReturnsInnerResult()
    {
        var lead = new Lead();

        Assert.Same(Inner.Lead, await Client.CreateAsync(lead, Token));
        Assert.Equal([lead, Token], Inner.Single(nameof(ILeadClient.CreateAsync)).Arguments);
    }

    [Fact]
    public async Task UpdateAsync_ForwardsAndReturnsInnerResult()
    {
        var lead = new Lead { Id = "l1" };

        Assert.Same(Inner.Lead, await Client.UpdateAsync(lead, Token));
        Assert.Equal([lead, Token], Inner.Single(nameof(ILeadClient.UpdateAsync)).Arguments);
    }

    [Fact]
    public async Task GetAsync_ForwardsAndReturnsInnerResult()
    {
        Assert.Same(Inner.Lead, await Client.GetAsync("l1", Token));
        Assert.Equal(["l1", Token], Inner.Single(nameof(ILeadClient.GetAsync)).Arguments);
    }

    [Fact]
    public void ListAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new LeadListOptions { Status = LeadStatus.Open };

        Assert.Same(Inner.Listing, Client.ListAsync(options, Token));
        Assert.Equal([options, Token], Inner.Single(nameof(ILeadClient.ListAsync)).Arguments);
    }

    [Fact]
    public async Task ConvertAsync_ForwardsAndReturnsInnerResult()
    {
        var options = new LeadConversionOptions { CreateDeal = true, DealName = "Deal" };

        Assert.Same(Inner.Conversion, await Client.ConvertAsync("l1", options, Token));
        Assert.Equal(["l1", options, Token], Inner.Single(nameof(ILeadClient.ConvertAsync)).Arguments);
    }

    protected override DelegatingLeadClient Wrap(ILeadClient inner) => new Forwarding(inner);

    protected override async Task InvokeEveryMemberAsync(ILeadClient client)
    {
        await client.CreateAsync(new Lead(), Token);
        await client.UpdateAsync(new Lead(), Token);
        await client.GetAsync("l1", Token);
        client.ListAsync(null, Token);
        await client.ConvertAsync("l1", null, Token);
    }

    private sealed class Forwarding(ILeadClient inner) : DelegatingLeadClient(inner);
}
