namespace Martech.Sdk;

/// <summary>How <see cref="OAuth2Authentication"/> obtains access tokens from the token endpoint.</summary>
public enum OAuth2GrantType
{
    /// <summary><c>grant_type=client_credentials</c>: the client's own id and secret buy a token (server-to-server).</summary>
    ClientCredentials,

    /// <summary><c>grant_type=refresh_token</c>: a refresh token from an earlier consent flow buys a token for the
    /// user or tenant who consented.</summary>
    RefreshToken,
}
