namespace Martech.Sdk.Salesforce;

/// <summary>
/// Salesforce outbound messages: checks the shared token in the URL's query (constant time) before reading anything,
/// then reads the SOAP envelope (<see cref="SalesforceOutboundMessageReader"/>), refuses a message naming another org,
/// maps its notifications and answers with the SOAP acknowledgement Salesforce waits for. Outbound messages carry no
/// signature and no timestamp, so there is nothing else to verify; Salesforce redelivers with the same notification ids.
/// </summary>
internal sealed class SalesforceWebhookReceiver : MartechWebhookReceiver
{
    private static readonly WebhookResponse Acknowledgement = new(200, SalesforceOutboundMessageBuilder.ContentType, SalesforceOutboundMessageBuilder.Acknowledgement);

    private readonly SalesforceWebhookOptions _webhooks;
    private readonly SalesforceOutboundMessageReader _reader;

    public SalesforceWebhookReceiver(MartechProviderMetadata metadata, SalesforceOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new SalesforceOutboundMessageReader(metadata.Name);
    }

    protected override void Verify(WebhookRequest request)
    {
        string parameter = _webhooks.TokenParameterName;
        IReadOnlyList<KeyValuePair<string, string>> query;
        try
        {
            query = WebhookForm.ParseQuery(request.Url.Query);
        }
        catch (FormatException ex)
        {
            throw Reject(WebhookRejectionReason.InvalidCredentials, "the URL's query cannot be read.", null, ex);
        }

        string? token = null;
        int count = 0;
        foreach (var (key, value) in query)
        {
            if (string.Equals(key, parameter, StringComparison.Ordinal))
            {
                token = value;
                count++;
            }
        }

        // Only parameter names: a token under a misspelt name is still a token.
        string Diagnostic() => $"URL as received: {request.Url.GetLeftPart(UriPartial.Path)}; query parameter names (values not shown): {string.Join(", ", query.Select(p => $"'{p.Key}'"))}; expected exactly one '{parameter}'";
        if (count != 1)
        {
            throw Reject(
                WebhookRejectionReason.InvalidCredentials,
                count == 0
                    ? $"the URL has no '{parameter}' query parameter: the outbound message's endpoint URL must carry the token ({ConfigurationPath}:Webhooks:{nameof(SalesforceWebhookOptions.Token)})."
                    : $"the URL carries the '{parameter}' query parameter {count} times.",
                Diagnostic);
        }

        if (!WebhookSignatures.FixedTimeEquals(token, _webhooks.Token!))
        {
            throw Reject(WebhookRejectionReason.InvalidCredentials, $"the URL's '{parameter}' does not match {ConfigurationPath}:Webhooks:{nameof(SalesforceWebhookOptions.Token)}.", Diagnostic);
        }
    }

    protected override WebhookReceiveResult Map(WebhookRequest request)
    {
        SalesforceOutboundMessageReader.Message message = SalesforceOutboundMessageReader.Read(request.Body);
        string? organization = message.OrganizationId;
        if (organization is null || !SameOrganization(organization, _webhooks.OrganizationId!))
        {
            throw Reject(
                WebhookRejectionReason.InvalidCredentials,
                organization is null
                    ? "the outbound message names no OrganizationId."
                    : $"the outbound message's OrganizationId is not {ConfigurationPath}:Webhooks:{nameof(SalesforceWebhookOptions.OrganizationId)} (a sandbox or another org?).",
                () => $"OrganizationId in the message: '{organization}'; configured: '{_webhooks.OrganizationId}' (the first 15 characters are compared)");
        }

        return new WebhookReceiveResult(_reader.ToEvents(message, TimeProvider.GetUtcNow()), Acknowledgement);
    }

    /// <summary>Org ids come as 15 case-sensitive characters or 18 (the 15 and a checksum): the first 15 decide.</summary>
    private static bool SameOrganization(string received, string configured) =>
        received.Length >= 15 && configured.Length >= 15 && WebhookSignatures.FixedTimeEquals(received[..15], configured[..15]);
}
