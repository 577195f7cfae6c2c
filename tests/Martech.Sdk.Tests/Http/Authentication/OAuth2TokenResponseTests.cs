using System.Text.Json;

namespace Martech.Sdk.Tests.Http;

public class OAuth2TokenResponseTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"access_token":"a","expires_in":3600}""", 3600.0)]
    [InlineData("""{"access_token":"a","expires_in":"3600"}""", 3600.0)]
    [InlineData("""{"access_token":"a","expires_in":1799.5}""", 1799.5)]
    [InlineData("""{"access_token":"a","expires_in":" 120 "}""", 120.0)]
    [InlineData("""{"access_token":"a"}""", null)]
    [InlineData("""{"access_token":"a","expires_in":null}""", null)]
    [InlineData("""{"access_token":"a","expires_in":0}""", null)]
    [InlineData("""{"access_token":"a","expires_in":-5}""", null)]
    [InlineData("""{"access_token":"a","expires_in":"soon"}""", null)]
    [InlineData("""{"access_token":"a","expires_in":1e300}""", null)]
    public void ToToken_ExpiresIn_AsNumberStringOrMissing(string json, double? seconds)
    {
        OAuth2Token? token = OAuth2TokenResponse.ToToken(Parse(json), Now);

        Assert.NotNull(token);
        Assert.Equal(seconds is { } s ? Now.AddSeconds(s) : null, token.ExpiresAt);
    }

    [Fact]
    public void ToToken_SalesforceShape_KeepsOtherFieldsAsText()
    {
        OAuth2Token? token = OAuth2TokenResponse.ToToken(Parse("""
            {"access_token":"00D!AR8","signature":"sig=","token_format":"opaque","instance_url":"https://acme.my.salesforce.com",
             "id":"https://login.salesforce.com/id/00D/005","token_type":"Bearer","issued_at":"1700000000000",
             "api_instance_url":"https://api.salesforce.com","ext_expires_in":3599,"is_new":true,"nested":{"a":1},"list":[1]}
            """), Now);

        Assert.NotNull(token);
        Assert.Null(token.ExpiresAt);
        Assert.Null(token.RefreshToken);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal("https://acme.my.salesforce.com", token.AdditionalProperties["instance_url"]);
        Assert.Equal("1700000000000", token.AdditionalProperties["issued_at"]);
        Assert.Equal("3599", token.AdditionalProperties["ext_expires_in"]);
        Assert.Equal("true", token.AdditionalProperties["is_new"]);
        Assert.False(token.AdditionalProperties.ContainsKey("nested"));
        Assert.False(token.AdditionalProperties.ContainsKey("list"));
        Assert.False(token.AdditionalProperties.ContainsKey("access_token"));
    }

    [Fact]
    public void ToToken_FullRfc6749Answer_MapsEveryField()
    {
        OAuth2Token? token = OAuth2TokenResponse.ToToken(Parse("""
            {"access_token":"at","token_type":"bearer","expires_in":1800,"refresh_token":"rt","scope":"crm.read crm.write"}
            """), Now);

        Assert.NotNull(token);
        Assert.Equal("at", token.AccessToken);
        Assert.Equal("bearer", token.TokenType);
        Assert.Equal(Now.AddMinutes(30), token.ExpiresAt);
        Assert.Equal("rt", token.RefreshToken);
        Assert.Equal("crm.read crm.write", token.Scope);
        Assert.Empty(token.AdditionalProperties);
    }

    [Fact]
    public void ToToken_EmptyRefreshToken_IsNone()
    {
        OAuth2Token? token = OAuth2TokenResponse.ToToken(Parse("""{"access_token":"at","refresh_token":"","token_type":""}"""), Now);

        Assert.NotNull(token);
        Assert.Null(token.RefreshToken);
        Assert.Equal("Bearer", token.TokenType);
    }

    [Theory]
    [InlineData("""{"expires_in":3600}""")]
    [InlineData("""{"access_token":null}""")]
    [InlineData("""{"access_token":""}""")]
    [InlineData("""{"access_token":{"v":1}}""")]
    public void ToToken_NoAccessToken_ReturnsNull(string json)
    {
        Assert.Null(OAuth2TokenResponse.ToToken(Parse(json), Now));
    }

    [Fact]
    public void OAuth2Token_ToString_HidesTokens()
    {
        var token = new OAuth2Token { AccessToken = "at-secret-1", RefreshToken = "rt-secret-2", ExpiresAt = Now, Scope = "api" };

        string text = token.ToString();

        Assert.DoesNotContain("at-secret-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-secret-2", text, StringComparison.Ordinal);
        Assert.Contains("2025-03-03T09:00:00.0000000+00:00", text, StringComparison.Ordinal);
        Assert.Contains("present", text, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Parse(string json) =>
        JsonSerializer.Deserialize(json, OAuth2JsonContext.Default.DictionaryStringJsonElement)!;
}
