using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk.Tests.Webhooks;

public class WebhookSignaturesTests
{
    private static readonly byte[] Mac = HMACSHA256.HashData("key"u8, "message"u8);

    [Fact]
    public void FixedTimeEqualsHex_AcceptsEitherCase_RejectsAnyDifference()
    {
        string hex = Convert.ToHexStringLower(Mac);

        Assert.True(WebhookSignatures.FixedTimeEqualsHex(Mac, hex));
        Assert.True(WebhookSignatures.FixedTimeEqualsHex(Mac, hex.ToUpperInvariant()));
        Assert.False(WebhookSignatures.FixedTimeEqualsHex(Mac, hex[..^1] + (hex[^1] == '0' ? '1' : '0')));
        Assert.False(WebhookSignatures.FixedTimeEqualsHex(Mac, hex.AsSpan(0, hex.Length - 2)));
        Assert.False(WebhookSignatures.FixedTimeEqualsHex(Mac, hex + "00"));
        Assert.False(WebhookSignatures.FixedTimeEqualsHex(Mac, new string('z', hex.Length)));
        Assert.False(WebhookSignatures.FixedTimeEqualsHex(Mac, string.Empty));
    }

    [Fact]
    public void FixedTimeEqualsBase64_AcceptsStandardAndUrlSafe_RejectsGarbage()
    {
        string base64 = Convert.ToBase64String(Mac);
        string urlSafe = base64.Replace('+', '-').Replace('/', '_').TrimEnd('=');

        Assert.True(WebhookSignatures.FixedTimeEqualsBase64(Mac, base64));
        Assert.True(WebhookSignatures.FixedTimeEqualsBase64(Mac, urlSafe));
        Assert.False(WebhookSignatures.FixedTimeEqualsBase64(Mac, Convert.ToBase64String(Mac[..^1])));
        Assert.False(WebhookSignatures.FixedTimeEqualsBase64(Mac, "%%%%"));
        Assert.False(WebhookSignatures.FixedTimeEqualsBase64(Mac, string.Empty));
        Assert.False(WebhookSignatures.FixedTimeEqualsBase64(Mac, new string('A', 4000)));
    }

    [Theory]
    [InlineData("s3cret", "s3cret", true)]
    [InlineData("s3cret", "s3creT", false)]
    [InlineData("s3cret", "s3cret ", false)]
    [InlineData(null, "s3cret", false)]
    [InlineData("", "", true)]
    public void FixedTimeEquals_ComparesExactly(string? actual, string expected, bool equal)
    {
        Assert.Equal(equal, WebhookSignatures.FixedTimeEquals(actual, expected));
    }

    [Fact]
    public void TryReadBasicCredentials_ReadsUserAndPasswordWithColons()
    {
        string header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("postmark:pa:ss"));

        Assert.True(WebhookSignatures.TryReadBasicCredentials(header, out string user, out string password));
        Assert.Equal(("postmark", "pa:ss"), (user, password));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic ")]
    [InlineData("Basic !!!")]
    [InlineData("Basic dXNlcg==")]
    [InlineData("Basic /w==")]
    public void TryReadBasicCredentials_Malformed_IsFalse(string? header)
    {
        Assert.False(WebhookSignatures.TryReadBasicCredentials(header, out _, out _));
    }

    [Fact]
    public void DescribeBody_GivesLengthEndingAndHashNotContent()
    {
        string described = WebhookSignatures.DescribeBody("secret-body\r\n"u8);

        Assert.StartsWith("13 bytes, ends with CRLF, SHA-256 ", described, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", described, StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookText_Clean_ReplacesOnlyLoneSurrogates()
    {
        Assert.Same("plain", WebhookText.Clean("plain"));
        Assert.Equal("a\uFFFDb😀", WebhookText.Clean("a\uD800b😀"));
        Assert.Equal("\uFFFD", WebhookText.Clean("\uDC00"));
        Assert.Null(WebhookText.Clean(null));
    }

    [Fact]
    public void WebhookForm_ParsesDecodesAndKeepsRepeats()
    {
        var fields = WebhookForm.Parse("a=1&b=x+y%21&a=2&flag&empty=&pct=%ZZ&&"u8);

        Assert.Equal([new("a", "1"), new("b", "x y!"), new("a", "2"), new("flag", ""), new("empty", ""), new("pct", "%ZZ")], fields);
        Assert.Equal("""{"a":["1","2"],"b":"x y!","flag":"","empty":"","pct":"%ZZ"}""", Encoding.UTF8.GetString(WebhookForm.ToJson(fields)));
        Assert.Throws<FormatException>(() => WebhookForm.Parse("a=%FF"u8));
    }
}
