namespace Martech.Sdk;

/// <summary>
/// How a provider instance talks HTTP: what its vendor requires and publishes. A vendor package builds one in its
/// <c>Add&lt;Vendor&gt;</c> method (<see cref="Microsoft.Extensions.DependencyInjection.MartechHttpBuilderExtensions.AddHttpTransport"/>); the shared
/// transport turns it into a named <see cref="HttpClient"/> with telemetry, resilience, rate limiting and
/// authentication, in that order from the outside in.
/// </summary>
public sealed class MartechHttpOptions
{
    /// <summary>The vendor's base address, such as <c>https://api.hubapi.com/</c>. Required; must be absolute and end
    /// with a slash so relative paths append to it.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>How requests are authenticated; <see langword="null"/> for none.</summary>
    public MartechAuthentication? Authentication { get; set; }

    /// <summary>The vendor's published rate limit, which seeds the instance's rate budget.</summary>
    public MartechRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Reads the vendor's rate-limit headers, so the budget follows what the vendor says is left;
    /// <see langword="null"/> when the vendor sends none.</summary>
    public IRateLimitHeaderReader? RateLimitHeaders { get; set; }

    /// <summary>Retries, timeouts and the circuit breaker.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Decides whether a failed response means the vendor did not process the request, so even a POST may be sent
    /// again. HTTP 429 always counts; add the vendor's documented cases (for example a 503 it documents as
    /// "not processed"). <see langword="null"/> for 429 only.
    /// </summary>
    public Func<HttpResponseMessage, bool>? IsNotProcessed { get; set; }

    /// <summary>Request headers that carry an idempotency key the vendor honours. A request that carries one may be
    /// retried whatever its method, because the vendor drops the duplicate.</summary>
    public ISet<string> IdempotencyKeyHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Turns the vendor's error responses into <see cref="MartechRequestException"/>s; the default mapper
    /// reads the status, <c>Retry-After</c> and a redacted body excerpt.</summary>
    public IMartechErrorMapper? ErrorMapper { get; set; }

    /// <summary>Headers whose values are secrets, redacted in telemetry and logs in addition to
    /// <c>Authorization</c> and those the authentication scheme names.</summary>
    public ISet<string> SensitiveHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Query parameters whose values are secrets, redacted in telemetry, logs and exception messages in
    /// addition to the built-in list (<c>api_key</c>, <c>api_token</c>, <c>hapikey</c>, <c>access_token</c>, …).</summary>
    public ISet<string> SensitiveQueryParameters { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the vendor's URL paths carry credentials, as webhook URLs do (a Teams Office 365 connector URL holds its
    /// secret in the path). When set, telemetry (<c>url.full</c>), logs and messages show each request URL as its scheme
    /// and host followed by <c>/***</c>, with no path and no query. The default value is <see langword="false"/>: paths
    /// are shown and only sensitive query values are masked.
    /// </summary>
    public bool UrlPathsAreSecret { get; set; }

    /// <summary>URLs that are credentials as a whole, such as the webhook URLs a provider posts to. Every path segment
    /// and query value of at least <see cref="MartechRedactor.MinSecretUrlPartLength"/> characters (ids, keys,
    /// signatures), escaped or not, is masked in any text the SDK writes: vendor error bodies, exception messages and
    /// log lines.</summary>
    public ICollection<Uri> SecretUrls { get; } = new List<Uri>();

    /// <summary>Checks the options and says what is wrong.</summary>
    /// <param name="instance">The provider instance, named in messages.</param>
    /// <exception cref="InvalidOperationException">A required value is missing or out of range.</exception>
    public void Validate(string instance)
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"Provider '{instance}' has no absolute HTTP base address.");
        }

        if (!BaseAddress.AbsolutePath.EndsWith('/'))
        {
            throw new InvalidOperationException($"Provider '{instance}' base address '{BaseAddress}' must end with '/' so relative paths append to it.");
        }

        RateLimit.Validate(instance);
        Resilience.Validate(instance);
    }
}
