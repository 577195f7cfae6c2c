namespace Martech.Sdk;

/// <summary>How <see cref="OAuth2Authentication"/> obtains and refreshes access tokens.</summary>
/// <remarks>
/// The options are checked and copied when the <see cref="OAuth2Authentication"/> is created; changing them
/// afterwards has no effect on it.
/// </remarks>
public sealed class OAuth2Options
{
    private static readonly HashSet<string> ReservedParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "grant_type", "client_id", "client_secret", "refresh_token", "scope",
    };

    /// <summary>The token endpoint, such as <c>https://{MyDomain}.my.salesforce.com/services/oauth2/token</c>. Required;
    /// must be an absolute http or https URL.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The OAuth2 client id. Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ClientId { get; set; }

    /// <summary>The OAuth2 client secret. Required for <see cref="OAuth2GrantType.ClientCredentials"/> and for
    /// <see cref="OAuth2ClientAuthentication.BasicHeader"/>; optional for a public client refreshing a token.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ClientSecret { get; set; }

    /// <summary>How tokens are obtained.</summary>
    /// <value>The default value is <see cref="OAuth2GrantType.ClientCredentials"/>.</value>
    public OAuth2GrantType GrantType { get; set; } = OAuth2GrantType.ClientCredentials;

    /// <summary>The refresh token from the consent flow. Required for <see cref="OAuth2GrantType.RefreshToken"/>. A
    /// refresh token found in the token store (for example one the vendor rotated) is preferred over this one, until
    /// the token endpoint refuses it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? RefreshToken { get; set; }

    /// <summary>The scope to request, space-separated; <see langword="null"/> to send none and get the client's
    /// default.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Scope { get; set; }

    /// <summary>How long before expiry a token is refreshed, so no request leaves with a token about to expire. A token
    /// whose lifetime is shorter than twice this margin is refreshed halfway through its lifetime instead.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra form fields for every token request, such as <c>audience</c> or <c>resource</c>. They cannot
    /// replace <c>grant_type</c>, <c>client_id</c>, <c>client_secret</c>, <c>refresh_token</c> or <c>scope</c>, which
    /// have their own options.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> AdditionalParameters { get; set; } = new Dictionary<string, string>();

    /// <summary>How the client authenticates to the token endpoint.</summary>
    /// <value>The default value is <see cref="OAuth2ClientAuthentication.RequestBody"/>.</value>
    public OAuth2ClientAuthentication ClientAuthentication { get; set; } = OAuth2ClientAuthentication.RequestBody;

    /// <summary>The key tokens are stored under in the <see cref="IOAuth2TokenStore"/>, such as a tenant or connection
    /// id.</summary>
    /// <value>The default value is <see langword="null"/>: a key derived from the token endpoint, client id, grant type,
    /// scope and refresh token, so instances configured alike share their token.</value>
    public string? TokenStoreKey { get; set; }

    /// <summary>How long a refresh holds the token store's refresh lock at most (its lease), when the store is also an
    /// <see cref="IOAuth2TokenRefreshLock"/>: the token request made under the lock times out after three quarters of
    /// it, and processes waiting for the holder's token take the lock themselves once it has passed (a holder that died
    /// stops them no longer than this). Must be between 1 second and 10 minutes.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RefreshLockLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options and returns a copy that later changes cannot reach.</summary>
    /// <exception cref="ArgumentException">A required value is missing or a value is invalid; the parameter name
    /// says which (such as <c>options.ClientId</c>).</exception>
    internal OAuth2Options ValidateAndCopy()
    {
        if (TokenEndpoint is null || !TokenEndpoint.IsAbsoluteUri || (TokenEndpoint.Scheme != Uri.UriSchemeHttps && TokenEndpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid(nameof(TokenEndpoint), "must be an absolute http or https URL");
        }

        Check(ClientId, nameof(ClientId), required: true);
        if (!Enum.IsDefined(GrantType))
        {
            throw Invalid(nameof(GrantType), $"is not a known grant type ({(int)GrantType})");
        }

        if (!Enum.IsDefined(ClientAuthentication))
        {
            throw Invalid(nameof(ClientAuthentication), $"is not a known client authentication ({(int)ClientAuthentication})");
        }

        bool secretRequired = GrantType == OAuth2GrantType.ClientCredentials || ClientAuthentication == OAuth2ClientAuthentication.BasicHeader;
        Check(ClientSecret, nameof(ClientSecret), secretRequired);
        Check(RefreshToken, nameof(RefreshToken), required: GrantType == OAuth2GrantType.RefreshToken);
        Check(Scope, nameof(Scope), required: false);
        Check(TokenStoreKey, nameof(TokenStoreKey), required: false);

        if (RefreshBefore < TimeSpan.Zero)
        {
            throw Invalid(nameof(RefreshBefore), $"cannot be negative (was {RefreshBefore})");
        }

        if (RefreshLockLease < TimeSpan.FromSeconds(1) || RefreshLockLease > TimeSpan.FromMinutes(10))
        {
            throw Invalid(nameof(RefreshLockLease), $"must be between 1 second and 10 minutes (was {RefreshLockLease})");
        }

        if (AdditionalParameters is null)
        {
            throw Invalid(nameof(AdditionalParameters), "cannot be null");
        }

        var parameters = new Dictionary<string, string>(AdditionalParameters.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> parameter in AdditionalParameters)
        {
            if (string.IsNullOrWhiteSpace(parameter.Key) || parameter.Value is null)
            {
                throw Invalid(nameof(AdditionalParameters), "has an empty name or a null value");
            }

            if (ReservedParameters.Contains(parameter.Key))
            {
                throw Invalid(nameof(AdditionalParameters), $"cannot set '{parameter.Key}'; use its own option");
            }

            parameters.Add(parameter.Key, parameter.Value);
        }

        return new OAuth2Options
        {
            TokenEndpoint = TokenEndpoint,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            GrantType = GrantType,
            RefreshToken = RefreshToken,
            Scope = Scope,
            RefreshBefore = RefreshBefore,
            AdditionalParameters = parameters,
            ClientAuthentication = ClientAuthentication,
            TokenStoreKey = TokenStoreKey,
            RefreshLockLease = RefreshLockLease,
        };
    }

    private static void Check(string? value, string field, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                throw Invalid(field, "is required");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(field, "is empty or whitespace");
        }

        HeaderValidation.ThrowIfHasLineBreak(value, "options." + field);
    }

    private static ArgumentException Invalid(string field, string problem)
    {
        string name = "options." + field;
        return new ArgumentException($"OAuth2Options.{field} {problem}.", name);
    }
}
