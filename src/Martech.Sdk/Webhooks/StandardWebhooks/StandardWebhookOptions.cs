namespace Martech.Sdk;

/// <summary>Webhook settings for the Standard Webhooks scheme (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>): the secret, and during a key rotation the others still accepted.</summary>
public class StandardWebhookOptions : MartechWebhookOptions
{
    /// <summary>The signing secret, <c>whsec_…</c>; required and secret.</summary>
    public string? Secret { get; set; }

    /// <summary>Further secrets accepted while keys rotate: a request passes when any of its signatures matches any
    /// of <see cref="Secret"/> and these.</summary>
    public IList<string> AdditionalSecrets { get; } = [];

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(Secret);

    /// <inheritdoc />
    public override string SecretSettingName => nameof(Secret);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (Secret is not null && !StandardWebhookSigner.IsValidSecret(Secret))
        {
            yield return $"{configurationPath}:{nameof(Secret)} must be 'whsec_' followed by the Base64 of 24 to 64 random bytes (StandardWebhookSigner.GenerateSecret() makes one).";
        }

        for (int i = 0; i < AdditionalSecrets.Count; i++)
        {
            if (!StandardWebhookSigner.IsValidSecret(AdditionalSecrets[i]))
            {
                yield return $"{configurationPath}:{nameof(AdditionalSecrets)}:{i} must be 'whsec_' followed by the Base64 of 24 to 64 random bytes.";
            }
        }
    }

    internal IEnumerable<string> AllSecrets()
    {
        if (!string.IsNullOrWhiteSpace(Secret))
        {
            yield return Secret;
        }

        foreach (string secret in AdditionalSecrets)
        {
            yield return secret;
        }
    }
}
