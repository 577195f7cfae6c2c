using System.Net;

namespace Martech.Sdk;

/// <summary>
/// The SendGrid <see cref="IEmailSender"/>: <c>POST /v3/mail/send</c>, one personalization per message. A bulk send
/// puts messages that share everything but recipients, template data and metadata into one request (up to the batch
/// size, 1,000 personalizations and 1,000 recipients); SendGrid's <c>X-Message-Id</c> belongs to the request, so such
/// messages share it.
/// </summary>
/// <remarks>
/// SendGrid has no idempotency key, so a send is never repeated once it may have reached SendGrid: a lost answer or a
/// 5xx surfaces as such (<see cref="MartechException.MayHaveBeenProcessed"/>) from <see cref="SendAsync"/> and
/// as <see cref="BulkItemStatus.Unknown"/> from <see cref="SendManyAsync"/>.
/// </remarks>
internal sealed class SendGridEmailSender : IEmailSender
{
    private const string MessageIdHeader = "X-Message-Id";
    private static readonly Uri MailSendUri = new("v3/mail/send", UriKind.Relative);
    private static readonly MartechRequestOptions MailSend = new() { Operation = "mail.send" };

    private readonly MartechProviderMetadata _metadata;
    private readonly SendGridApi _api;
    private readonly SendGridOptions _options;
    private readonly TimeProvider _time;

    public SendGridEmailSender(MartechProviderMetadata metadata, SendGridApi api, SendGridOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _metadata = metadata;
        _api = api;
        _options = options;
        _time = time;
    }

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        SendGridMessageValidation.Validate(message, _options, _time.GetUtcNow());
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<EmailSendResult>(cancellationToken)
            : SendValidatedAsync(message, cancellationToken);
    }

    /// <remarks>Once started, a cancelled call does not throw: messages whose request had not been sent fail with
    /// <c>CANCELLED</c>, and those whose request was in flight are <see cref="BulkItemStatus.Unknown"/>.</remarks>
    public async Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        EmailMessage?[] items = [.. messages];
        var run = new BulkRun<EmailSendResult>(items.Length, options)
        {
            CancelledMessage = "The bulk send was cancelled before this message's request was sent; it was not sent.",
        };
        DateTimeOffset now = _time.GetUtcNow();
        for (int i = 0; i < items.Length; i++)
        {
            if (Check(i, items[i], now) is { } failed)
            {
                run.Settle(failed);
            }
        }

        List<List<int>> batches = SendGridBatchPlanner.Plan(items, run.Unsettled(), run.BatchSize(SendGridOptions.MaxPersonalizations));
        return await run.RunAsync(
            batches.ConvertAll(static batch => new BulkChunk(batch)),
            async (chunk, ct) =>
            {
                foreach (BulkItemResult<EmailSendResult> outcome in await SendBatchAsync(items, chunk.Indexes, ct).ConfigureAwait(false))
                {
                    run.Settle(outcome);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(MartechProviderMetadata) ? _metadata
            : serviceType == typeof(SendGridOptions) ? _options
            : serviceType == typeof(MartechHttpTransport) ? _api.Transport
            : null;
    }

    private static EmailSendResult Accepted(EmailMessage message, string? messageId) => new()
    {
        Status = SendStatus.Accepted,
        MessageId = messageId,
        AcceptedRecipients = SendGridMailBuilder.Recipients(message),
    };

    private BulkItemResult<EmailSendResult>? Check(int index, EmailMessage? message, DateTimeOffset now)
    {
        if (message is null)
        {
            return SendGridBulkOutcomes.Failed<EmailSendResult>(index, new BulkItemError($"The message at index {index} is null.", SendGridBulkOutcomes.NullItemCode));
        }

        try
        {
            SendGridMessageValidation.Validate(message, _options, now);
            return null;
        }
        catch (ArgumentException ex)
        {
            return SendGridBulkOutcomes.Failed<EmailSendResult>(index, new BulkItemError(ex.Message, SendGridBulkOutcomes.InvalidMessageCode, ex.ParamName, ex));
        }
    }

    private async Task<List<BulkItemResult<EmailSendResult>>> SendBatchAsync(EmailMessage?[] items, IReadOnlyList<int> batch, CancellationToken cancellationToken)
    {
        var messages = new EmailMessage[batch.Count];
        for (int i = 0; i < messages.Length; i++)
        {
            messages[i] = items[batch[i]]!;
        }

        try
        {
            string? messageId = await PostAsync(SendGridMailBuilder.Build(messages, _options), cancellationToken).ConfigureAwait(false);
            var outcomes = new List<BulkItemResult<EmailSendResult>>(batch.Count);
            for (int i = 0; i < messages.Length; i++)
            {
                outcomes.Add(new BulkItemResult<EmailSendResult>(batch[i], BulkItemStatus.Succeeded, Accepted(messages[i], messageId)));
            }

            return outcomes;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return SendGridBulkOutcomes.All<EmailSendResult>(batch, BulkItemStatus.Unknown, new BulkItemError(
                "The bulk send was cancelled while this message's request was in flight; SendGrid may have accepted it, so it was not sent again. Check the Email Activity feed before resending.",
                SendGridBulkOutcomes.UnknownOutcomeCode,
                Exception: ex));
        }
        catch (MartechTransportException ex)
        {
            return ex.MayHaveBeenProcessed
                ? SendGridBulkOutcomes.All<EmailSendResult>(batch, BulkItemStatus.Unknown, new BulkItemError(
                    $"{ex.Message} SendGrid may have accepted the message; it was not sent again. Check the Email Activity feed before resending.",
                    SendGridBulkOutcomes.UnknownOutcomeCode,
                    Exception: ex))
                : SendGridBulkOutcomes.All<EmailSendResult>(batch, BulkItemStatus.Failed, new BulkItemError(ex.Message, SendGridBulkOutcomes.NotSentCode, Exception: ex));
        }
        catch (MartechRequestException ex) when (ex.StatusCode is HttpStatusCode.RequestTimeout || (int?)ex.StatusCode >= 500)
        {
            return SendGridBulkOutcomes.All<EmailSendResult>(batch, BulkItemStatus.Unknown, new BulkItemError(
                $"{ex.Message} A mail send that fails this way may still have been accepted; it was not sent again. Check the Email Activity feed before resending.",
                SendGridBulkOutcomes.UnknownOutcomeCode,
                Exception: ex));
        }
        catch (MartechRequestException ex)
        {
            return SendGridBulkOutcomes.Rejected(batch, ex);
        }
        catch (Exception ex)
        {
            // Anything else came from below the transport after the request may have left: never report it as safe.
            return SendGridBulkOutcomes.All<EmailSendResult>(batch, BulkItemStatus.Unknown, new BulkItemError(
                $"The mail send failed unexpectedly ({ex.GetType().Name}: {_api.Transport.Redactor.RedactText(ex.Message)}); SendGrid may have accepted it, so it was not sent again.",
                SendGridBulkOutcomes.UnknownOutcomeCode,
                Exception: ex));
        }
    }

    private async Task<EmailSendResult> SendValidatedAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = CreateRequest(SendGridMailBuilder.Build(message, _options));
        using HttpResponseMessage response = await _api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Accepted(message, MessageIdOf(response));
    }

    private async Task<string?> PostAsync(SendGridMailRequest body, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = CreateRequest(body);
        using HttpResponseMessage response = await _api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return MessageIdOf(response);
    }

    private HttpRequestMessage CreateRequest(SendGridMailRequest body) =>
        _api.CreateJson(HttpMethod.Post, MailSendUri, MailSend, body, SendGridJsonContext.Wire.SendGridMailRequest);

    // A sandboxed send is answered without a message id.
    private static string? MessageIdOf(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(MessageIdHeader, out IEnumerable<string>? values))
        {
            foreach (string value in values)
            {
                return value;
            }
        }

        return null;
    }
}
