namespace Martech.Sdk.Tests.Abstractions;

public sealed class CampaignStatusTests : ExtensibleEnumTests<CampaignStatus>
{
    protected override CampaignStatus Known => CampaignStatus.Active;

    protected override CampaignStatus Construct(string value) => new(value);

    [Fact]
    public void Operators_CompareIgnoringCase()
    {
        Assert.True(new CampaignStatus("Paused") == CampaignStatus.Paused);
        Assert.True(new CampaignStatus("paused") != CampaignStatus.Active);
    }
}
