namespace Martech.Sdk.Tests.Abstractions;

public sealed class EmailEventTypeTests : ExtensibleEnumTests<EmailEventType>
{
    protected override EmailEventType Known => EmailEventType.SpamReport;

    protected override EmailEventType Construct(string value) => new(value);

    [Fact]
    public void Operators_CompareIgnoringCase()
    {
        Assert.True(new EmailEventType("Bounced") == EmailEventType.Bounced);
        Assert.True(new EmailEventType("bounced") != EmailEventType.Dropped);
    }
}
