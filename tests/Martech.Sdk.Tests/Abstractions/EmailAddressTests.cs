using System.Text.Json;

namespace Martech.Sdk.Tests.Abstractions;

public class EmailAddressTests
{
    [Theory]
    [InlineData(null, "the value is null")]
    [InlineData("", "empty or white space")]
    [InlineData("   ", "empty or white space")]
    [InlineData("ada@example.com\r", "control character")]
    [InlineData("ada@example.com\n", "control character")]
    [InlineData("a@b.com\r\nBcc: x@y.com", "control character")]
    [InlineData("ada\0@example.com", "control character")]
    [InlineData("ada\t@example.com", "control character")]
    [InlineData("ada.example.com", "has no '@'")]
    [InlineData("ada@lovelace@example.com", "more than one '@'")]
    [InlineData("@example.com", "the part before '@' is empty")]
    [InlineData("ada@", "the domain after '@' is empty")]
    [InlineData(".ada@example.com", "starts or ends with a dot")]
    [InlineData("ada.@example.com", "starts or ends with a dot")]
    [InlineData("ada..lovelace@example.com", "two dots in a row")]
    [InlineData("\"ada lovelace\"@example.com", "quoted local parts are not supported")]
    [InlineData("ada lovelace@example.com", "contains ' '")]
    [InlineData("ada,grace@example.com", "contains ','")]
    [InlineData("ada;grace@example.com", "contains ';'")]
    [InlineData("<ada@example.com", "contains '<'")]
    [InlineData("ada>@example.com", "contains '>'")]
    [InlineData("ada@example.com>", "the domain contains '>'")]
    [InlineData("ada(comment)@example.com", "contains '('")]
    [InlineData("ada)@example.com", "contains ')'")]
    [InlineData("ada@localhost", "the domain has no dot")]
    [InlineData("ada@-example.com", "starts or ends with a hyphen")]
    [InlineData("ada@example-.com", "starts or ends with a hyphen")]
    [InlineData("ada@[1.2.3.4]", "address literals")]
    [InlineData("ada@example..com", "empty label")]
    [InlineData("ada@.example.com", "empty label")]
    [InlineData("ada@example.com.", "empty label")]
    [InlineData("ada@exa_mple.com", "the domain contains '_'")]
    public void Parse_InvalidInput_ThrowsArgumentExceptionSayingWhy(string? input, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => EmailAddress.Parse(input, "Contact.Email"));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal("Contact.Email", ex.ParamName);
    }

    public static TheoryData<string, string> OverLongInputs => new()
    {
        // 255 characters in all: one over the RFC 5321 path limit.
        { new string('a', 64) + "@" + LongDomain(190), "255 characters long; the limit is 254" },
        // A 65-character local part.
        { new string('a', 65) + "@example.com", "is 65 characters long; the limit is 64" },
        // A 64-character domain label.
        { "ada@" + new string('b', 64) + ".com", "longer than 63 characters" },
        // A 256-character domain: the overall 254 limit is reached first, so that is the reason given.
        { "a@" + LongDomain(256), "the limit is 254" },
    };

    [Theory]
    [MemberData(nameof(OverLongInputs))]
    public void Parse_OverLongInput_ThrowsArgumentExceptionSayingWhy(string input, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => EmailAddress.Parse(input, "email"));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" Ada@Example.COM ", "Ada@example.com", "Ada", "example.com")]
    [InlineData("ADA.LOVELACE@EXAMPLE.ORG", "ADA.LOVELACE@example.org", "ADA.LOVELACE", "example.org")]
    [InlineData("ada+newsletter@example.com", "ada+newsletter@example.com", "ada+newsletter", "example.com")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie", "o'brien", "example.ie")]
    [InlineData("josé@exämple.de", "josé@exämple.de", "josé", "exämple.de")]
    [InlineData("用户@例子.广告", "用户@例子.广告", "用户", "例子.广告")]
    [InlineData("ada@BÜCHER.Example", "ada@bücher.example", "ada", "bücher.example")]
    [InlineData("ada@xn--bcher-kva.example", "ada@xn--bcher-kva.example", "ada", "xn--bcher-kva.example")]
    [InlineData("ada@mail.sub-domain.example.co.uk", "ada@mail.sub-domain.example.co.uk", "ada", "mail.sub-domain.example.co.uk")]
    public void Parse_ValidInput_NormalisesDomainAndKeepsLocalPart(string input, string expected, string local, string domain)
    {
        var address = EmailAddress.Parse(input);

        Assert.Equal(expected, address.Value);
        Assert.Equal(expected, address.ToString());
        Assert.Equal(local, address.LocalPart);
        Assert.Equal(domain, address.Domain);
        Assert.False(address.IsEmpty);
    }

    [Fact]
    public void Parse_LocalPartOf64Characters_IsAccepted()
    {
        string local = new('a', EmailAddress.MaxLocalPartLength);

        var address = EmailAddress.Parse(local + "@example.com");

        Assert.Equal(local, address.LocalPart);
    }

    [Fact]
    public void Parse_TotalOf254Characters_IsAccepted()
    {
        string input = new string('a', 64) + "@" + LongDomain(189);
        Assert.Equal(EmailAddress.MaxLength, input.Length);

        var address = EmailAddress.Parse(input);

        Assert.Equal(input, address.Value);
    }

    [Fact]
    public void Parse_DomainLabelOf63Characters_IsAccepted()
    {
        string label = new('b', 63);

        var address = EmailAddress.Parse($"ada@{label}.com");

        Assert.Equal($"{label}.com", address.Domain);
    }

    [Fact]
    public void Parse_InvalidValue_ParamNameIsCallersArgumentExpression()
    {
        var row = new ImportRow("not-an-address");

        var ex = Assert.Throws<ArgumentException>(() => EmailAddress.Parse(row.Email));

        Assert.Equal("row.Email", ex.ParamName);
        Assert.Contains("'row.Email' is not a valid email address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has no '@'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExplicitFieldName_IsUsedInMessageAndParamName()
    {
        var ex = Assert.Throws<ArgumentException>(() => EmailAddress.Parse("x", fieldName: "Lead.Email"));

        Assert.Equal("Lead.Email", ex.ParamName);
        Assert.StartsWith("'Lead.Email' is not a valid email address:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidValue_ReturnsFalseWithError()
    {
        bool ok = EmailAddress.TryParse("ada@@example.com", out var result, out var error);

        Assert.False(ok);
        Assert.True(result.IsEmpty);
        Assert.Contains("more than one '@'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ValidValue_ReturnsTrueWithoutError()
    {
        bool ok = EmailAddress.TryParse("Ada@Example.com", out var result, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal("Ada@example.com", result.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nope")]
    public void TryParse_WithoutErrorOverload_ReturnsFalseForInvalid(string? input)
    {
        Assert.False(EmailAddress.TryParse(input, out var result));
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void Equals_DifferentCase_AreEqualWithSameHashCode()
    {
        var a = EmailAddress.Parse("Ada.Lovelace@Example.com");
        var b = EmailAddress.Parse("ada.lovelace@EXAMPLE.COM");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
        Assert.Single(new HashSet<EmailAddress> { a, b });
    }

    [Fact]
    public void Equals_DifferentAddresses_AreNotEqual()
    {
        var a = EmailAddress.Parse("ada@example.com");
        var b = EmailAddress.Parse("grace@example.com");

        Assert.True(a != b);
        Assert.False(a.Equals((object)"ada@example.com"));
        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= b);
        Assert.True(b >= a);
    }

    [Fact]
    public void Default_IsEmptyWithEmptyParts()
    {
        EmailAddress address = default;

        Assert.True(address.IsEmpty);
        Assert.Equal(string.Empty, address.Value);
        Assert.Equal(string.Empty, address.LocalPart);
        Assert.Equal(string.Empty, address.Domain);
        Assert.Equal(0, address.GetHashCode());
        Assert.Equal(default, address);
        Assert.NotEqual(EmailAddress.Parse("ada@example.com"), address);
    }

    [Fact]
    public void Json_RoundTrip_KeepsNormalisedValue()
    {
        var address = EmailAddress.Parse("Ada@Example.COM");

        string json = JsonSerializer.Serialize(address);
        var back = JsonSerializer.Deserialize<EmailAddress>(json);

        Assert.Equal("\"Ada@example.com\"", json);
        Assert.Equal(address, back);
        Assert.Equal("Ada@example.com", back.Value);
    }

    [Fact]
    public void Json_ReadNormalises()
    {
        var back = JsonSerializer.Deserialize<EmailAddress>("\" Ada@EXAMPLE.com \"");

        Assert.Equal("Ada@example.com", back.Value);
    }

    [Fact]
    public void Json_NullableProperty_RoundTripsNull()
    {
        var back = JsonSerializer.Deserialize<EmailHolder>("{\"Email\":null}");

        Assert.NotNull(back);
        Assert.Null(back.Email);
    }

    [Theory]
    [InlineData("\"not-an-address\"", "has no '@'")]
    [InlineData("\"a@b.com\\r\\nBcc: x@y.com\"", "control character")]
    [InlineData("42", "Invalid email address")]
    [InlineData("null", "Invalid email address")]
    public void Json_InvalidValue_ThrowsJsonException(string json, string reason)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EmailAddress>(json));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    // A domain of exactly `length` characters, made of labels of at most 63 characters.
    private static string LongDomain(int length)
    {
        var labels = new List<string>();
        int remaining = length - 3; // "com"; each label takes its characters and one dot
        while (remaining > 0)
        {
            int take = Math.Min(63, remaining - 1);
            if (remaining - (take + 1) == 1)
            {
                take--; // never leave room for an empty label
            }

            labels.Add(new string((char)('a' + (labels.Count % 26)), take));
            remaining -= take + 1;
        }

        string domain = string.Join('.', labels) + ".com";
        return domain.Length == length ? domain : throw new InvalidOperationException($"Built a {domain.Length}-character domain, not {length}.");
    }

    private sealed record ImportRow(string Email);

    private sealed class EmailHolder
    {
        public EmailAddress? Email { get; set; }
    }
}
