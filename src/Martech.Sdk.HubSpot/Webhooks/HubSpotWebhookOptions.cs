namespace Martech.Sdk.HubSpot;

/// <summary>Settings of a HubSpot instance's webhooks, bound from <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>HubSpot signs each request with the app's client secret (the public app's or the private app's, under
/// Auth in the app settings). Version 3 signatures cover the method, the URL, the body and a timestamp in milliseconds,
/// checked against <see cref="MartechWebhookOptions.PastTolerance"/> (5 minutes by default, what HubSpot documents) and
/// <see cref="MartechWebhookOptions.FutureTolerance"/>. The legacy v1 and v2 signatures carry no timestamp: a captured
/// request signed that way verifies forever, so they are refused unless <see cref="AllowLegacySignatures"/> is on.</remarks>
public sealed class HubSpotWebhookOptions : MartechWebhookOptions
{
    /// <summary>The app's client secret, the key of every HubSpot signature. A secret: never printed.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? ClientSecret { get; set; }

    /// <summary>Whether a request without a v3 signature may be verified with the legacy <c>X-HubSpot-Signature</c> (v1:
    /// SHA-256 of secret and body; v2: of secret, method, URL and body). Neither has a timestamp, so a captured request
    /// can be replayed at any time and only the event store's deduplication catches it; v1 does not even cover the URL.
    /// Turn it on only for a sender that cannot sign v3. A request that carries a v3 signature is always checked with it,
    /// never with the legacy one.</summary>
    /// <value>The default value is <see langword="false"/>: only v3 signatures are accepted.</value>
    public bool AllowLegacySignatures { get; set; }

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

        if (ClientSecret is not null && (ClientSecret.Trim().Length != ClientSecret.Length || ClientSecret.Any(char.IsControl)))
        {
            yield return $"{configurationPath}:{nameof(ClientSecret)} holds white space or a line break at its ends or inside; copy the app's client secret again.";
        }
    }
}
