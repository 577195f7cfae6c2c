namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Pipedrive webhooks: checks the HTTP Basic credentials set on the webhook (both parts compared in constant time, both
/// always compared), then maps the v2 (or v1) JSON body (<see cref="PipedriveEventReader"/>). Pipedrive signs nothing
/// and sends no signed timestamp, so there is no tolerance check; redeliveries carry the same event id.
/// </summary>
internal sealed class PipedriveWebhookReceiver : MartechWebhookReceiver
{
    private readonly PipedriveWebhookOptions _webhooks;
    private readonly PipedriveEventReader _reader;

    public PipedriveWebhookReceiver(MartechProviderMetadata metadata, PipedriveOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
        _reader = new PipedriveEventReader(metadata.Name);
    }

    protected override void Verify(WebhookRequest request)
    {
        string authorization = RequireHeader(request, PipedriveWebhookSigner.AuthorizationHeader);
        if (!WebhookSignatures.TryReadBasicCredentials(authorization, out string username, out string password))
        {
            throw Reject(WebhookRejectionReason.InvalidCredentials, "the Authorization header does not hold HTTP Basic credentials (set http_auth_user and http_auth_password on the Pipedrive webhook).");
        }

        // Both are compared, whatever the first gives, so timing does not tell which was wrong.
        bool user = WebhookSignatures.FixedTimeEquals(username, _webhooks.Username!);
        bool secret = WebhookSignatures.FixedTimeEquals(password, _webhooks.Password!);
        if (!(user & secret))
        {
            throw Reject(WebhookRejectionReason.InvalidCredentials, $"the HTTP Basic credentials do not match {ConfigurationPath}:Webhooks:{nameof(PipedriveWebhookOptions.Username)} and {nameof(PipedriveWebhookOptions.Password)}.");
        }
    }

    protected override WebhookReceiveResult Map(WebhookRequest request) => new([_reader.Read(request.Body, TimeProvider.GetUtcNow())]);
}
