namespace Martech.Sdk.Slack;

/// <summary>Settings of a Slack instance's request URLs (Events API, slash commands, interactivity), bound from
/// <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>Slack signs every request with the app's Signing Secret (<c>X-Slack-Signature</c>, version <c>v0</c>:
/// HMAC-SHA256 over <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>) and documents a five-minute window, which is the
/// default <see cref="MartechWebhookOptions.PastTolerance"/>. The secret is on the app's page at api.slack.com: Basic
/// Information &gt; App Credentials &gt; Signing Secret (not the bot token, not the legacy verification token).</remarks>
public sealed class SlackWebhookOptions : MartechWebhookOptions
{
    /// <summary>The app's Signing Secret; secret.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? SigningSecret { get; set; }

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <inheritdoc />
    public override string SecretSettingName => nameof(SigningSecret);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (SigningSecret is null)
        {
            yield break;
        }

        // The value is a secret: the messages describe it, never quote it.
        if (SigningSecret.Length < 16 || SigningSecret.Length > 256 || SigningSecret.AsSpan().ContainsAny(" \t\r\n"))
        {
            yield return $"{configurationPath}:{nameof(SigningSecret)} must be the app's Signing Secret (Basic Information > App Credentials), 16 to 256 characters without spaces.";
        }
        else if (SigningSecret.StartsWith("xox", StringComparison.Ordinal))
        {
            yield return $"{configurationPath}:{nameof(SigningSecret)} holds a Slack token (xox…): set it to the app's Signing Secret (Basic Information > App Credentials) instead.";
        }
    }
}
