namespace Martech.Sdk;

/// <summary>
/// The webhook settings of one provider instance, bound from <c>Martech:&lt;name&gt;:Webhooks</c>: the secret (in the
/// vendor's derived options), how far a signed timestamp may be from this machine's clock, the largest body, the
/// endpoint path, and opt-in diagnostics. Validated with the instance's other options when the host starts.
/// </summary>
/// <remarks>
/// Past and future skew are separate: a delivery is late when the vendor retries or a queue backs up, early only when a
/// clock is wrong. A tolerance of zero is refused rather than read as "off": to process a stored request again, set
/// <see cref="WebhookRequest.IsReplay"/> on that request instead.
/// </remarks>
public abstract class MartechWebhookOptions
{
    /// <summary>The default largest body: 4 MiB, several times a full SendGrid batch.</summary>
    public const int DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>How old a signed timestamp may be.</summary>
    /// <value>The default value is 5 minutes, what HubSpot, Slack and Standard Webhooks document.</value>
    public TimeSpan PastTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead of this machine's clock a signed timestamp may be.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest body accepted, in bytes; a larger request is rejected with
    /// <see cref="WebhookRejectionReason.BodyTooLarge"/> (the endpoint answers 413 without reading it all).</summary>
    /// <value>The default value is <see cref="DefaultMaxBodyBytes"/> (4 MiB).</value>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>The endpoint's path below <c>Martech:Webhooks:PathPrefix</c>, for <c>MapMartechWebhooks()</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the instance name in lower case, such as
    /// <c>/webhooks/sendgrid</c>.</value>
    public string? Path { get; set; }

    /// <summary>Whether a rejection carries <see cref="WebhookVerificationException.Diagnostic"/>: what was signed, as
    /// rebuilt here (URL, sorted parameters, timestamp, body length and hash), never the secret. Turn it on to find why
    /// signatures fail behind a proxy; it can hold personal data, so leave it off otherwise.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IncludeDiagnostics { get; set; }

    /// <summary>Whether the secret (key, credentials) the vendor's scheme needs is set. An instance without one rejects
    /// every request with <see cref="WebhookRejectionReason.NotConfigured"/>, and <c>MapMartechWebhooks()</c> maps no
    /// endpoint for it.</summary>
    public abstract bool IsConfigured { get; }

    /// <summary>The setting to fill in to configure webhooks, relative to the <c>Webhooks</c> section, such as
    /// <c>PublicKey</c>; named in the <see cref="WebhookRejectionReason.NotConfigured"/> message.</summary>
    public abstract string SecretSettingName { get; }

    /// <summary>Describes what is wrong with these settings, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The <c>Webhooks</c> section, such as <c>Martech:SendGrid:Webhooks</c>.</param>
    /// <returns>One message per problem; none when the settings are valid.</returns>
    public virtual IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return Problems(configurationPath);
    }

    /// <summary>Names the options type only: webhook settings hold secrets.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => $"{GetType().Name} (settings not shown)";

    private IEnumerable<string> Problems(string path)
    {
        if (PastTolerance <= TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(PastTolerance)} must be positive (was {PastTolerance}); zero does not turn the timestamp check off. To process a stored request again, mark that request with WebhookRequest.IsReplay.";
        }

        if (FutureTolerance <= TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(FutureTolerance)} must be positive (was {FutureTolerance}); zero does not turn the timestamp check off.";
        }

        if (PastTolerance > TimeSpan.FromDays(1))
        {
            yield return $"{path}:{nameof(PastTolerance)} must be at most one day (was {PastTolerance}): a longer window lets old captured requests be replayed.";
        }

        if (FutureTolerance > TimeSpan.FromHours(1))
        {
            yield return $"{path}:{nameof(FutureTolerance)} must be at most one hour (was {FutureTolerance}).";
        }

        if (MaxBodyBytes is < 1024 or > 256 * 1024 * 1024)
        {
            yield return $"{path}:{nameof(MaxBodyBytes)} must be between 1024 and 268435456 (was {MaxBodyBytes}).";
        }

        if (Path is not null && !IsValidPath(Path))
        {
            yield return $"{path}:{nameof(Path)} must be a relative path of letters, digits, '-', '_', '.' and '/' such as 'sendgrid' or 'email/sendgrid' (was '{Path}').";
        }
    }

    private static bool IsValidPath(string value)
    {
        string trimmed = value.Trim('/');
        if (trimmed.Length == 0 || trimmed.Contains("//", StringComparison.Ordinal) || trimmed.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
