namespace Martech.Sdk;

/// <summary>Per-request settings a provider attaches to an <see cref="HttpRequestMessage"/> for the transport.</summary>
public sealed class MartechRequestOptions
{
    /// <summary>The key the transport reads these options from in <see cref="HttpRequestMessage.Options"/>.</summary>
    public static HttpRequestOptionsKey<MartechRequestOptions> Key { get; } = new("Martech.Sdk.RequestOptions");

    /// <summary>The operation name for telemetry and logs, such as <c>"contacts.batch.upsert"</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>
    /// Whether sending this request twice cannot duplicate work, whatever its method: for example a POST that only
    /// searches, or one the vendor de-duplicates. When <see langword="null"/>, safe and idempotent methods
    /// (GET, HEAD, OPTIONS, PUT, DELETE) are idempotent and others are not.
    /// </summary>
    public bool? Idempotent { get; init; }

    /// <summary>
    /// The key that picks this request's budget when the operation's budget is partitioned
    /// (<see cref="MartechOperationRateLimit.PerPartition"/>), such as the channel a message is posted to; ignored
    /// otherwise. Not a secret, but keep it short and stable: each distinct value in use holds a small budget.
    /// <see langword="null"/> (the default) shares the operation's one unpartitioned budget.
    /// </summary>
    public string? RateLimitPartition { get; init; }

    /// <summary>
    /// The request's URL as written relative to the base address, with each path segment or query value that carries
    /// personal data (an email address, a phone number, a name, a search) replaced by a <c>{placeholder}</c>, such as
    /// <c>v3/suppression/bounces/{email}</c> or <c>query?q={soql}</c>. Below Trace, the transport shows those parts as
    /// the placeholders wherever it describes the request (the <c>url.full</c> activity tag, Debug log lines, messages of
    /// transport failures); the template's segments are matched to the URL's from the end. Parts holding an email
    /// address or an international phone number, and values of query parameters such as <c>email</c>, <c>phone</c>,
    /// <c>q</c> and <c>term</c>, are masked even without a template. <see langword="null"/> (the default): only those.
    /// </summary>
    public string? UrlTemplate { get; init; }

    /// <summary>
    /// The tenant whose credentials send this request, on an instance with per-tenant credentials
    /// (<see cref="IMartechCredentialResolver"/>); <see langword="null"/> (the default) for <see cref="MartechTenant.Current"/>.
    /// </summary>
    public string? Tenant { get; init; }

    /// <summary>Gets the options attached to a request, if any.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The options, or <see langword="null"/>.</returns>
    public static MartechRequestOptions? Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Key, out var options) ? options : null;
    }

    /// <summary>Attaches these options to a request.</summary>
    /// <param name="request">The request.</param>
    public void ApplyTo(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Key, this);
    }
}
