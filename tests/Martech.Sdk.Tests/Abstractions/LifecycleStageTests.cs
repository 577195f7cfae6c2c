namespace Martech.Sdk.Tests.Abstractions;

public sealed class LifecycleStageTests : ExtensibleEnumTests<LifecycleStage>
{
    protected override LifecycleStage Known => LifecycleStage.MarketingQualifiedLead;

    protected override LifecycleStage Construct(string value) => new(value);

    [Fact]
    public void Operators_CompareIgnoringCase()
    {
        Assert.True(new LifecycleStage("CUSTOMER") == LifecycleStage.Customer);
        Assert.True(new LifecycleStage("lead") != LifecycleStage.Customer);
    }
}
