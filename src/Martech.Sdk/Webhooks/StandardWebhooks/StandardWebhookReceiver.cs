using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk;

/// <summary>The base of receivers that verify the Standard Webhooks scheme: the generic receiver of
/// <c>AddStandardWebhooks()</c> and the in-memory provider's. It checks the three headers, the timestamp against the
/// tolerances and every <c>v1</c> signature in the header against every configured secret, in constant time; other
/// signature versions are ignored, as the specification asks.</summary>
public abstract class StandardWebhookReceiver : MartechWebhookReceiver
{
    private readonly StandardWebhookOptions _options;
    private byte[][]? _keys;

    /// <summary>Creates a receiver.</summary>
    /// <param name="metadata">The provider instance.</param>
    /// <param name="options">Its webhook settings.</param>
    /// <param name="configurationPath">Its configuration section.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    protected StandardWebhookReceiver(MartechProviderMetadata metadata, StandardWebhookOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options, configurationPath, timeProvider)
    {
        _options = options;
    }

    /// <summary>The request's <c>webhook-id</c>, after <see cref="Verify"/> passed.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The id.</returns>
    protected static string MessageIdOf(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Header(StandardWebhookSigner.IdHeader) ?? string.Empty;
    }

    /// <inheritdoc />
    protected override void Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string id = RequireHeader(request, StandardWebhookSigner.IdHeader);
        string timestampText = RequireHeader(request, StandardWebhookSigner.TimestampHeader);
        string signatures = RequireHeader(request, StandardWebhookSigner.SignatureHeader);
        if (id.Length > 256)
        {
            throw Reject(WebhookRejectionReason.Malformed, "the webhook-id header is longer than 256 characters.");
        }

        string Diagnostic() => $"signed content: '{id}.{timestampText}.' + body ({WebhookSignatures.DescribeBody(request.Body.Span)}); signatures offered: {CountVersions(signatures)}";
        DateTimeOffset timestamp = ParseUnixSeconds(timestampText, "the webhook-timestamp header");
        CheckTimestamp(request, timestamp, Diagnostic);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        bool anyV1 = false;
        foreach (byte[] key in Keys())
        {
            StandardWebhookSigner.Compute(key, id, timestampText, request.Body.Span, mac);
            foreach (Range range in signatures.AsSpan().Split(' '))
            {
                ReadOnlySpan<char> entry = signatures.AsSpan()[range].Trim();
                if (!entry.StartsWith("v1,", StringComparison.Ordinal))
                {
                    continue;
                }

                anyV1 = true;
                if (WebhookSignatures.FixedTimeEqualsBase64(mac, entry[3..]))
                {
                    return;
                }
            }
        }

        throw Reject(
            WebhookRejectionReason.InvalidSignature,
            anyV1 ? "no v1 signature in webhook-signature matches a configured secret." : "webhook-signature holds no v1 signature.",
            Diagnostic);
    }

    private byte[][] Keys() => _keys ??= [.. _options.AllSecrets().Select(s => StandardWebhookSigner.DecodeSecret(s, nameof(StandardWebhookOptions.Secret)))];

    private static string CountVersions(string header)
    {
        var text = new StringBuilder();
        foreach (Range range in header.AsSpan().Split(' '))
        {
            ReadOnlySpan<char> entry = header.AsSpan()[range].Trim();
            int comma = entry.IndexOf(',');
            if (entry.IsEmpty)
            {
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : ", ").Append(comma < 0 ? "(no version)" : entry[..comma]);
        }

        return text.Length == 0 ? "none" : text.ToString();
    }
}
