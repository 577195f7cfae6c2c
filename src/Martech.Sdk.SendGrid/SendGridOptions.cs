namespace Martech.Sdk;

/// <summary>
/// Options of a SendGrid provider instance, bound from <c>Martech:&lt;name&gt;</c> (<c>Martech:SendGrid</c> by
/// default) and validated when the host starts.
/// </summary>
/// <remarks>
/// Values SendGrid does not publish are options with a documented default: the request budget (SendGrid publishes
/// no per-endpoint table) and the message size limit (its documentation says both 20 MB and 30 MB; the stricter is
/// the default). See <c>docs/providers/sendgrid.md</c>.
/// </remarks>
public sealed class SendGridOptions : MartechProviderOptions
{
    /// <summary>The global API base address.</summary>
    public static readonly Uri GlobalBaseAddress = new("https://api.sendgrid.com/");

    /// <summary>The base address for EU regional subusers.</summary>
    public static readonly Uri EuBaseAddress = new("https://api.eu.sendgrid.com/");

    /// <summary>The most personalizations (and recipients) SendGrid accepts in one mail send request.</summary>
    public const int MaxPersonalizations = 1000;

    /// <summary>The API key, sent as <c>Authorization: Bearer …</c>. Required; never shown by
    /// <see cref="MartechProviderOptions.ToString"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API base address; <see cref="EuBaseAddress"/> (<c>https://api.eu.sendgrid.com/</c>) for EU regional
    /// subusers.</summary>
    /// <value>The default value is <c>https://api.sendgrid.com/</c>.</value>
    public Uri BaseAddress { get; set; } = GlobalBaseAddress;

    /// <summary>A subuser to act for through the parent account's key: sent as the <c>on-behalf-of</c> header on every
    /// request.</summary>
    /// <value>The default value is <see langword="null"/>: the key's own account.</value>
    public string? OnBehalfOf { get; set; }

    /// <summary>The unsubscribe group (<c>asm.group_id</c>) set on every <see cref="SendPurpose.Marketing"/> send, so
    /// SendGrid adds its unsubscribe link and honours group unsubscribes. Transactional sends carry no group.</summary>
    /// <value>The default value is <see langword="null"/>: no group; only global unsubscribes apply.</value>
    public int? DefaultUnsubscribeGroupId { get; set; }

    /// <summary>Whether SendGrid only validates sends (<c>mail_settings.sandbox_mode</c>) instead of delivering them.
    /// SendGrid answers a sandboxed send without a message id.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SandboxMode { get; set; }

    /// <summary>The <c>custom_args</c> key a message's <see cref="EmailMessage.CampaignId"/> is sent under, so Event
    /// Webhook events carry it back.</summary>
    /// <value>The default value is <c>campaign_id</c>.</value>
    public string CampaignIdArgument { get; set; } = "campaign_id";

    /// <summary>The largest message accepted, in bytes: subject, bodies, headers and Base64-encoded attachments
    /// together. Checked before sending. SendGrid's documentation gives both 20 MB and 30 MB; this takes the stricter.</summary>
    /// <value>The default value is 20,000,000 (20 MB).</value>
    public int MaxMessageBytes { get; set; } = 20_000_000;

    /// <summary>Addresses per suppression add request (<c>recipient_emails</c>); SendGrid publishes no limit.</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxSuppressionBatchSize { get; set; } = 1000;

    /// <summary>The request budget: requests allowed per <see cref="MartechRateLimitOptions.Window"/>, shared by every
    /// instance with the same key. SendGrid publishes "up to 10,000 requests per second" for mail send and no table for
    /// other endpoints; its <c>X-RateLimit-*</c> headers correct the budget as responses arrive. Set
    /// <see cref="MartechRateLimitOptions.LimiterFactory"/> in code to share the budget across processes.</summary>
    /// <value>The default value is 10,000 requests per second, waiting at most 60 seconds.</value>
    public MartechRateLimitOptions RateLimit { get; set; } = new() { PermitLimit = 10_000, Window = TimeSpan.FromSeconds(1) };

    /// <summary>Retries, timeouts and the circuit breaker. Mail sends are never retried once they may have reached
    /// SendGrid, whatever these say.</summary>
    /// <value>The transport's defaults (see <see cref="MartechResilienceOptions"/>).</value>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>The signed Event Webhook: its verification key, tolerances and endpoint path
    /// (<c>Martech:&lt;name&gt;:Webhooks</c>). Without a key, webhooks are refused.</summary>
    public SendGridWebhookOptions Webhooks { get; set; } = new();

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
            yield return $"{path}:{nameof(ApiKey)} is required: a SendGrid API key (Settings > API Keys).";
        }
        else if (HasControlCharacter(ApiKey))
        {
            yield return $"{path}:{nameof(ApiKey)} contains a line break or control character.";
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{path}:{nameof(BaseAddress)} must be an absolute http(s) address such as {GlobalBaseAddress} or {EuBaseAddress} (was '{BaseAddress}').";
        }

        if (OnBehalfOf is not null && (string.IsNullOrWhiteSpace(OnBehalfOf) || HasControlCharacter(OnBehalfOf)))
        {
            yield return $"{path}:{nameof(OnBehalfOf)} must be a subuser name without line breaks, or unset.";
        }

        if (DefaultUnsubscribeGroupId is <= 0)
        {
            yield return $"{path}:{nameof(DefaultUnsubscribeGroupId)} must be a positive unsubscribe group id, or unset (was {DefaultUnsubscribeGroupId}).";
        }

        if (string.IsNullOrWhiteSpace(CampaignIdArgument) || HasControlCharacter(CampaignIdArgument))
        {
            yield return $"{path}:{nameof(CampaignIdArgument)} must be a non-empty custom_args key.";
        }

        if (MaxMessageBytes < 1024)
        {
            yield return $"{path}:{nameof(MaxMessageBytes)} must be at least 1024 (was {MaxMessageBytes}).";
        }

        if (MaxSuppressionBatchSize is < 1 or > 10_000)
        {
            yield return $"{path}:{nameof(MaxSuppressionBatchSize)} must be between 1 and 10000 (was {MaxSuppressionBatchSize}).";
        }

        if (RateLimit is null)
        {
            yield return $"{path}:{nameof(RateLimit)} is required.";
        }
        else
        {
            if (RateLimit.PermitLimit < 1)
            {
                yield return $"{path}:{nameof(RateLimit)}:{nameof(MartechRateLimitOptions.PermitLimit)} must be at least 1 (was {RateLimit.PermitLimit}).";
            }

            if (RateLimit.Window <= TimeSpan.Zero)
            {
                yield return $"{path}:{nameof(RateLimit)}:{nameof(MartechRateLimitOptions.Window)} must be positive (was {RateLimit.Window}).";
            }

            if (RateLimit.MaxWait < TimeSpan.Zero)
            {
                yield return $"{path}:{nameof(RateLimit)}:{nameof(MartechRateLimitOptions.MaxWait)} cannot be negative (was {RateLimit.MaxWait}).";
            }
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

    private static bool HasControlCharacter(string value)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
