namespace Martech.Sdk.Tests.Abstractions;

public sealed class ConsentStatusTests : ExtensibleEnumTests<ConsentStatus>
{
    protected override ConsentStatus Known => ConsentStatus.Granted;

    protected override ConsentStatus Construct(string value) => new(value);

    [Fact]
    public void Operators_CompareIgnoringCase()
    {
        Assert.True(new ConsentStatus("DENIED") == ConsentStatus.Denied);
        Assert.True(new ConsentStatus("denied") != ConsentStatus.Granted);
    }
}
