using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Martech.Sdk.Teams.Wire;

namespace Martech.Sdk.Teams;

/// <summary>Sends messages to Teams channels through their Workflows webhook URLs.</summary>
internal sealed class TeamsMessageSender : IMessageSender
{
    /// <summary>The Logic Apps header that names the workflow run a webhook request started.</summary>
    public const string RunIdHeader = "x-ms-workflow-run-id";

    private readonly MartechProviderMetadata _metadata;
    private readonly TeamsOptions _options;
    private readonly MartechHttpTransport _transport;

    public TeamsMessageSender(MartechProviderMetadata metadata, TeamsOptions options, MartechHttpTransport transport)
    {
        _metadata = metadata;
        _options = options;
        _transport = transport;
    }

    public async Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        MessageDestination destination = message.Destination;
        if (destination.Kind != MessageDestinationKind.Channel)
        {
            throw new NotSupportedException(
                $"Microsoft Teams (provider '{_metadata.Name}') cannot send to a {destination.Kind} destination: it posts only to the channels configured in Martech:{_metadata.Name}:Channels.");
        }

        if (destination.ThreadId is not null)
        {
            throw new NotSupportedException(
                $"Microsoft Teams (provider '{_metadata.Name}') cannot reply in a thread: Workflows webhooks only start new channel posts.");
        }

        Uri webhook = _options.FindWebhook(destination.Id) ?? throw new ArgumentException(
            $"The Teams channel '{destination.Id}' is not configured: add its Workflows webhook URL as Martech:{_metadata.Name}:Channels:{destination.Id}.",
            nameof(message));

        // The body is written straight to a pooled buffer, returned once the request is done.
        using var body = new PooledJsonBody();
        TeamsCardRenderer.Write(body, message);
        if (body.Written.Length > TeamsOptions.MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"The Teams message is {body.Written.Length} bytes once rendered; Teams accepts at most {TeamsOptions.MaxPayloadBytes} bytes per webhook message.",
                nameof(message));
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ReadOnlyMemoryContent(body.Written) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        // A post is not idempotent: a 5xx (which may come after the workflow posted) says it may have been processed.
        new MartechRequestOptions { Operation = "messages.send", Idempotent = false }.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        byte[] raw = await _transport.ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        string text = raw.Length == 0 ? string.Empty : Encoding.UTF8.GetString(raw).Trim();
        string? runId = TeamsErrorMapper.HeaderOf(response, RunIdHeader);
        if (text.Contains(TeamsErrorMapper.ThrottledText, StringComparison.OrdinalIgnoreCase))
        {
            // The legacy connector signals throttling in a 200 body; the message was not posted.
            throw TeamsErrorMapper.Throttled(new MartechErrorContext(_metadata.Name, "messages.send", _transport.Redactor), text, runId);
        }

        if (text.StartsWith(TeamsErrorMapper.DeliveryFailedText, StringComparison.OrdinalIgnoreCase))
        {
            // The legacy connector reports a message it did not deliver in a 200 body.
            throw new MartechRequestException(
                $"{_metadata.Name}: Microsoft Teams did not accept the message: {_transport.Redactor.RedactText(MartechErrors.Excerpt(text))}")
            {
                Provider = _metadata.Name,
                StatusCode = response.StatusCode,
                RequestId = runId,
            };
        }

        // Workflows answers 202 with an empty body; the legacy connector answers "1"; a flow's own Response action may
        // answer JSON. Anything else came after the webhook may have posted, so it is not a refusal.
        if (text.Length > 0 && text != "1" && !IsJson(raw))
        {
            throw _transport.UnreadableBody(request, response, null, text);
        }

        // Workflows returns no message id: the run id when the endpoint names one, else a generated id.
        return new MessageSendResult
        {
            Status = SendStatus.Accepted,
            MessageId = string.IsNullOrWhiteSpace(runId) ? $"teams-{Guid.NewGuid():N}" : runId,
        };
    }

    // Whether the body is one complete JSON document (a UTF-8 byte order mark allowed), without building it.
    private static bool IsJson(byte[] body)
    {
        ReadOnlySpan<byte> json = body;
        var reader = new Utf8JsonReader(json.StartsWith("\uFEFF"u8) ? json[3..] : json);
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(MartechProviderMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(TeamsOptions))
        {
            return _options;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }
}
