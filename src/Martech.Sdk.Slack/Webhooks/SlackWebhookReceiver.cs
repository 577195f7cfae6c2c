namespace Martech.Sdk.Slack;

/// <summary>
/// Slack's request URLs (Events API, slash commands, interactivity): verifies the <c>v0</c> signature over the
/// timestamp header and the raw body, checks the timestamp against the tolerances, then maps the body
/// (<see cref="SlackEventReader"/>), answering a <c>url_verification</c> with its challenge.
/// </summary>
internal sealed class SlackWebhookReceiver : MartechWebhookReceiver
{
    private readonly SlackWebhookOptions _webhooks;
    private readonly SlackEventReader _reader;

    public SlackWebhookReceiver(MartechProviderMetadata metadata, SlackOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new SlackEventReader(metadata.Name);
    }

    protected override void Verify(WebhookRequest request)
    {
        string signature = RequireHeader(request, SlackWebhookSigner.SignatureHeader);
        string timestamp = RequireHeader(request, SlackWebhookSigner.TimestampHeader);
        string Diagnostic() =>
            $"signed text: 'v0:{timestamp}:' + body ({WebhookSignatures.DescribeBody(request.Body.Span)}), HMAC-SHA256 with the configured signing secret, compared with {SlackWebhookSigner.SignatureHeader} after 'v0=' (it starts with '{Prefix(signature)}')";

        // The timestamp is checked after the signature: an unsigned timestamp says nothing.
        if (!SlackWebhookSigner.Verify(_webhooks.SigningSecret!, signature, timestamp, request.Body.Span))
        {
            throw Reject(WebhookRejectionReason.InvalidSignature, "the v0 signature does not match the timestamp and body with the configured signing secret (was the body changed, or is the secret of another app?).", Diagnostic);
        }

        CheckTimestamp(request, SignedAt(request), Diagnostic);
    }

    protected override WebhookReceiveResult Map(WebhookRequest request) => _reader.Read(request.Body, SignedAt(request));

    private DateTimeOffset SignedAt(WebhookRequest request) =>
        ParseUnixSeconds(request.Header(SlackWebhookSigner.TimestampHeader) ?? string.Empty, $"the {SlackWebhookSigner.TimestampHeader} header");

    // Only the version prefix of a signature, never its value.
    private static string Prefix(string signature)
    {
        int equals = signature.IndexOf('=', StringComparison.Ordinal);
        return equals is > 0 and <= 8 ? signature[..(equals + 1)] : "(no version)";
    }
}
