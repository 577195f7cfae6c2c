namespace Martech.Sdk;

/// <summary>Settings of a Mailgun instance's webhooks, bound from <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>
/// <para>Mailgun puts a <c>signature</c> object in each webhook body: a Unix <c>timestamp</c>, a random <c>token</c> and
/// the hex HMAC-SHA256 of the two with the domain's HTTP webhook signing key (Sending &gt; Webhooks, or Settings &gt; API
/// Security, "HTTP webhook signing key"). Mailgun documents the freshness check and the token cache as optional; this
/// receiver does both: a timestamp outside <see cref="MartechWebhookOptions.PastTolerance"/> /
/// <see cref="MartechWebhookOptions.FutureTolerance"/> is refused, and so is a token already seen within that
/// window.</para>
/// <para>Every rejection except <see cref="WebhookRejectionReason.NotConfigured"/> (503) and
/// <see cref="WebhookRejectionReason.BodyTooLarge"/> (413) answers 406, which tells Mailgun not to retry: a forged or
/// replayed request is not worth retrying, but a wrong <see cref="SigningKey"/> loses genuine events too, so test the key
/// before going live.</para>
/// </remarks>
public sealed class MailgunWebhookOptions : MartechWebhookOptions
{
    /// <summary>The smallest <see cref="TokenCacheCapacity"/>.</summary>
    public const int MinTokenCacheCapacity = 1_000;

    /// <summary>The largest <see cref="TokenCacheCapacity"/>.</summary>
    public const int MaxTokenCacheCapacity = 10_000_000;

    /// <summary>The HTTP webhook signing key Mailgun shows for the account or domain. Never shown by
    /// <see cref="object.ToString"/>, messages or diagnostics.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? SigningKey { get; set; }

    /// <summary>The signing key before a rotation, also accepted until you clear it, so requests signed with the old key
    /// while the new one is being rolled out are not answered 406 (which Mailgun does not retry).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? PreviousSigningKey { get; set; }

    /// <summary>How many tokens the replay cache keeps. A token is kept until its signed timestamp is older than
    /// <see cref="MartechWebhookOptions.PastTolerance"/>; when more than this many arrive within that window the ones
    /// closest to expiry are forgotten first (event-id deduplication still catches a repeat).</summary>
    /// <value>The default value is 100,000 (a few tens of megabytes at most).</value>
    public int TokenCacheCapacity { get; set; } = 100_000;

    /// <summary>Whether an <c>unsubscribed</c> event of a message that carried exactly one tag (other than <c>*</c>) maps
    /// to <see cref="EmailEventType.GroupUnsubscribed"/> with that tag as the group. Mailgun's payload does not say
    /// whether the recipient used the all-mail or the per-tag unsubscribe link, so by default every unsubscribe is
    /// <see cref="EmailEventType.Unsubscribed"/> (the safe reading); turn this on only when your messages carry
    /// <c>%tag_unsubscribe_url%</c> links alone.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool UnsubscribeByTag { get; set; }

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(SigningKey);

    /// <inheritdoc />
    public override string SecretSettingName => nameof(SigningKey);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (SigningKey is not null && HasWhiteSpaceOrControl(SigningKey))
        {
            yield return $"{configurationPath}:{nameof(SigningKey)} contains white space or a line break; copy the HTTP webhook signing key exactly as Mailgun shows it.";
        }

        if (PreviousSigningKey is not null && HasWhiteSpaceOrControl(PreviousSigningKey))
        {
            yield return $"{configurationPath}:{nameof(PreviousSigningKey)} contains white space or a line break.";
        }

        if (!string.IsNullOrWhiteSpace(PreviousSigningKey) && string.IsNullOrWhiteSpace(SigningKey))
        {
            yield return $"{configurationPath}:{nameof(PreviousSigningKey)} is set but {nameof(SigningKey)} is not; set the current key as {nameof(SigningKey)}.";
        }

        if (TokenCacheCapacity is < MinTokenCacheCapacity or > MaxTokenCacheCapacity)
        {
            yield return $"{configurationPath}:{nameof(TokenCacheCapacity)} must be between {MinTokenCacheCapacity} and {MaxTokenCacheCapacity} (was {TokenCacheCapacity}).";
        }
    }

    private static bool HasWhiteSpaceOrControl(string value)
    {
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return true;
            }
        }

        return value.Length == 0;
    }
}
