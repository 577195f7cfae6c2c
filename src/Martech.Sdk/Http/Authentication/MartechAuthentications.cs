namespace Martech.Sdk;

/// <summary>
/// Creates the authentication schemes a provider sets on <see cref="MartechHttpOptions.Authentication"/>. Every scheme
/// checks its inputs here, caches what it sends, and never shows its secrets in <see cref="object.ToString"/>.
/// </summary>
/// <example>
/// <code>
/// options.Authentication = MartechAuthentications.ApiKeyHeader("X-Postmark-Server-Token", serverToken);
/// options.Authentication = MartechAuthentications.Basic("api", mailgunApiKey);
/// </code>
/// </example>
public static class MartechAuthentications
{
    /// <summary>An API key in a request header, such as Pipedrive's <c>x-api-token</c> or Postmark's
    /// <c>X-Postmark-Server-Token</c>.</summary>
    /// <param name="headerName">The header name.</param>
    /// <param name="apiKey">The key.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="ArgumentException">A value is null, empty, whitespace, holds a line break, or the name is not
    /// a request header name.</exception>
    public static MartechAuthentication ApiKeyHeader(string headerName, string apiKey) => new ApiKeyHeaderAuthentication(headerName, apiKey);

    /// <summary>
    /// An API key in the query string, such as HubSpot's legacy <c>hapikey</c> or Pipedrive's <c>api_token</c>. The
    /// parameter is added to each request URI, keeping its other parameters, and replaced (not repeated) when a
    /// request is sent again.
    /// </summary>
    /// <param name="parameterName">The query parameter name.</param>
    /// <param name="apiKey">The key.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="ArgumentException">A value is null, empty, whitespace or holds a line break.</exception>
    public static MartechAuthentication ApiKeyQuery(string parameterName, string apiKey) => new ApiKeyQueryAuthentication(parameterName, apiKey);

    /// <summary>A static bearer token, sent as <c>Authorization: Bearer …</c> (HubSpot private apps, SendGrid, Intercom,
    /// Slack bot tokens).</summary>
    /// <param name="token">The token.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="ArgumentException">The token is null, empty, whitespace or holds a line break.</exception>
    public static MartechAuthentication Bearer(string token) => new BearerAuthentication(token);

    /// <summary>HTTP Basic credentials, such as Mailgun's <c>api</c> and API key or Twilio's account SID and auth token.</summary>
    /// <param name="userName">The user name; cannot contain a colon.</param>
    /// <param name="password">The password or key.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="ArgumentException">A value is null, empty, whitespace or holds a line break, or the user name
    /// holds a colon.</exception>
    public static MartechAuthentication Basic(string userName, string password) => new BasicAuthentication(userName, password);

    /// <summary>OAuth2 with the client-credentials or refresh-token grant; see <see cref="OAuth2Authentication"/>.</summary>
    /// <param name="options">The token endpoint, client and grant.</param>
    /// <param name="httpClient">The client token requests are sent with; not disposed by the scheme.</param>
    /// <param name="tokenStore">Where tokens are kept; <see langword="null"/> for a private in-memory store.</param>
    /// <param name="timeProvider">The clock for expiry; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="ArgumentException">An option is missing or invalid; the parameter name says which.</exception>
    public static OAuth2Authentication OAuth2(OAuth2Options options, HttpClient httpClient, IOAuth2TokenStore? tokenStore = null, TimeProvider? timeProvider = null) =>
        new(options, httpClient, tokenStore, timeProvider);
}
