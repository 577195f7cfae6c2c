namespace Martech.Sdk.Intercom;

/// <summary>
/// Intercom webhook notifications: verifies <c>X-Hub-Signature</c> (<c>sha1=</c> and the hex HMAC-SHA1 of the raw body
/// with the app's client secret), maps the notification with <see cref="IntercomNotificationReader"/>, and checks its
/// signed <c>created_at</c> against the past and future tolerances (Intercom sends no timestamp header).
/// </summary>
internal sealed class IntercomWebhookReceiver : MartechWebhookReceiver
{
    private readonly IntercomWebhookOptions _webhooks;

    public IntercomWebhookReceiver(MartechProviderMetadata metadata, IntercomOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
    }

    protected override void Verify(WebhookRequest request)
    {
        string signature = RequireHeader(request, IntercomWebhookSigner.SignatureHeader);
        if (!IntercomWebhookSigner.Verify(_webhooks.ClientSecret!, signature, request.Body.Span))
        {
            bool prefixed = signature.StartsWith(IntercomWebhookSigner.SignaturePrefix, StringComparison.OrdinalIgnoreCase);
            throw Reject(
                WebhookRejectionReason.InvalidSignature,
                prefixed
                    ? "X-Hub-Signature does not match the body with the configured client secret (was the body changed, or is the secret another app's?)."
                    : "X-Hub-Signature does not start with 'sha1='.",
                () => $"signed bytes: the raw body ({WebhookSignatures.DescribeBody(request.Body.Span)}), HMAC-SHA1 with the configured client secret; the header {(prefixed ? "has" : "lacks")} the 'sha1=' prefix");
        }
    }

    protected override WebhookReceiveResult Map(WebhookRequest request)
    {
        var (createdAt, events) = IntercomNotificationReader.Read(request.Body, Metadata.Name, TimeProvider.GetUtcNow());
        if (createdAt is { } signedAt)
        {
            // created_at is inside the signed body: the only clock a replayed notification carries.
            CheckTimestamp(request, signedAt, () => $"the notification's created_at {signedAt:O} (inside the signed body)");
        }

        return new WebhookReceiveResult(events);
    }
}
