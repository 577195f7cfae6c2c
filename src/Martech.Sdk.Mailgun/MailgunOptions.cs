namespace Martech.Sdk;

/// <summary>
/// Settings of one Mailgun provider instance, bound from <c>Martech:&lt;name&gt;</c> (for example
/// <c>Martech:Mailgun:ApiKey</c>) and validated when the host starts.
/// </summary>
/// <remarks>
/// Values marked as assumptions in the docs (docs/providers/mailgun.md) are not published by Mailgun; they are
/// options so they can be changed without a new release.
/// </remarks>
public sealed class MailgunOptions : MartechProviderOptions
{
    /// <summary>The US API base address.</summary>
    public static Uri USBaseAddress { get; } = new("https://api.mailgun.net/");

    /// <summary>The EU API base address.</summary>
    public static Uri EUBaseAddress { get; } = new("https://api.eu.mailgun.net/");

    /// <summary>The largest page Mailgun's suppression listings return.</summary>
    public const int MaxSuppressionPageSize = 1000;

    /// <summary>The most records Mailgun adds to a suppression list in one request.</summary>
    public const int MaxSuppressionBatchSize = 1000;

    /// <summary>The longest tag Mailgun accepts, in characters.</summary>
    public const int MaxTagLength = 128;

    /// <summary>The API key: the account's primary key or a domain sending key. Required; sent as the password of
    /// HTTP Basic authentication with the user name <c>api</c>. Never shown by <see cref="object.ToString"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The sending domain, such as <c>mg.example.com</c>. Required: messages and suppression lists belong
    /// to a domain.</summary>
    public string? Domain { get; set; }

    /// <summary>The region the domain was created in; it picks the base address unless <see cref="BaseAddress"/> is set.</summary>
    /// <value>The default value is <see cref="MailgunRegion.US"/>.</value>
    public MailgunRegion Region { get; set; } = MailgunRegion.US;

    /// <summary>An explicit base address (a proxy or an emulator), overriding <see cref="Region"/>. Must be absolute
    /// and end with <c>/</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the region's address.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sends every message with <c>o:testmode=yes</c>: Mailgun accepts it and does not deliver it.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TestMode { get; set; }

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/>, which seeds the instance's rate budget. Mailgun
    /// publishes no general request rate (an assumption; raise it to your plan's rate).</summary>
    /// <value>The default value is 100.</value>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The window of <see cref="RateLimitPermits"/>.</summary>
    /// <value>The default value is one second.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest message accepted, in bytes, estimated as the bodies plus Base64-encoded attachments
    /// (Mailgun documents 25 MB).</summary>
    /// <value>The default value is 26,214,400 (25 MB).</value>
    public long MaxMessageSizeBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>The most bytes of <c>o:</c>, <c>h:</c> and <c>v:</c> fields (names and values) in one message
    /// (Mailgun documents 16 kB).</summary>
    /// <value>The default value is 16,384.</value>
    public int MaxOptionsSizeBytes { get; set; } = 16 * 1024;

    /// <summary>The most recipients (to, cc and bcc) in one message. Mailgun does not publish the cap for a single
    /// message (an assumption).</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxRecipientsPerMessage { get; set; } = 1000;

    /// <summary>The most tags (<c>o:tag</c>) on one message (Mailgun documents 3).</summary>
    /// <value>The default value is 3.</value>
    public int MaxTagsPerMessage { get; set; } = 3;

    /// <summary>How far ahead <see cref="EmailMessage.SendAt"/> may be (Mailgun documents 3 days for
    /// <c>o:deliverytime</c>; some plans allow more).</summary>
    /// <value>The default value is three days.</value>
    public TimeSpan MaxScheduleAhead { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The page size of suppression listings when the caller asks for none; at most
    /// <see cref="MaxSuppressionPageSize"/>.</summary>
    /// <value>The default value is 100, Mailgun's own default.</value>
    public int SuppressionPageSize { get; set; } = 100;

    /// <summary>Which path tag statistics are read from (<see cref="ICampaignStatsClient"/>).</summary>
    /// <value>The default value is <see cref="MailgunTagStatsEndpoint.TagInPath"/>, <c>/v3/{domain}/tags/{tag}/stats</c>.</value>
    public MailgunTagStatsEndpoint TagStatsEndpoint { get; set; }

    /// <summary>Retries, timeouts and the circuit breaker of this instance's HTTP transport.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>The webhooks: the signing key, tolerances, replay cache and endpoint path
    /// (<c>Martech:&lt;name&gt;:Webhooks</c>). Without a signing key, webhooks are refused.</summary>
    public MailgunWebhookOptions Webhooks { get; set; } = new();

    /// <summary>The base address requests go to: <see cref="BaseAddress"/>, or the <see cref="Region"/>'s.</summary>
    /// <returns>The base address.</returns>
    public Uri GetEffectiveBaseAddress() => BaseAddress ?? (Region == MailgunRegion.EU ? EUBaseAddress : USBaseAddress);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return Problems(configurationPath);
    }

    private IEnumerable<string> Problems(string path)
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return $"{path}:{nameof(ApiKey)} is required: the Mailgun API key (primary account key or domain sending key).";
        }
        else if (ApiKey.AsSpan().ContainsAny('\r', '\n'))
        {
            yield return $"{path}:{nameof(ApiKey)} contains a line break.";
        }

        if (string.IsNullOrWhiteSpace(Domain))
        {
            yield return $"{path}:{nameof(Domain)} is required: the Mailgun sending domain, such as mg.example.com.";
        }
        else if (Uri.CheckHostName(Domain) != UriHostNameType.Dns)
        {
            yield return $"{path}:{nameof(Domain)} must be a domain name such as mg.example.com (was '{Domain}').";
        }

        if (!Enum.IsDefined(Region))
        {
            yield return $"{path}:{nameof(Region)} must be US or EU (was {(int)Region}).";
        }

        if (!Enum.IsDefined(TagStatsEndpoint))
        {
            yield return $"{path}:{nameof(TagStatsEndpoint)} must be TagInPath or TagInQuery (was {(int)TagStatsEndpoint}).";
        }

        if (BaseAddress is { } address
            && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp) || !address.AbsolutePath.EndsWith('/')))
        {
            yield return $"{path}:{nameof(BaseAddress)} must be an absolute http(s) address ending with '/' (was '{address}').";
        }

        if (RateLimitPermits < 1)
        {
            yield return $"{path}:{nameof(RateLimitPermits)} must be at least 1 (was {RateLimitPermits}).";
        }

        if (RateLimitWindow <= TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(RateLimitWindow)} must be positive (was {RateLimitWindow}).";
        }

        if (MaxMessageSizeBytes < 1)
        {
            yield return $"{path}:{nameof(MaxMessageSizeBytes)} must be at least 1 (was {MaxMessageSizeBytes}).";
        }

        if (MaxOptionsSizeBytes < 1)
        {
            yield return $"{path}:{nameof(MaxOptionsSizeBytes)} must be at least 1 (was {MaxOptionsSizeBytes}).";
        }

        if (MaxRecipientsPerMessage < 1)
        {
            yield return $"{path}:{nameof(MaxRecipientsPerMessage)} must be at least 1 (was {MaxRecipientsPerMessage}).";
        }

        if (MaxTagsPerMessage < 0)
        {
            yield return $"{path}:{nameof(MaxTagsPerMessage)} cannot be negative (was {MaxTagsPerMessage}).";
        }

        if (MaxScheduleAhead <= TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(MaxScheduleAhead)} must be positive (was {MaxScheduleAhead}).";
        }

        if (SuppressionPageSize is < 1 or > MaxSuppressionPageSize)
        {
            yield return $"{path}:{nameof(SuppressionPageSize)} must be between 1 and {MaxSuppressionPageSize} (was {SuppressionPageSize}).";
        }

        foreach (string problem in ResilienceProblems(Resilience, path))
        {
            yield return problem;
        }

        foreach (string problem in Webhooks is null ? [$"{path}:{nameof(Webhooks)} is required."] : Webhooks.Validate($"{path}:{nameof(Webhooks)}"))
        {
            yield return problem;
        }
    }
}
