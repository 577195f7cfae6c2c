using System.Globalization;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Options of a Pipedrive provider instance, bound from <c>Martech:&lt;name&gt;</c> (<c>Martech:Pipedrive</c> by
/// default) and validated when the host starts.
/// </summary>
/// <remarks>
/// Persons (contacts) use Pipedrive API v2 and leads use API v1, so the instance has two base addresses. Leave both
/// unset for <c>https://api.pipedrive.com/api/v2/</c> and <c>https://api.pipedrive.com/v1/</c>, set
/// <see cref="CompanyDomain"/> for the company-domain form (<c>https://{domain}.pipedrive.com/api/v2/</c> and
/// <c>/api/v1/</c>), or set them explicitly (an emulator, a proxy). Settings marked [U] are assumptions about
/// Pipedrive that its documentation did not confirm; each can be changed here.
/// </remarks>
public sealed class PipedriveOptions : MartechProviderOptions
{
    /// <summary>The largest page Pipedrive returns for persons and leads.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The API token, sent in the <c>x-api-token</c> header. Required; a secret, never printed.</summary>
    public string? ApiToken { get; set; }

    /// <summary>The company domain (the <c>acme</c> of <c>acme.pipedrive.com</c>) for the company-domain base
    /// addresses; <see langword="null"/> for <c>api.pipedrive.com</c>. Ignored for an address set explicitly.</summary>
    public string? CompanyDomain { get; set; }

    /// <summary>The API v2 base address (persons, lead conversion); must end with <c>/</c>.</summary>
    /// <value>The default value is <see langword="null"/>: <c>https://api.pipedrive.com/api/v2/</c>, or the
    /// company-domain form when <see cref="CompanyDomain"/> is set.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API v1 base address (leads, person and lead fields); must end with <c>/</c>.</summary>
    /// <value>The default value is <see langword="null"/>: <c>https://api.pipedrive.com/v1/</c>, or the
    /// company-domain form <c>https://{domain}.pipedrive.com/api/v1/</c> when <see cref="CompanyDomain"/> is set.</value>
    public Uri? V1BaseAddress { get; set; }

    /// <summary>The page size of listings that give none, 1 to <see cref="MaxPageSize"/>.</summary>
    /// <value>The default value is 100 (Pipedrive's own default).</value>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/>, seeding the rate budget before Pipedrive's
    /// <c>x-ratelimit-*</c> headers correct it. Pipedrive's limit depends on the plan [U]; set yours.</summary>
    /// <value>The default value is 80 [U].</value>
    public int RateLimitPermitLimit { get; set; } = 80;

    /// <summary>The window of <see cref="RateLimitPermitLimit"/>; Pipedrive counts per 2-second window.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether <see cref="Contact.EmailConsent"/> maps to the person's <c>marketing_status</c>, which exists
    /// only when the company uses Pipedrive Campaigns. When <see langword="false"/>, email consent is neither read nor
    /// written.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseMarketingStatus { get; set; } = true;

    /// <summary>Whether lead listings include archived leads (after the active ones), such as leads converted without
    /// a deal.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeArchivedLeads { get; set; } = true;

    /// <summary>How long the person and lead field definitions (hash keys and names) are cached per instance. A
    /// custom field name not in the cache triggers one early refresh.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan FieldCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times a lead-to-deal conversion job's status is read before giving up.</summary>
    /// <value>The default value is 30.</value>
    public int ConversionPollAttempts { get; set; } = 30;

    /// <summary>The wait between reads of a conversion job's status.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan ConversionPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The custom fields that hold model properties Pipedrive lacks; see <see cref="PipedriveFieldMapping"/>.</summary>
    public PipedriveFieldMapping Fields { get; set; } = new();

    /// <summary>Retries, timeouts and the circuit breaker of this instance's transport.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>Webhooks: the HTTP Basic credentials set on the Pipedrive webhook and the endpoint path
    /// (<c>Martech:&lt;name&gt;:Webhooks</c>). Without credentials, webhooks are refused.</summary>
    public PipedriveWebhookOptions Webhooks { get; set; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return Problems(configurationPath);
    }

    /// <summary>The v2 base address this instance uses.</summary>
    internal Uri ResolveBaseAddress() =>
        BaseAddress ?? new Uri(CompanyDomain is { Length: > 0 } domain ? $"https://{domain.Trim()}.pipedrive.com/api/v2/" : "https://api.pipedrive.com/api/v2/");

    /// <summary>The v1 base address this instance uses.</summary>
    internal Uri ResolveV1BaseAddress() =>
        V1BaseAddress ?? new Uri(CompanyDomain is { Length: > 0 } domain ? $"https://{domain.Trim()}.pipedrive.com/api/v1/" : "https://api.pipedrive.com/v1/");

    private static bool IsValidBase(Uri address) =>
        address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp) && address.AbsolutePath.EndsWith('/');

    private static bool IsValidDomain(string domain)
    {
        if (domain.Length is 0 or > 63 || domain[0] == '-' || domain[^1] == '-')
        {
            return false;
        }

        foreach (char c in domain)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private IEnumerable<string> Problems(string path)
    {
        if (string.IsNullOrWhiteSpace(ApiToken))
        {
            yield return $"{path}:{nameof(ApiToken)} is required: the Pipedrive API token (Personal preferences → API in Pipedrive).";
        }

        if (CompanyDomain is not null && !IsValidDomain(CompanyDomain.Trim()))
        {
            yield return $"{path}:{nameof(CompanyDomain)} must be the company's subdomain only, such as 'acme' for acme.pipedrive.com (letters, digits and hyphens).";
        }

        if (BaseAddress is not null && !IsValidBase(BaseAddress))
        {
            yield return $"{path}:{nameof(BaseAddress)} must be an absolute http(s) address ending with '/', such as https://api.pipedrive.com/api/v2/ (was '{BaseAddress}').";
        }

        if (V1BaseAddress is not null && !IsValidBase(V1BaseAddress))
        {
            yield return $"{path}:{nameof(V1BaseAddress)} must be an absolute http(s) address ending with '/', such as https://api.pipedrive.com/v1/ (was '{V1BaseAddress}').";
        }

        if (DefaultPageSize is < 1 or > MaxPageSize)
        {
            yield return $"{path}:{nameof(DefaultPageSize)} must be between 1 and {MaxPageSize} (was {DefaultPageSize.ToString(CultureInfo.InvariantCulture)}).";
        }

        if (RateLimitPermitLimit < 1)
        {
            yield return $"{path}:{nameof(RateLimitPermitLimit)} must be at least 1 (was {RateLimitPermitLimit.ToString(CultureInfo.InvariantCulture)}).";
        }

        if (RateLimitWindow <= TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(RateLimitWindow)} must be positive (was {RateLimitWindow}).";
        }

        if (FieldCacheDuration < TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(FieldCacheDuration)} cannot be negative (was {FieldCacheDuration}).";
        }

        if (ConversionPollAttempts is < 1 or > 1000)
        {
            yield return $"{path}:{nameof(ConversionPollAttempts)} must be between 1 and 1000 (was {ConversionPollAttempts.ToString(CultureInfo.InvariantCulture)}).";
        }

        if (ConversionPollInterval < TimeSpan.Zero || ConversionPollInterval > TimeSpan.FromMinutes(5))
        {
            yield return $"{path}:{nameof(ConversionPollInterval)} must be between 0 and 5 minutes (was {ConversionPollInterval}).";
        }

        if (Fields is null)
        {
            yield return $"{path}:{nameof(Fields)} cannot be null.";
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
