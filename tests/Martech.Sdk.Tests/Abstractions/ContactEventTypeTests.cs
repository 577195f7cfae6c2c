namespace Martech.Sdk.Tests.Abstractions;

public sealed class ContactEventTypeTests : ExtensibleEnumTests<ContactEventType>
{
    protected override ContactEventType Known => ContactEventType.Merged;

    protected override ContactEventType Construct(string value) => new(value);

    [Fact]
    public void Operators_CompareIgnoringCase()
    {
        Assert.True(new ContactEventType("Created") == ContactEventType.Created);
        Assert.True(new ContactEventType("created") != ContactEventType.Deleted);
    }
}
