namespace Martech.Sdk;

/// <summary>
/// How a provider instance authenticates its requests: API key, bearer token, basic credentials or OAuth2. The
/// transport's authentication handler applies it to every request, and when the vendor answers 401 asks it once to
/// refresh and sends the request once more.
/// </summary>
/// <remarks>Implementations never put secrets in <see cref="object.ToString"/>, exception messages or logs.</remarks>
public abstract class MartechAuthentication
{
    /// <summary>
    /// A stable identifier of the credential that is not itself secret (for example a short hash of it). Instances
    /// that share a credential share one rate budget and one token.
    /// </summary>
    public abstract string CredentialId { get; }

    /// <summary>The request headers this scheme puts secrets in, redacted wherever requests are described.</summary>
    public virtual IReadOnlyCollection<string> SecretHeaders => [];

    /// <summary>The query parameters this scheme puts secrets in, redacted wherever URLs are described.</summary>
    public virtual IReadOnlyCollection<string> SecretQueryParameters => [];

    /// <summary>
    /// The secret values this scheme currently holds (keys, passwords, tokens), so the transport can mask them
    /// wherever they might be echoed: vendor error bodies, exception messages, logs. Read on every redaction, so an
    /// OAuth2 scheme returns its current token.
    /// </summary>
    protected internal virtual IEnumerable<string> SecretValues => [];

    /// <summary>Adds the credentials to a request.</summary>
    /// <param name="request">The request about to be sent.</param>
    /// <param name="cancellationToken">Cancels the call (for example a token refresh).</param>
    /// <returns>A task that completes when the request carries credentials.</returns>
    public abstract ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Called when the vendor answered a request with 401. Returns <see langword="true"/> when the credentials were
    /// renewed (such as an OAuth2 token refreshed) so the request may be sent once more; the default cannot renew.
    /// </summary>
    /// <param name="request">The rejected request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether to send the request again.</returns>
    public virtual ValueTask<bool> RenewAfterUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    /// <summary>Describes the scheme without its secrets.</summary>
    /// <returns>The scheme's name and credential id.</returns>
    public override string ToString() => $"{GetType().Name} ({CredentialId})";
}
