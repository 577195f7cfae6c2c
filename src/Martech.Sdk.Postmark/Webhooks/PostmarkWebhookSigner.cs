using System.Net;
using System.Text;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Postmark does not sign webhooks; it sends the HTTP Basic credentials configured for the webhook. This builds those
/// credentials the way an HTTP client sends them (<c>Authorization: Basic base64(user:password)</c>), the URL with the
/// credentials in it to paste into Postmark, and whole requests for tests of your own endpoint or receiver.
/// </summary>
/// <example>
/// <code>
/// // Martech:Postmark:Webhooks:Username = "postmark", Password = "a-long-random-password"
/// Uri paste = PostmarkWebhookSigner.CreateWebhookUrl(new Uri("https://example.com/webhooks/postmark"), "postmark", "a-long-random-password");
/// WebhookRequest test = PostmarkWebhookSigner.CreateRequest(endpoint, "postmark", "a-long-random-password", body);
/// </code>
/// </example>
public static class PostmarkWebhookSigner
{
    /// <summary>The header that carries the credentials.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>Builds the <c>Authorization</c> header value.</summary>
    /// <param name="username">The user name (no colon).</param>
    /// <param name="password">The password.</param>
    /// <returns><c>Basic </c> and the Base64 of <c>user:password</c> in UTF-8.</returns>
    /// <exception cref="ArgumentException">The user name is empty or has a colon, or the password is empty.</exception>
    public static string CreateAuthorization(string username, string password)
    {
        Check(username, password);
        return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
    }

    /// <summary>Builds the headers Postmark sends with a webhook.</summary>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns><c>Authorization</c> and <c>Content-Type: application/json</c>.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string username, string password) =>
        [new(AuthorizationHeader, CreateAuthorization(username, password)), new("Content-Type", "application/json")];

    /// <summary>Builds a request as Postmark posts it.</summary>
    /// <param name="url">The endpoint URL.</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="body">The record, UTF-8 JSON (such as a recorded Delivery or Bounce webhook).</param>
    /// <param name="remoteAddress">The address the request comes from, for receivers with an allow-list.</param>
    /// <returns>A <c>POST</c>.</returns>
    public static WebhookRequest CreateRequest(Uri url, string username, string password, ReadOnlyMemory<byte> body, IPAddress? remoteAddress = null) =>
        new("POST", url, CreateHeaders(username, password), body) { RemoteAddress = remoteAddress };

    /// <summary>Builds the webhook URL with the credentials in it (<c>https://user:password@host/path</c>), each
    /// percent-encoded, for Postmark's webhook settings.</summary>
    /// <param name="endpoint">The public endpoint URL.</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns>The URL; treat it as a secret.</returns>
    public static Uri CreateWebhookUrl(Uri endpoint, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Check(username, password);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute URL.", nameof(endpoint));
        }

        var builder = new UriBuilder(endpoint) { UserName = Uri.EscapeDataString(username), Password = Uri.EscapeDataString(password) };
        return builder.Uri;
    }

    /// <summary>Checks an <c>Authorization</c> header value against the credentials, in constant time.</summary>
    /// <param name="authorization">The header value, or <see langword="null"/>.</param>
    /// <param name="username">The expected user name.</param>
    /// <param name="password">The expected password.</param>
    /// <returns>Whether both match.</returns>
    public static bool Verify(string? authorization, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        if (!WebhookSignatures.TryReadBasicCredentials(authorization, out string actualUser, out string actualPassword))
        {
            return false;
        }

        // Both compared, always: no early exit tells which one was wrong.
        bool user = WebhookSignatures.FixedTimeEquals(actualUser, username);
        bool pass = WebhookSignatures.FixedTimeEquals(actualPassword, password);
        return user & pass;
    }

    private static void Check(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (username.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("An HTTP Basic user name cannot contain a colon.", nameof(username));
        }
    }
}
