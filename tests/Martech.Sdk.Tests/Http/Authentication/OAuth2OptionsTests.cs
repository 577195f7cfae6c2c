using static Martech.Sdk.Tests.Http.OAuth2TestOptions;

namespace Martech.Sdk.Tests.Http;

public class OAuth2OptionsTests
{
    public static TheoryData<string, Action<OAuth2Options>> InvalidClientCredentials => new()
    {
        { "options.TokenEndpoint", o => o.TokenEndpoint = null },
        { "options.TokenEndpoint", o => o.TokenEndpoint = new Uri("/oauth/token", UriKind.Relative) },
        { "options.TokenEndpoint", o => o.TokenEndpoint = new Uri("ftp://login.example.com/token") },
        { "options.ClientId", o => o.ClientId = null },
        { "options.ClientId", o => o.ClientId = "  " },
        { "options.ClientId", o => o.ClientId = "client\r\n1" },
        { "options.ClientSecret", o => o.ClientSecret = null },
        { "options.ClientSecret", o => o.ClientSecret = "" },
        { "options.ClientSecret", o => o.ClientSecret = "secret\nvalue" },
        { "options.Scope", o => o.Scope = " " },
        { "options.TokenStoreKey", o => o.TokenStoreKey = "" },
        { "options.RefreshBefore", o => o.RefreshBefore = TimeSpan.FromSeconds(-1) },
        { "options.GrantType", o => o.GrantType = (OAuth2GrantType)42 },
        { "options.ClientAuthentication", o => o.ClientAuthentication = (OAuth2ClientAuthentication)42 },
        { "options.AdditionalParameters", o => o.AdditionalParameters = null! },
        { "options.AdditionalParameters", o => o.AdditionalParameters = new Dictionary<string, string> { ["grant_type"] = "password" } },
        { "options.AdditionalParameters", o => o.AdditionalParameters = new Dictionary<string, string> { ["Client_Secret"] = "x" } },
        { "options.AdditionalParameters", o => o.AdditionalParameters = new Dictionary<string, string> { [" "] = "x" } },
    };

    [Theory]
    [MemberData(nameof(InvalidClientCredentials))]
    public void Constructor_InvalidOption_ThrowsNamingTheField(string field, Action<OAuth2Options> spoil)
    {
        OAuth2Options options = ClientCredentials();
        spoil(options);
        using var client = new HttpClient();

        var ex = Assert.ThrowsAny<ArgumentException>(() => new OAuth2Authentication(options, client));

        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field["options.".Length..], ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RefreshGrantWithoutRefreshToken_ThrowsNamingRefreshToken()
    {
        OAuth2Options options = RefreshTokenGrant();
        options.RefreshToken = null;
        using var client = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => new OAuth2Authentication(options, client));

        Assert.Equal("options.RefreshToken", ex.ParamName);
    }

    [Fact]
    public void Constructor_PublicClientRefreshingWithoutSecret_IsAccepted()
    {
        OAuth2Options options = RefreshTokenGrant();
        options.ClientSecret = null;
        using var client = new HttpClient();

        var auth = new OAuth2Authentication(options, client);

        Assert.DoesNotContain(ClientSecret, auth.SecretValues);
    }

    [Fact]
    public void Constructor_BasicHeaderWithoutSecret_ThrowsNamingClientSecret()
    {
        OAuth2Options options = RefreshTokenGrant();
        options.ClientSecret = null;
        options.ClientAuthentication = OAuth2ClientAuthentication.BasicHeader;
        using var client = new HttpClient();

        var ex = Assert.Throws<ArgumentException>(() => new OAuth2Authentication(options, client));

        Assert.Equal("options.ClientSecret", ex.ParamName);
    }

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new OAuth2Options();

        Assert.Equal(TimeSpan.FromSeconds(60), options.RefreshBefore);
        Assert.Equal(OAuth2GrantType.ClientCredentials, options.GrantType);
        Assert.Equal(OAuth2ClientAuthentication.RequestBody, options.ClientAuthentication);
        Assert.Empty(options.AdditionalParameters);
        Assert.Null(options.TokenEndpoint);
        Assert.Null(options.TokenStoreKey);
        Assert.DoesNotContain(ClientSecret, ClientCredentials().ToString()!, StringComparison.Ordinal);
    }
}
