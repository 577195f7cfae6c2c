using System.Security.Cryptography;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// Mailgun webhooks: verifies the <c>signature</c> object of the body (HMAC-SHA256 of timestamp and token with the
/// signing key), checks the timestamp against the tolerances and the token against the replay cache, and maps the
/// <c>event-data</c> (<see cref="MailgunEventReader"/>). Rejections answer 406 so Mailgun does not retry them, except
/// 503 while no key is configured (Mailgun retries, and succeeds once it is) and 413 for a body too large.
/// </summary>
internal sealed class MailgunWebhookReceiver : MartechWebhookReceiver
{
    private readonly MailgunWebhookOptions _webhooks;
    private readonly MailgunEventReader _reader;
    private readonly MailgunTokenCache _tokens;

    public MailgunWebhookReceiver(MartechProviderMetadata metadata, MailgunOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new MailgunEventReader(metadata.Name, options.Webhooks.UnsubscribeByTag);
        _tokens = new MailgunTokenCache(options.Webhooks.TokenCacheCapacity);
    }

    /// <summary>The replay cache, for tests.</summary>
    internal MailgunTokenCache Tokens => _tokens;

    protected override int StatusCodeFor(WebhookRejectionReason reason) => reason switch
    {
        WebhookRejectionReason.NotConfigured => 503,
        WebhookRejectionReason.BodyTooLarge => 413,
        _ => 406,
    };

    protected override void Verify(WebhookRequest request)
    {
        MailgunEnvelope envelope;
        try
        {
            envelope = MailgunEventReader.ReadEnvelope(request.Body.Span);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            throw Reject(WebhookRejectionReason.Malformed, $"the body is not a Mailgun webhook body ({ex.Message}).", () => $"body: {WebhookSignatures.DescribeBody(request.Body.Span)}", ex);
        }

        string timestamp = Require(envelope.Timestamp, "timestamp");
        string token = Require(envelope.Token, "token");
        string signature = Require(envelope.Signature, "signature");
        string Diagnostic() => $"signed text: signature.timestamp '{timestamp}' followed by signature.token '{token}' ({timestamp.Length + token.Length} characters), lowercase hex HMAC-SHA256 with the configured signing key{(string.IsNullOrWhiteSpace(_webhooks.PreviousSigningKey) ? string.Empty : " (and the previous one)")}; body {WebhookSignatures.DescribeBody(request.Body.Span)}";

        // The timestamp and token are checked after the signature: unsigned values say nothing.
        if (!Matches(_webhooks.SigningKey!, timestamp, token, signature)
            && (string.IsNullOrWhiteSpace(_webhooks.PreviousSigningKey) || !Matches(_webhooks.PreviousSigningKey, timestamp, token, signature)))
        {
            throw Reject(WebhookRejectionReason.InvalidSignature, "signature.signature does not match the HMAC-SHA256 of signature.timestamp and signature.token with the configured signing key (is it the key of another account or region?).", Diagnostic);
        }

        DateTimeOffset signedAt = ParseUnixSeconds(timestamp, "signature.timestamp");
        CheckTimestamp(request, signedAt, Diagnostic);
        if (request.IsReplay)
        {
            return; // a stored request processed again: its token was seen, by design
        }

        // Mailgun signs each post afresh (a retry brings a new token), so a token seen again while it is still fresh is
        // a captured request sent twice.
        if (!_tokens.TryAdd(token, signedAt + Options.PastTolerance, TimeProvider.GetUtcNow(), out DateTimeOffset seenUntil))
        {
            throw Reject(WebhookRejectionReason.Replayed, $"signature.token was already used by a request verified earlier (it is remembered until {seenUntil:O}): a replay. Mailgun signs every post, retries included, with a new token.", Diagnostic);
        }
    }

    protected override WebhookReceiveResult Map(WebhookRequest request) => new([_reader.Read(request.Body)]);

    private static bool Matches(string key, string timestamp, string token, string signature)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        MailgunWebhookSigner.Compute(key, timestamp, token, mac);
        return WebhookSignatures.FixedTimeEqualsHex(mac, signature);
    }

    private string Require(string? value, string field) =>
        string.IsNullOrEmpty(value)
            ? throw Reject(WebhookRejectionReason.MissingHeader, $"the body's signature.{field} is missing or empty (Mailgun sends signature.timestamp, signature.token and signature.signature in the JSON body).")
            : value;
}
