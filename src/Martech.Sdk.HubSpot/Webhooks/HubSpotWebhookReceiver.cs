using System.Security.Cryptography;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// HubSpot webhooks: verifies the v3 signature (HMAC-SHA256 over method, URI, body and a millisecond timestamp) and the
/// timestamp's age, or, when <see cref="HubSpotWebhookOptions.AllowLegacySignatures"/> is on and no v3 signature was
/// sent, the legacy v1 or v2 signature; then maps the JSON array of events (<see cref="HubSpotEventReader"/>).
/// </summary>
/// <remarks>The URI is the request's public URL. Both its original text and its normalised form are tried, since
/// HubSpot signs the URL as it called it and a host may rebuild it with different escaping.</remarks>
internal sealed class HubSpotWebhookReceiver : MartechWebhookReceiver
{
    private readonly HubSpotWebhookOptions _webhooks;
    private readonly HubSpotEventReader _reader;

    public HubSpotWebhookReceiver(MartechProviderMetadata metadata, HubSpotOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new HubSpotEventReader(metadata.Name);
    }

    protected override void Verify(WebhookRequest request)
    {
        if (request.Header(HubSpotWebhookSigner.SignatureV3Header) is { } v3)
        {
            VerifyV3(request, v3);
            return;
        }

        string? legacy = request.Header(HubSpotWebhookSigner.SignatureHeader);
        if (!_webhooks.AllowLegacySignatures)
        {
            throw Reject(
                WebhookRejectionReason.MissingHeader,
                legacy is null
                    ? $"the {HubSpotWebhookSigner.SignatureV3Header} header is missing or empty."
                    : $"the {HubSpotWebhookSigner.SignatureV3Header} header is missing or empty, and legacy {HubSpotWebhookSigner.SignatureHeader} signatures (no timestamp, replayable) are refused unless {ConfigurationPath}:Webhooks:{nameof(HubSpotWebhookOptions.AllowLegacySignatures)} is true.");
        }

        if (legacy is null)
        {
            throw Reject(WebhookRejectionReason.MissingHeader, $"neither the {HubSpotWebhookSigner.SignatureV3Header} nor the {HubSpotWebhookSigner.SignatureHeader} header is present.");
        }

        VerifyLegacy(request, legacy);
    }

    protected override WebhookReceiveResult Map(WebhookRequest request) => new(_reader.Read(request.Body));

    private void VerifyV3(WebhookRequest request, string signature)
    {
        string timestamp = RequireHeader(request, HubSpotWebhookSigner.TimestampHeader);
        string secret = _webhooks.ClientSecret!;
        List<string> uris = CandidateUris(request.Url, decode: true);
        string Diagnostic() =>
            $"signed text (v3): '{request.Method}' + URI '{uris[0]}' + body ({WebhookSignatures.DescribeBody(request.Body.Span)}) + timestamp '{timestamp}'"
            + (uris.Count > 1 ? $"; also tried URI '{uris[1]}'" : string.Empty)
            + "; HMAC-SHA256 keyed with the configured client secret (not shown), Base64";

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        bool valid = false;
        foreach (string uri in uris)
        {
            HubSpotWebhookSigner.ComputeV3(secret, request.Method.ToUpperInvariant(), uri, request.Body.Span, timestamp, mac);
            valid |= WebhookSignatures.FixedTimeEqualsBase64(mac, signature.Trim());
        }

        if (!valid)
        {
            throw Reject(WebhookRejectionReason.InvalidSignature, "the v3 signature does not match the method, URL, body and timestamp with the configured client secret (was the body changed, does the URL differ from the one HubSpot called, or is the secret another app's?).", Diagnostic);
        }

        // Checked after the signature: an unsigned timestamp says nothing.
        CheckTimestamp(request, ParseUnixMilliseconds(timestamp, $"the {HubSpotWebhookSigner.TimestampHeader} header"), Diagnostic);
    }

    private void VerifyLegacy(WebhookRequest request, string signature)
    {
        string version = RequireHeader(request, HubSpotWebhookSigner.SignatureVersionHeader).Trim();
        bool v2 = string.Equals(version, "v2", StringComparison.OrdinalIgnoreCase);
        if (!v2 && !string.Equals(version, "v1", StringComparison.OrdinalIgnoreCase))
        {
            throw Reject(WebhookRejectionReason.InvalidSignature, $"the {HubSpotWebhookSigner.SignatureVersionHeader} header names an unknown signature version (v1, v2 or a v3 header are accepted).");
        }

        string secret = _webhooks.ClientSecret!;
        List<string> uris = v2 ? CandidateUris(request.Url, decode: false) : [];
        string Diagnostic() => v2
            ? $"signed text (v2): configured client secret (not shown) + '{request.Method}' + URI '{uris[0]}' + body ({WebhookSignatures.DescribeBody(request.Body.Span)}); SHA-256, hex; no timestamp"
            : $"signed text (v1): configured client secret (not shown) + body ({WebhookSignatures.DescribeBody(request.Body.Span)}); SHA-256, hex; no timestamp";

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        bool valid = false;
        if (!v2)
        {
            HubSpotWebhookSigner.ComputeLegacy(secret, null, null, request.Body.Span, hash);
            valid = WebhookSignatures.FixedTimeEqualsHex(hash, signature.Trim());
        }

        foreach (string uri in uris)
        {
            HubSpotWebhookSigner.ComputeLegacy(secret, request.Method.ToUpperInvariant(), uri, request.Body.Span, hash);
            valid |= WebhookSignatures.FixedTimeEqualsHex(hash, signature.Trim());
        }

        if (!valid)
        {
            throw Reject(WebhookRejectionReason.InvalidSignature, $"the legacy {version.ToLowerInvariant()} signature does not match the request with the configured client secret.", Diagnostic);
        }
    }

    /// <summary>The URL as the request holds it and, when different, in its normalised form; for v3 (and as a fallback
    /// for v2) also with HubSpot's escapes decoded.</summary>
    private static List<string> CandidateUris(Uri url, bool decode)
    {
        var uris = new List<string>(4);
        void Add(string uri)
        {
            if (!uris.Contains(uri, StringComparer.Ordinal))
            {
                uris.Add(uri);
            }
        }

        foreach (string text in (string[])[url.OriginalString, url.AbsoluteUri])
        {
            Add(decode ? HubSpotWebhookSigner.CanonicalUri(text) : text);
        }

        if (!decode)
        {
            foreach (string text in (string[])[url.OriginalString, url.AbsoluteUri])
            {
                Add(HubSpotWebhookSigner.CanonicalUri(text));
            }
        }

        return uris;
    }
}
