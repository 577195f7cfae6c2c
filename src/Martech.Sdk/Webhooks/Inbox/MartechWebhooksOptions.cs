namespace Martech.Sdk;

/// <summary>
/// Settings of the webhook inbox and its endpoints, bound from <c>Martech:Webhooks</c> and validated when the host
/// starts. Each provider instance's own webhook settings (secret, tolerances, path) are in
/// <c>Martech:&lt;name&gt;:Webhooks</c>.
/// </summary>
public sealed class MartechWebhooksOptions
{
    /// <summary>The path the endpoints are mapped under: <c>{PathPrefix}/{instance path}</c>.</summary>
    /// <value>The default value is <c>/webhooks</c>.</value>
    public string PathPrefix { get; set; } = "/webhooks";

    /// <summary>The public base address vendors call, such as <c>https://hooks.example.com/</c>, used to rebuild the URL
    /// that URL-signing vendors (Twilio, HubSpot) signed when the application runs behind a proxy or load balancer that
    /// changes the scheme, host or port. Its path is prepended to the request's path.</summary>
    /// <value>The default value is <see langword="null"/>: the URL is the request's own (or the forwarded one, with
    /// <see cref="TrustForwardedHeaders"/>).</value>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Whether to rebuild the public URL from <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c> and
    /// <c>X-Forwarded-Prefix</c> when <see cref="PublicBaseUrl"/> is not set. Turn it on only behind a proxy that sets
    /// (and strips incoming) forwarded headers.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>How many events are handled at once.</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How many times handlers run for an event before it is parked.</summary>
    /// <value>The default value is 6.</value>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles with each further failure, with ±20 % jitter.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an event's handlers may run before they are cancelled and the attempt counts as failed.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dispatcher holds an event it is handling; when it dies, the event is handed out again after
    /// this. Longer than <see cref="HandlerTimeout"/>.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the dispatcher looks for due events when nothing new arrived (retries, expired leases, events
    /// another process recorded).</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an event's key is remembered to recognise redeliveries. Vendors redeliver for up to three days
    /// (SendGrid 72 hours); longer than every instance's past tolerance.</summary>
    /// <value>The default value is 72 hours.</value>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(72);

    /// <summary>The most events the in-memory store holds (pending, parked and remembered); beyond it, handled events are
    /// forgotten oldest first, and when none can be, requests are answered 503 so the vendor retries.</summary>
    /// <value>The default value is 100,000.</value>
    public int InMemoryCapacity { get; set; } = 100_000;

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Webhooks</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        if (string.IsNullOrWhiteSpace(PathPrefix) || !PathPrefix.StartsWith('/') || PathPrefix.Contains("//", StringComparison.Ordinal) || PathPrefix.Contains('?', StringComparison.Ordinal))
        {
            yield return $"{p}:{nameof(PathPrefix)} must be a path starting with '/', such as /webhooks (was '{PathPrefix}').";
        }

        if (PublicBaseUrl is not null && (!PublicBaseUrl.IsAbsoluteUri || (PublicBaseUrl.Scheme != Uri.UriSchemeHttps && PublicBaseUrl.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(PublicBaseUrl.Query)))
        {
            yield return $"{p}:{nameof(PublicBaseUrl)} must be an absolute http(s) address without a query, such as https://hooks.example.com/ (was '{PublicBaseUrl}').";
        }

        if (MaxConcurrency is < 1 or > 256)
        {
            yield return $"{p}:{nameof(MaxConcurrency)} must be between 1 and 256 (was {MaxConcurrency}).";
        }

        if (MaxAttempts is < 1 or > 100)
        {
            yield return $"{p}:{nameof(MaxAttempts)} must be between 1 and 100 (was {MaxAttempts}).";
        }

        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return $"{p}:{nameof(RetryBaseDelay)} must be positive and at most {p}:{nameof(MaxRetryDelay)} (were {RetryBaseDelay} and {MaxRetryDelay}).";
        }

        if (HandlerTimeout <= TimeSpan.Zero)
        {
            yield return $"{p}:{nameof(HandlerTimeout)} must be positive (was {HandlerTimeout}).";
        }

        if (LeaseDuration <= HandlerTimeout)
        {
            yield return $"{p}:{nameof(LeaseDuration)} must be longer than {p}:{nameof(HandlerTimeout)} (were {LeaseDuration} and {HandlerTimeout}), or a slow handler's event would be handed to another dispatcher while it runs.";
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(5))
        {
            yield return $"{p}:{nameof(PollInterval)} must be between 0 and 5 minutes (was {PollInterval}).";
        }

        if (DedupeWindow < TimeSpan.FromMinutes(10))
        {
            yield return $"{p}:{nameof(DedupeWindow)} must be at least 10 minutes (was {DedupeWindow}): redeliveries arrive minutes to days later.";
        }

        if (InMemoryCapacity < 100)
        {
            yield return $"{p}:{nameof(InMemoryCapacity)} must be at least 100 (was {InMemoryCapacity}).";
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(MartechWebhooksOptions);
}
