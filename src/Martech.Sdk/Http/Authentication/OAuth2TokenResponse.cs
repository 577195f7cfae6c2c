using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>Reads the fields of a token endpoint's JSON answer: the token on success, <c>error</c> and
/// <c>error_description</c> on failure.</summary>
internal static class OAuth2TokenResponse
{
    // Longest lifetime taken at face value; anything larger is treated as "no expiry given".
    private static readonly double MaxLifetimeSeconds = TimeSpan.FromDays(3650).TotalSeconds;

    private static readonly HashSet<string> TokenFields = new(StringComparer.Ordinal)
    {
        "access_token", "token_type", "expires_in", "refresh_token", "scope",
    };

    /// <summary>Builds the token from a successful response, or returns <see langword="null"/> when it has no
    /// <c>access_token</c>.</summary>
    /// <param name="fields">The response's top-level fields.</param>
    /// <param name="requestedAt">When the token was requested; <c>expires_in</c> counts from here, erring early.</param>
    /// <returns>The token, or <see langword="null"/>.</returns>
    public static OAuth2Token? ToToken(Dictionary<string, JsonElement> fields, DateTimeOffset requestedAt)
    {
        string? accessToken = GetString(fields, "access_token");
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        var additional = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonElement> field in fields)
        {
            if (!TokenFields.Contains(field.Key) && AsText(field.Value) is { } text)
            {
                additional[field.Key] = text;
            }
        }

        return new OAuth2Token
        {
            AccessToken = accessToken,
            TokenType = NullIfEmpty(GetString(fields, "token_type")) ?? "Bearer",
            ExpiresAt = GetLifetime(fields) is { } lifetime ? requestedAt + lifetime : null,
            RefreshToken = NullIfEmpty(GetString(fields, "refresh_token")),
            Scope = NullIfEmpty(GetString(fields, "scope")),
            AdditionalProperties = additional,
        };
    }

    /// <summary>The OAuth2 <c>error</c> code, or a vendor's own code field when it does not follow RFC 6749
    /// (HubSpot answers <c>{"status":"BAD_REFRESH_TOKEN","message":…}</c>).</summary>
    public static string? GetError(Dictionary<string, JsonElement>? fields) =>
        fields is null ? null : NullIfEmpty(GetString(fields, "error") ?? GetString(fields, "errorCode") ?? GetString(fields, "status"));

    /// <summary>The OAuth2 <c>error_description</c>, or a vendor's <c>message</c>.</summary>
    public static string? GetErrorDescription(Dictionary<string, JsonElement>? fields) =>
        fields is null ? null : NullIfEmpty(GetString(fields, "error_description") ?? GetString(fields, "message"));

    /// <summary>A vendor's request or correlation id in the body, if any.</summary>
    public static string? GetRequestId(Dictionary<string, JsonElement>? fields) =>
        fields is null ? null : NullIfEmpty(GetString(fields, "requestId") ?? GetString(fields, "correlationId") ?? GetString(fields, "trace_id"));

    private static TimeSpan? GetLifetime(Dictionary<string, JsonElement> fields)
    {
        if (!fields.TryGetValue("expires_in", out JsonElement value))
        {
            return null;
        }

        double seconds;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out seconds):
                break;
            case JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds):
                break;
            default:
                return null;
        }

        // Zero, negative or absurd lifetimes say nothing usable; the token is then used until the vendor answers 401.
        return seconds > 0 && seconds <= MaxLifetimeSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static string? GetString(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
