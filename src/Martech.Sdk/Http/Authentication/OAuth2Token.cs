namespace Martech.Sdk;

/// <summary>
/// An OAuth2 access token and what came with it, as <see cref="OAuth2Authentication"/> keeps it and an
/// <see cref="IOAuth2TokenStore"/> persists it.
/// </summary>
/// <remarks><see cref="ToString"/> shows neither the access token nor the refresh token.</remarks>
public sealed record OAuth2Token
{
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>(0);

    /// <summary>The access token sent to the vendor.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The token type, the scheme of the <c>Authorization</c> header.</summary>
    /// <value>The default value is <c>"Bearer"</c>.</value>
    public string TokenType { get; init; } = "Bearer";

    /// <summary>When the access token expires; <see langword="null"/> when the token endpoint did not say (the token is
    /// then used until the vendor answers 401).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The refresh token, if the grant gave one. A refresh response without one keeps the previous one.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The granted scope, space-separated, if known.</summary>
    public string? Scope { get; init; }

    /// <summary>The other string, number and boolean fields of the token response as text, such as Salesforce's
    /// <c>instance_url</c>, <c>issued_at</c> and <c>id</c>.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> AdditionalProperties { get; init; } = NoProperties;

    /// <summary>Describes the token without its secrets.</summary>
    /// <returns>The token type, expiry and scope.</returns>
    public override string ToString()
    {
        string expiry = ExpiresAt is { } expiresAt ? expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "unknown";
        return $"OAuth2Token ({TokenType}, expires {expiry}, scope '{Scope}', refresh token {(RefreshToken is null ? "absent" : "present")})";
    }
}
