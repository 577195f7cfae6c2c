using System.Net.Http.Json;
using Martech.Sdk.AcmeMail.Wire;

namespace Martech.Sdk.AcmeMail;

/// <summary>
/// Sends email through AcmeMail: <c>POST v1/messages</c>, one message per request.
/// </summary>
/// <remarks>
/// AcmeMail has no idempotency key, so the transport never resends a send that may have reached it: such a send
/// surfaces as <see cref="MartechTransportException"/> with <see cref="MartechException.MayHaveBeenProcessed"/>,
/// and in <see cref="SendManyAsync"/> as <see cref="BulkItemStatus.Unknown"/>.
/// </remarks>
internal sealed class AcmeMailEmailSender(MartechProviderMetadata metadata, AcmeMailOptions options, MartechHttpTransport transport) : IEmailSender
{
    private static readonly Uri MessagesUri = new("v1/messages", UriKind.Relative);
    private static readonly MartechRequestOptions SendOperation = new() { Operation = "email.send" };

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri)
        {
            Content = JsonContent.Create(AcmeMailSendRequest.Create(message), AcmeMailJsonContext.Default.AcmeMailSendRequest),
        };
        SendOperation.ApplyTo(request);
        AcmeMailSendResponse response = await transport.SendAsync(request, AcmeMailJsonContext.Default.AcmeMailSendResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Id))
        {
            // A success without an id: the message may be on its way, and cannot be tracked. Never "rejected".
            throw new MartechTransportException($"{metadata.Name} {SendOperation.Operation}: AcmeMail answered success without a message id.")
            {
                MayHaveBeenProcessed = true,
                Operation = SendOperation.Operation,
            };
        }

        return new EmailSendResult
        {
            Status = SendStatus.Accepted,
            MessageId = response.Id,
            AcceptedRecipients = [.. message.AllRecipients.Select(m => m.Address).Distinct()],
        };
    }

    public async Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        // AcmeMail has no batch endpoint: one request per message, at most MaxConcurrency at once (BatchSize does not
        // apply), each outcome at its input's index.
        var results = new BulkItemResult<EmailSendResult>[messages.Count];
        var gate = new Lock();
        int completed = 0;
        int failed = 0;
        using var slots = new SemaphoreSlim(options.MaxConcurrency);
        var sends = new List<Task>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            int index = i;
            sends.Add(Task.Run(
                async () =>
                {
                    BulkItemResult<EmailSendResult> result;
                    await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        result = await SendOneAsync(index, messages[index], cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        slots.Release();
                    }

                    lock (gate)
                    {
                        results[index] = result;
                        completed++;
                        failed += result.IsSuccess ? 0 : 1;
                        options.Progress?.Report(new BulkProgress(messages.Count, completed, failed));
                    }
                },
                CancellationToken.None));
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        return new BulkResult<EmailSendResult>(results);
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
            return metadata;
        }

        if (serviceType == typeof(AcmeMailOptions))
        {
            return options;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    private async Task<BulkItemResult<EmailSendResult>> SendOneAsync(int index, EmailMessage? message, CancellationToken cancellationToken)
    {
        if (message is null)
        {
            return Failed(index, $"The message at index {index} is null.", "NULL_ITEM");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Failed(index, "The bulk send was cancelled before this message was sent.", "CANCELLED");
        }

        try
        {
            EmailSendResult sent = await SendAsync(message, cancellationToken).ConfigureAwait(false);
            return new BulkItemResult<EmailSendResult>(index, BulkItemStatus.Succeeded, sent);
        }
        catch (ArgumentException ex)
        {
            return Failed(index, ex.Message, "INVALID_MESSAGE", ex.ParamName, ex);
        }
        catch (MartechException ex) when (ex.MayHaveBeenProcessed)
        {
            // No usable answer after sending, or a 5xx to the send: it may have gone out.
            return new BulkItemResult<EmailSendResult>(index, BulkItemStatus.Unknown, Error: new BulkItemError(ex.Message, "OUTCOME_UNKNOWN", Exception: ex));
        }
        catch (MartechTransportException ex)
        {
            return Failed(index, ex.Message, "TRANSPORT_FAILED", exception: ex);
        }
        catch (MartechRequestException ex)
        {
            return Failed(index, ex.Message, ex.ErrorCode ?? "REJECTED", exception: ex);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // The request had started: it may have reached AcmeMail.
            return new BulkItemResult<EmailSendResult>(index, BulkItemStatus.Unknown, Error: new BulkItemError("Cancelled while the message was being sent; it may have been sent.", "OUTCOME_UNKNOWN", Exception: ex));
        }
    }

    private static BulkItemResult<EmailSendResult> Failed(int index, string reason, string code, string? field = null, Exception? exception = null) =>
        new(index, BulkItemStatus.Failed, Error: new BulkItemError(reason, code, field, exception));
}
