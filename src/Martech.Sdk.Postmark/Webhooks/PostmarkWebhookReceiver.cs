using System.Net;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Postmark webhooks: Postmark signs nothing, so the request must carry the configured HTTP Basic credentials (compared
/// in constant time) and, when an allow-list is set, come from an allowed address; the record is then mapped
/// (<see cref="PostmarkEventReader"/>).
/// </summary>
internal sealed class PostmarkWebhookReceiver : MartechWebhookReceiver
{
    private readonly PostmarkWebhookOptions _webhooks;
    private readonly PostmarkEventReader _reader;
    private readonly IPNetwork[] _allowed;

    public PostmarkWebhookReceiver(MartechProviderMetadata metadata, PostmarkOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new PostmarkEventReader(metadata.Name, options.CampaignIdMetadataKey, options.Webhooks.TransientAsDeferred);
        _allowed = [.. (options.Webhooks.AllowedAddresses ?? []).Select(text => PostmarkWebhookOptions.TryParseNetwork(text, out IPNetwork network)
            ? network
            : throw new ArgumentException($"{configurationPath}:Webhooks:AllowedAddresses has '{text}', which is not an IP address or a CIDR range.", nameof(options)))];
    }

    protected override void Verify(WebhookRequest request)
    {
        string authorization = RequireHeader(request, PostmarkWebhookSigner.AuthorizationHeader);
        string Diagnostic() => $"HTTP Basic credentials compared with {ConfigurationPath}:Webhooks:Username and :Password (not shown); remote address {request.RemoteAddress?.ToString() ?? "unknown"}; body {WebhookSignatures.DescribeBody(request.Body.Span)}";
        if (!WebhookSignatures.TryReadBasicCredentials(authorization, out _, out _))
        {
            throw Reject(WebhookRejectionReason.InvalidCredentials, "the Authorization header does not hold HTTP Basic credentials (Postmark sends the webhook's Basic auth user name and password).", Diagnostic);
        }

        if (!PostmarkWebhookSigner.Verify(authorization, _webhooks.Username!, _webhooks.Password!))
        {
            throw Reject(WebhookRejectionReason.InvalidCredentials, $"the HTTP Basic user name or password does not match {ConfigurationPath}:Webhooks:Username and :Password (are they the credentials set on this webhook in Postmark?).", Diagnostic);
        }

        if (_allowed.Length == 0)
        {
            return;
        }

        if (request.RemoteAddress is not { } remote)
        {
            throw Reject(WebhookRejectionReason.AddressNotAllowed, $"{ConfigurationPath}:Webhooks:AllowedAddresses is set but the request has no RemoteAddress; pass the real client address (behind a proxy, from trusted forwarded headers).", Diagnostic);
        }

        IPAddress address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        foreach (IPNetwork network in _allowed)
        {
            if (network.Contains(address))
            {
                return;
            }
        }

        throw Reject(WebhookRejectionReason.AddressNotAllowed, $"the request came from {address}, which is not in {ConfigurationPath}:Webhooks:AllowedAddresses (behind a proxy, is RemoteAddress the proxy's address instead of the client's?).", Diagnostic);
    }

    protected override WebhookReceiveResult Map(WebhookRequest request) => new([_reader.Read(request.Body)]);
}
