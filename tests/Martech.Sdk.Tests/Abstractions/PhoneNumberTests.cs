using System.Text.Json;

namespace Martech.Sdk.Tests.Abstractions;

public class PhoneNumberTests
{
    [Theory]
    [InlineData(null, "the value is null")]
    [InlineData("", "empty or white space")]
    [InlineData("   ", "empty or white space")]
    [InlineData("+14155550123\r", "control character")]
    [InlineData("+14155550123\n", "control character")]
    [InlineData("+1415555\r\n0123", "control character")]
    [InlineData("+1415\t5550123", "control character")]
    [InlineData("+1415\u00075550123", "control character")]
    [InlineData("+1 415 CALL NOW", "contains the letter 'C'")]
    [InlineData("+1 415 555 0123 x12", "letters and extensions are not allowed")]
    [InlineData("4155550123", "has no country code")]
    [InlineData("(415) 555-0123", "has no country code")]
    [InlineData("+0441234567", "country code cannot start with 0")]
    [InlineData("000441234567", "country code cannot start with 0")]
    [InlineData("+123456", "has 6 digits; at least 7 are required")]
    [InlineData("+", "has 0 digits")]
    [InlineData("+1234567890123456", "more than 15 digits")]
    [InlineData("+1    415    555    0123    ----    ....    ()()", "48 characters long; the limit is 40")]
    [InlineData("+1 415/555/0123", "contains '/'")]
    [InlineData("+1 415 555#0123", "contains '#'")]
    [InlineData("+1 415 555*0123", "contains '*'")]
    [InlineData("+1 415 555_0123", "contains '_'")]
    [InlineData("++14155550123", "contains '+'")]
    [InlineData("+1 415 555 0123;", "contains ';'")]
    [InlineData("+1 ٤١٥ 555 0123", "contains '٤'")]
    public void Parse_InvalidInput_ThrowsArgumentExceptionSayingWhy(string? input, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => PhoneNumber.Parse(input, "Contact.Phone"));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal("Contact.Phone", ex.ParamName);
    }

    [Theory]
    [InlineData("+1 (415) 555-0123", "+14155550123")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+1.415.555.0123", "+14155550123")]
    [InlineData("  +49 30/1234567  ", "+49301234567")]
    [InlineData("+123456789012345", "+123456789012345")]
    [InlineData("+1234567", "+1234567")]
    [InlineData("+14155550123", "+14155550123")]
    public void Parse_ValidInput_ReturnsE164(string input, string expected)
    {
        var number = PhoneNumber.Parse(input);

        Assert.Equal(expected, number.Value);
        Assert.Equal(expected, number.ToString());
        Assert.False(number.IsEmpty);
    }

    [Fact]
    public void Parse_InvalidValue_ParamNameIsCallersArgumentExpression()
    {
        var row = new ImportRow("555-0123");

        var ex = Assert.Throws<ArgumentException>(() => PhoneNumber.Parse(row.Mobile));

        Assert.Equal("row.Mobile", ex.ParamName);
        Assert.Contains("'row.Mobile' is not a valid E.164 phone number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidValue_ReturnsFalseWithError()
    {
        bool ok = PhoneNumber.TryParse("+1 415 555 0123 ext 4", out var number, out var error);

        Assert.False(ok);
        Assert.True(number.IsEmpty);
        Assert.Contains("letter 'e'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ValidValue_ReturnsTrue()
    {
        Assert.True(PhoneNumber.TryParse("+1 415 555 0123", out var number));
        Assert.Equal("+14155550123", number.Value);
        Assert.False(PhoneNumber.TryParse(null, out _));
    }

    [Fact]
    public void Equals_SameNumberWrittenDifferently_AreEqual()
    {
        var a = PhoneNumber.Parse("+1 (415) 555-0123");
        var b = PhoneNumber.Parse("001.415.555.0123");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, PhoneNumber.Parse("+14155550124"));
    }

    [Fact]
    public void Default_IsEmpty()
    {
        PhoneNumber number = default;

        Assert.True(number.IsEmpty);
        Assert.Equal(string.Empty, number.Value);
        Assert.Equal(0, number.GetHashCode());
    }

    [Fact]
    public void Json_RoundTrip_KeepsE164()
    {
        var number = PhoneNumber.Parse("+44 20 7946 0958");

        string json = JsonSerializer.Serialize(number);
        var back = JsonSerializer.Deserialize<PhoneNumber>(json);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("+442079460958", doc.RootElement.GetString());
        Assert.Equal(number, back);
    }

    [Fact]
    public void Json_ReadNormalises()
    {
        Assert.Equal("+14155550123", JsonSerializer.Deserialize<PhoneNumber>("\"+1 (415) 555-0123\"").Value);
    }

    [Theory]
    [InlineData("\"4155550123\"", "no country code")]
    [InlineData("\"+1 415 555 0123 x12\"", "letters and extensions")]
    [InlineData("14155550123", "Invalid phone number")]
    [InlineData("null", "Invalid phone number")]
    public void Json_InvalidValue_ThrowsJsonException(string json, string reason)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PhoneNumber>(json));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    private sealed record ImportRow(string Mobile);
}
