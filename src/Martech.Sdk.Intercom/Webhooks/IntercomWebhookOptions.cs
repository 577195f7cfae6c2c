namespace Martech.Sdk.Intercom;

/// <summary>Settings of an Intercom instance's webhooks (topic notifications), bound from
/// <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>
/// <para>Intercom signs each notification with HMAC-SHA1 of the raw body keyed with the app's client secret (Developer
/// Hub &gt; your app &gt; Basic information), sent as <c>X-Hub-Signature: sha1=&lt;hex&gt;</c>.</para>
/// <para>Intercom signs no timestamp header. The notification's <c>created_at</c> is inside the signed body, so it is
/// checked against <see cref="MartechWebhookOptions.PastTolerance"/>, which defaults to 24 hours here rather than 5
/// minutes: Intercom delays notifications to slow or throttled endpoints for up to hours. Within that window a replay
/// carries the notification's <c>id</c> again and is dropped by the inbox's dedupe, whose window (72 hours by default)
/// must stay longer than the tolerance.</para>
/// </remarks>
public sealed class IntercomWebhookOptions : MartechWebhookOptions
{
    /// <summary>Creates the settings with Intercom's defaults.</summary>
    public IntercomWebhookOptions()
    {
        PastTolerance = TimeSpan.FromHours(24);
    }

    /// <summary>The app's client secret, which signs notifications (<c>X-Hub-Signature</c>). A secret, never printed.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? ClientSecret { get; set; }

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(ClientSecret);

    /// <inheritdoc />
    public override string SecretSettingName => nameof(ClientSecret);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (ClientSecret is not null && (string.IsNullOrWhiteSpace(ClientSecret) || ClientSecret.AsSpan().ContainsAny('\r', '\n')))
        {
            yield return $"{configurationPath}:{nameof(ClientSecret)} must be the app's client secret without line breaks, or unset.";
        }
    }
}
