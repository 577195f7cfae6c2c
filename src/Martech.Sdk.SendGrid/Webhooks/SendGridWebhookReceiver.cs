using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Martech.Sdk;

/// <summary>
/// SendGrid's signed Event Webhook: verifies the ECDSA signature over the timestamp header and the raw body, checks the
/// timestamp against the tolerances, and maps the JSON array of events (<see cref="SendGridEventReader"/>).
/// </summary>
internal sealed class SendGridWebhookReceiver : MartechWebhookReceiver
{
    private readonly SendGridWebhookOptions _webhooks;
    private readonly SendGridEventReader _reader;
    private readonly ConcurrentBag<ECDsa> _keys = [];

    public SendGridWebhookReceiver(MartechProviderMetadata metadata, SendGridOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new SendGridEventReader(metadata.Name, options.CampaignIdArgument);
    }

    protected override void Verify(WebhookRequest request)
    {
        string signature = RequireHeader(request, SendGridWebhookSigner.SignatureHeader);
        string timestamp = RequireHeader(request, SendGridWebhookSigner.TimestampHeader);
        string Diagnostic() => $"signed bytes: UTF-8 '{timestamp}' + body ({WebhookSignatures.DescribeBody(request.Body.Span)}), verified with the configured P-256 key";

        // The timestamp is checked after the signature: an unsigned timestamp says nothing.
        ECDsa key = RentKey();
        try
        {
            if (!SendGridWebhookSigner.Verify(key, signature, timestamp, request.Body.Span))
            {
                throw Reject(WebhookRejectionReason.InvalidSignature, "the ECDSA signature does not match the timestamp and body with the configured public key (was the body changed, or is the key of another webhook?).", Diagnostic);
            }
        }
        finally
        {
            // Keep as many imported keys as verifications can run at once, no more.
            if (_keys.Count < Environment.ProcessorCount * 2)
            {
                _keys.Add(key);
            }
            else
            {
                key.Dispose();
            }
        }

        CheckTimestamp(request, ParseUnixSeconds(timestamp, $"the {SendGridWebhookSigner.TimestampHeader} header"), Diagnostic);
    }

    protected override WebhookReceiveResult Map(WebhookRequest request) => new(_reader.Read(request.Body));

    // ECDsa instances are not documented as safe for concurrent use: each verification takes one from a small pool.
    private ECDsa RentKey() => _keys.TryTake(out ECDsa? key) ? key : SendGridWebhookSigner.ImportPublicKey(_webhooks.PublicKey!);
}
