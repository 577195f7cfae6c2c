using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Sends email through Postmark: <c>POST /email</c> or <c>/email/withTemplate</c> for one message, and
/// <c>/email/batch</c> and <c>/email/batchWithTemplates</c> (at most 500 messages and 50 MB a request) for many, each
/// message's per-item <c>ErrorCode</c> mapped back to it.
/// </summary>
/// <remarks>
/// Postmark has no idempotency key, so a send that may have reached it is never sent again: <see cref="SendAsync"/>
/// surfaces it as <see cref="MartechTransportException"/> (or <see cref="MartechTimeoutException"/>) with
/// <see cref="MartechException.MayHaveBeenProcessed"/>, and <see cref="SendManyAsync"/> reports its messages
/// as <see cref="BulkItemStatus.Unknown"/>. A 5xx answer to a batch also leaves its messages
/// <see cref="BulkItemStatus.Unknown"/>: Postmark does not say whether part of it went out.
/// </remarks>
internal sealed class PostmarkEmailSender : IEmailSender
{
    /// <summary>The code of a message rejected before sending because it is invalid.</summary>
    public const string InvalidMessageCode = "INVALID_MESSAGE";

    /// <summary>The code of a message asking for something Postmark does not do.</summary>
    public const string NotSupportedCode = "NOT_SUPPORTED";

    /// <summary>The code of a message whose outcome is unknown.</summary>
    public const string OutcomeUnknownCode = "OUTCOME_UNKNOWN";

    /// <summary>The code of a null input item.</summary>
    public const string NullItemCode = "NULL_ITEM";

    /// <summary>The message of items not sent because the call was cancelled first (code <c>CANCELLED</c>).</summary>
    internal const string CancelledMessage = "The call was cancelled before this item was sent to Postmark; it was not sent.";

    private static readonly Uri EmailUri = new("email", UriKind.Relative);
    private static readonly Uri EmailWithTemplateUri = new("email/withTemplate", UriKind.Relative);
    private static readonly MartechRequestOptions SendOperation = new() { Operation = "email.send" };
    private static readonly MartechRequestOptions SendTemplateOperation = new() { Operation = "email.send.template" };
    private static readonly MartechRequestOptions BatchOperation = new() { Operation = "email.batch" };
    private static readonly MartechRequestOptions BatchTemplateOperation = new() { Operation = "email.batch.template" };

    private readonly MartechProviderMetadata _metadata;
    private readonly PostmarkOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly PostmarkMessageBuilder _builder;

    public PostmarkEmailSender(MartechProviderMetadata metadata, PostmarkOptions options, MartechHttpTransport transport)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _builder = new PostmarkMessageBuilder(options);
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        PostmarkPreparedMessage prepared = _builder.Build(message);
        cancellationToken.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(HttpMethod.Post, prepared.IsTemplate ? EmailWithTemplateUri : EmailUri)
        {
            Content = JsonContent.Create(prepared.Request, PostmarkJsonContext.Wire.PostmarkEmailRequest),
        };
        (prepared.IsTemplate ? SendTemplateOperation : SendOperation).ApplyTo(request);
        PostmarkSendResponse response = await _transport.SendAsync(request, PostmarkJsonContext.Wire.PostmarkSendResponse, cancellationToken).ConfigureAwait(false);
        if (response.ErrorCode != 0)
        {
            // Postmark answers refusals with 422, which the error mapper handles; this is a 200 that still refused.
            string code = response.ErrorCode.ToString(CultureInfo.InvariantCulture);
            string reason = PostmarkErrorMapper.Describe(response.ErrorCode, response.Message) ?? "Postmark gave no reason.";
            throw new MartechRequestException($"{_metadata.Name} {(prepared.IsTemplate ? SendTemplateOperation : SendOperation).Operation} failed: Postmark answered HTTP 200 with ErrorCode {code}: {reason}")
            {
                Provider = _metadata.Name,
                StatusCode = HttpStatusCode.OK,
                ErrorCode = code,
                FieldErrors = PostmarkErrorMapper.FieldErrors(response.ErrorCode, response.Message),
            };
        }

        return Accepted(prepared, response);
    }

    public async Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var run = new BulkRun<EmailSendResult>(messages.Count, options) { CancelledMessage = CancelledMessage };
        var prepared = new PostmarkPreparedMessage?[messages.Count];
        var plain = new List<int>();
        var templated = new List<int>();
        for (int i = 0; i < messages.Count; i++)
        {
            EmailMessage? message = messages[i];
            if (message is null)
            {
                run.Fail(i, new BulkItemError($"The message at index {i} is null.", NullItemCode));
                continue;
            }

            try
            {
                prepared[i] = _builder.Build(message);
            }
            catch (ArgumentException ex)
            {
                run.Fail(i, new BulkItemError(ex.Message, InvalidMessageCode, ex.ParamName, ex));
                continue;
            }
            catch (NotSupportedException ex)
            {
                run.Fail(i, new BulkItemError(ex.Message, NotSupportedCode, nameof(EmailMessage.SendAt), ex));
                continue;
            }

            (prepared[i]!.IsTemplate ? templated : plain).Add(i);
        }

        int batchSize = run.BatchSize(PostmarkOptions.MaxBatchSize);
        List<BulkChunk> chunks = Chunk(plain, prepared, batchSize).ConvertAll(static c => new BulkChunk(c));
        chunks.AddRange(Chunk(templated, prepared, batchSize).ConvertAll(static c => new BulkChunk(c)));
        return await run.RunAsync(
            chunks,
            (chunk, ct) => SendChunkAsync(chunk.Indexes, prepared, run, ct),
            cancellationToken).ConfigureAwait(false);
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

        if (serviceType == typeof(PostmarkOptions))
        {
            return _options;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Splits messages of one endpoint into requests of at most <paramref name="batchSize"/> messages and
    /// <see cref="PostmarkOptions.MaxBatchBytes"/>, in input order.</summary>
    internal static List<int[]> Chunk(List<int> indexes, PostmarkPreparedMessage?[] prepared, int batchSize)
    {
        var chunks = new List<int[]>();
        var current = new List<int>(Math.Min(batchSize, indexes.Count));
        long bytes = 0;
        foreach (int index in indexes)
        {
            long size = prepared[index]!.EstimateJsonBytes();
            if (current.Count > 0 && (current.Count == batchSize || bytes + size > PostmarkOptions.MaxBatchBytes))
            {
                chunks.Add([.. current]);
                current.Clear();
                bytes = 0;
            }

            current.Add(index);
            bytes += size;
        }

        if (current.Count > 0)
        {
            chunks.Add([.. current]);
        }

        return chunks;
    }

    /// <summary>The result of an accepted message. Postmark may accept a message yet say it "will not deliver to
    /// these inactive addresses": those recipients are reported as withheld, suppressed.</summary>
    private static EmailSendResult Accepted(PostmarkPreparedMessage prepared, PostmarkSendResponse response)
    {
        List<WithheldRecipient>? withheld = null;
        List<EmailAddress>? accepted = null;
        if (response.Message is { } text && text.Contains("inactive addresses", StringComparison.OrdinalIgnoreCase))
        {
            var inactive = new HashSet<EmailAddress>();
            foreach (string address in PostmarkErrorMapper.InactiveAddresses(text))
            {
                if (EmailAddress.TryParse(address, out EmailAddress parsed))
                {
                    inactive.Add(parsed);
                }
            }

            foreach (EmailAddress recipient in prepared.Recipients)
            {
                if (inactive.Contains(recipient))
                {
                    (withheld ??= []).Add(new WithheldRecipient(recipient.Value, "Postmark will not deliver to it: the address is inactive (suppressed) on this message stream.", "suppressed"));
                }
                else
                {
                    (accepted ??= []).Add(recipient);
                }
            }
        }

        return new EmailSendResult
        {
            Status = withheld is not null && accepted is null ? SendStatus.Withheld : SendStatus.Accepted,
            MessageId = response.MessageId,
            AcceptedRecipients = withheld is null ? prepared.Recipients : (IReadOnlyList<EmailAddress>?)accepted ?? [],
            WithheldRecipients = (IReadOnlyList<WithheldRecipient>?)withheld ?? [],
        };
    }

    private async Task SendChunkAsync(IReadOnlyList<int> chunk, PostmarkPreparedMessage?[] prepared, BulkRun<EmailSendResult> run, CancellationToken cancellationToken)
    {
        bool isTemplate = prepared[chunk[0]]!.IsTemplate;
        var batch = new List<PostmarkEmailRequest>(chunk.Count);
        foreach (int index in chunk)
        {
            batch.Add(prepared[index]!.Request);
        }

        List<PostmarkSendResponse> responses;
        try
        {
            responses = isTemplate
                ? await _transport.SendJsonAsync(HttpMethod.Post, "email/batchWithTemplates", new PostmarkTemplateBatchRequest { Messages = batch }, PostmarkJsonContext.Wire.PostmarkTemplateBatchRequest, PostmarkJsonContext.Wire.ListPostmarkSendResponse, BatchTemplateOperation, cancellationToken).ConfigureAwait(false)
                : await _transport.SendJsonAsync(HttpMethod.Post, "email/batch", batch, PostmarkJsonContext.Wire.ListPostmarkEmailRequest, PostmarkJsonContext.Wire.ListPostmarkSendResponse, BatchOperation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            SetAll(chunk, run, BulkItemStatus.Unknown, "The call was cancelled while this message's batch was in flight; Postmark may have sent it. Check Postmark's activity before sending it again.", OutcomeUnknownCode, ex);
            return;
        }
        catch (MartechTransportException ex)
        {
            if (ex.MayHaveBeenProcessed)
            {
                SetAll(chunk, run, BulkItemStatus.Unknown, $"{ex.Message} Postmark may have sent this message; it was not sent again. Check Postmark's activity before retrying.", OutcomeUnknownCode, ex);
            }
            else
            {
                SetAll(chunk, run, BulkItemStatus.Failed, $"{ex.Message} The message was not sent.", "TRANSPORT_ERROR", ex);
            }

            return;
        }
        catch (MartechRequestException ex) when (ex.MayHaveBeenProcessed)
        {
            SetAll(chunk, run, BulkItemStatus.Unknown, $"{ex.Message} Postmark does not say whether part of the batch went out, so this message's outcome is unknown; it was not sent again.", ex.ErrorCode ?? OutcomeUnknownCode, ex);
            return;
        }
        catch (MartechRequestException ex)
        {
            SetAll(chunk, run, BulkItemStatus.Failed, ex.Message, ex.ErrorCode ?? ((int?)ex.StatusCode)?.ToString(CultureInfo.InvariantCulture), ex);
            return;
        }

        if (responses.Count != chunk.Count)
        {
            SetAll(
                chunk,
                run,
                BulkItemStatus.Unknown,
                $"Postmark answered {responses.Count} results for a batch of {chunk.Count} messages, so they cannot be matched to the messages; each may or may not have been sent. Check Postmark's activity before retrying.",
                OutcomeUnknownCode,
                null);
            return;
        }

        for (int j = 0; j < chunk.Count; j++)
        {
            int index = chunk[j];
            PostmarkSendResponse response = responses[j] ?? new PostmarkSendResponse { ErrorCode = -1, Message = "Postmark answered null for this message." };
            if (response.ErrorCode == 0)
            {
                run.Settle(new BulkItemResult<EmailSendResult>(index, BulkItemStatus.Succeeded, Accepted(prepared[index]!, response)));
                continue;
            }

            string code = response.ErrorCode.ToString(CultureInfo.InvariantCulture);
            string reason = PostmarkErrorMapper.Describe(response.ErrorCode, response.Message) ?? "Postmark gave no reason.";
            IReadOnlyList<MartechFieldError> fields = PostmarkErrorMapper.FieldErrors(response.ErrorCode, response.Message);
            run.Fail(index, new BulkItemError(
                $"Postmark refused the message (ErrorCode {code}): {reason}",
                code,
                fields.Count > 0 ? fields[0].Field : null));
        }
    }

    private static void SetAll(IReadOnlyList<int> chunk, BulkRun<EmailSendResult> run, BulkItemStatus status, string message, string? code, Exception? exception) =>
        run.SettleRemaining(chunk, status, new BulkItemError(message, code, null, exception));
}
