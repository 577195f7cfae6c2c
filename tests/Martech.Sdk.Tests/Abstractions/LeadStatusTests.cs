namespace Martech.Sdk.Tests.Abstractions;

public sealed class LeadStatusTests : ExtensibleEnumTests<LeadStatus>
{
    protected override LeadStatus Known => LeadStatus.Qualified;

    protected override LeadStatus Construct(string value) => new(value);

    [Fact]
    public void Operators_CompareIgnoringCase()
    {
        Assert.True(new LeadStatus("New") == LeadStatus.New);
        Assert.True(new LeadStatus("new") != LeadStatus.Open);
    }
}
