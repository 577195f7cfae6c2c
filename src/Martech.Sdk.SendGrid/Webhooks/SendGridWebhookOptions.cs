using System.Security.Cryptography;

namespace Martech.Sdk;

/// <summary>Settings of a SendGrid instance's signed Event Webhook, bound from <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>SendGrid signs each batch with ECDSA P-256 over the timestamp header and the raw body; the verification key
/// is the public key SendGrid shows when signing is turned on (Settings &gt; Mail Settings &gt; Event Webhook, or
/// <c>GET /v3/user/webhooks/event/settings/signed</c>). SendGrid documents no replay window: the tolerances here are
/// this SDK's choice [U].</remarks>
public sealed class SendGridWebhookOptions : MartechWebhookOptions
{
    /// <summary>The Event Webhook's verification key: Base64 of the DER SubjectPublicKeyInfo, as SendGrid shows it
    /// (<c>MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…</c>).</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? PublicKey { get; set; }

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(PublicKey);

    /// <inheritdoc />
    public override string SecretSettingName => nameof(PublicKey);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (PublicKey is not null && !IsValidKey(PublicKey))
        {
            yield return $"{configurationPath}:{nameof(PublicKey)} must be the Base64 P-256 public key SendGrid shows for the signed Event Webhook (it starts with MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE).";
        }
    }

    private static bool IsValidKey(string key)
    {
        try
        {
            using ECDsa ecdsa = SendGridWebhookSigner.ImportPublicKey(key);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
