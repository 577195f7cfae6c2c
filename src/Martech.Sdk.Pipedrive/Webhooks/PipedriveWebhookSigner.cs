using System.Text;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Builds what Pipedrive sends with a webhook, so you can test your own endpoint. Pipedrive does not sign webhooks: a
/// webhook created with <c>http_auth_user</c> and <c>http_auth_password</c> sends them as HTTP Basic credentials in the
/// <c>Authorization</c> header, and that is what the receiver checks.
/// </summary>
/// <example>
/// <code>
/// var headers = PipedriveWebhookSigner.CreateHeaders("pipedrive", password);
/// var request = new WebhookRequest("POST", new Uri("https://example.com/webhooks/pipedrive"), headers, body);
/// </code>
/// </example>
public static class PipedriveWebhookSigner
{
    /// <summary>The header carrying the credentials.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>Builds the <c>Authorization</c> header value: <c>Basic</c> and the Base64 of <c>user:password</c>.</summary>
    /// <param name="username">The user name set on the webhook (no <c>:</c>).</param>
    /// <param name="password">The password set on the webhook.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException">The user name is empty or holds a <c>:</c>.</exception>
    public static string CreateAuthorization(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        if (username.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("An HTTP Basic user name cannot contain ':'.", nameof(username));
        }

        return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
    }

    /// <summary>Builds the headers of a Pipedrive delivery: the credentials and the JSON content type.</summary>
    /// <param name="username">The user name set on the webhook.</param>
    /// <param name="password">The password set on the webhook.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string username, string password) =>
        [new(AuthorizationHeader, CreateAuthorization(username, password)), new("Content-Type", "application/json")];
}
