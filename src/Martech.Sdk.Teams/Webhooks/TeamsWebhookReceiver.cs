using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Teams;

/// <summary>
/// A Teams outgoing webhook: verifies <c>Authorization: HMAC</c> over the raw body with the Base64-decoded security
/// token, checks the signed activity's timestamp against the tolerances, maps the activity
/// (<see cref="TeamsActivityReader"/>) and answers with the configured reply message, which Teams shows in the thread.
/// </summary>
internal sealed class TeamsWebhookReceiver : MartechWebhookReceiver
{
    private readonly TeamsWebhookOptions _webhooks;
    private readonly TeamsActivityReader _reader;
    private byte[]? _key;

    public TeamsWebhookReceiver(MartechProviderMetadata metadata, TeamsOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new TeamsActivityReader(metadata.Name);
    }

    protected override void Verify(WebhookRequest request)
    {
        string authorization = RequireHeader(request, TeamsWebhookSigner.AuthorizationHeader);
        if (!TeamsWebhookSigner.TryReadSignature(authorization, out _))
        {
            throw Reject(WebhookRejectionReason.InvalidSignature, $"the {TeamsWebhookSigner.AuthorizationHeader} header is not '{TeamsWebhookSigner.Scheme} <Base64>' (is something other than Teams calling, or a proxy replacing the header?).", () => Diagnostic(request));
        }

        byte[] key = _key ??= TeamsWebhookOptions.TryDecodeKey(_webhooks.SecurityToken!, out byte[] decoded)
            ? decoded
            : throw Reject(WebhookRejectionReason.NotConfigured, $"the security token is not Base64 of at least 16 bytes. Set {ConfigurationPath}:Webhooks:{nameof(TeamsWebhookOptions.SecurityToken)} to the token Teams showed when the outgoing webhook was created.");
        if (!TeamsWebhookSigner.Verify(key, authorization, request.Body.Span))
        {
            throw Reject(WebhookRejectionReason.InvalidSignature, "the HMAC does not match the body with the configured security token (was the body changed, or is the token of another outgoing webhook?).", () => Diagnostic(request));
        }
    }

    protected override WebhookReceiveResult Map(WebhookRequest request)
    {
        var (activity, timestamp) = _reader.Read(request.Body, TimeProvider.GetUtcNow());

        // Teams signs no timestamp header: the activity's own timestamp is inside the signed body, so it is checked
        // here, once the body is known to be authentic and readable.
        if (_webhooks.CheckActivityTimestamp && !request.IsReplay)
        {
            if (timestamp is not { } signedAt)
            {
                throw Reject(WebhookRejectionReason.Malformed, $"the activity has no readable timestamp to check its freshness against (set {ConfigurationPath}:Webhooks:{nameof(TeamsWebhookOptions.CheckActivityTimestamp)} to false to accept such activities).");
            }

            CheckTimestamp(request, signedAt, () => Diagnostic(request) + $"; activity timestamp {signedAt:O}");
        }

        return new WebhookReceiveResult([activity], new WebhookResponse(200, "application/json", Reply(_webhooks.ReplyText)));
    }

    private static string Diagnostic(WebhookRequest request) =>
        $"signed bytes: body ({WebhookSignatures.DescribeBody(request.Body.Span)}), HMAC-SHA256 keyed with the Base64-decoded security token, compared with the {TeamsWebhookSigner.AuthorizationHeader} header after '{TeamsWebhookSigner.Scheme} '";

    // The reply Teams shows in the thread: a message activity (Teams treats an empty text as an error).
    private static string Reply(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
