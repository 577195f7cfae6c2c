namespace Martech.Sdk.Tests.Http;

/// <summary>Options for the OAuth2 tests, pointing at <see cref="TokenEndpointStub"/>.</summary>
internal static class OAuth2TestOptions
{
    public const string ClientSecret = "s3cr3t-client-value";
    public const string RefreshToken = "rt-initial-0001";

    public static OAuth2Options ClientCredentials() => new()
    {
        TokenEndpoint = TokenEndpointStub.Url,
        ClientId = "client-1",
        ClientSecret = ClientSecret,
    };

    public static OAuth2Options RefreshTokenGrant() => new()
    {
        TokenEndpoint = TokenEndpointStub.Url,
        ClientId = "client-1",
        ClientSecret = ClientSecret,
        GrantType = OAuth2GrantType.RefreshToken,
        RefreshToken = RefreshToken,
    };

    public static HttpRequestMessage VendorRequest() => new(HttpMethod.Get, "https://api.example.com/v1/contacts");
}
