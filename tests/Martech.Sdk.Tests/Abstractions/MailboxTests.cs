namespace Martech.Sdk.Tests.Abstractions;

public class MailboxTests
{
    private static readonly EmailAddress Ada = EmailAddress.Parse("ada@example.com");

    [Theory]
    [InlineData("Ada\r\nBcc: victim@example.com")]
    [InlineData("Ada\r")]
    [InlineData("Ada\nLovelace")]
    [InlineData("Ada\0")]
    [InlineData("Ada\u0085")]
    [InlineData("Ada\u2028Lovelace")]
    [InlineData("Ada\u2029Lovelace")]
    [InlineData("Ada\u007f")]
    public void Constructor_LineBreakOrControlInDisplayName_ThrowsArgumentException(string displayName)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Mailbox(Ada, displayName));

        Assert.Equal("Mailbox.DisplayName", ex.ParamName);
        Assert.StartsWith("Mailbox.DisplayName contains U+", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line break or control character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_EmptyAddress_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Mailbox(default, "Ada"));

        Assert.Equal("address", ex.ParamName);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  Ada Lovelace  ", "Ada Lovelace")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Constructor_DisplayName_IsTrimmedOrNull(string? displayName, string? expected)
    {
        Assert.Equal(expected, new Mailbox(Ada, displayName).DisplayName);
    }

    [Fact]
    public void ToString_WithAndWithoutDisplayName()
    {
        Assert.Equal("Ada Lovelace <ada@example.com>", new Mailbox(Ada, "Ada Lovelace").ToString());
        Assert.Equal("ada@example.com", new Mailbox(Ada).ToString());
    }

    [Fact]
    public void ImplicitConversionAndFactory_MakeMailboxWithoutName()
    {
        Mailbox implicitBox = Ada;
        var factoryBox = Mailbox.FromEmailAddress(Ada);

        Assert.Equal(Ada, implicitBox.Address);
        Assert.Null(implicitBox.DisplayName);
        Assert.Equal(implicitBox, factoryBox);
    }

    [Fact]
    public void ImplicitConversion_EmptyAddress_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            Mailbox box = default(EmailAddress);
            return box;
        });
    }
}
