namespace Martech.Sdk.Tests.Abstractions;

public sealed class MessageDeliveryStatusTests : ExtensibleEnumTests<MessageDeliveryStatus>
{
    protected override MessageDeliveryStatus Known => MessageDeliveryStatus.Undelivered;

    protected override MessageDeliveryStatus Construct(string value) => new(value);

    [Fact]
    public void Operators_CompareIgnoringCase()
    {
        Assert.True(new MessageDeliveryStatus("READ") == MessageDeliveryStatus.Read);
        Assert.True(new MessageDeliveryStatus("read") != MessageDeliveryStatus.Failed);
    }
}
