namespace Martech.Sdk;

/// <summary>
/// The Mailgun <see cref="IEmailSender"/>: one <c>POST /v3/{domain}/messages</c> (multipart form) per message.
/// </summary>
/// <remarks>
/// <para>Mailgun has no idempotency key, so a send that may have reached it (connection lost after sending, timeout)
/// is never resent: <see cref="SendAsync(EmailMessage, CancellationToken)"/> throws <see cref="MartechTransportException"/> or
/// <see cref="MartechTimeoutException"/> with <see cref="MartechException.MayHaveBeenProcessed"/> set, and
/// <see cref="SendManyAsync"/> reports the message as <see cref="BulkItemStatus.Unknown"/>.</para>
/// <para><see cref="SendManyAsync"/> sends each message on its own request, <see cref="BulkOptions.MaxConcurrency"/>
/// at a time inside the rate budget. Mailgun's batch sending (one message fanned out with
/// <c>recipient-variables</c>) is not used: it sends one content to many recipients, not many different messages,
/// and reports one outcome for all of them.</para>
/// </remarks>
internal sealed class MailgunEmailSender : IEmailSender
{
    /// <summary>The <c>v:</c> variable that carries <see cref="EmailMessage.CampaignId"/>, so webhook events bring it back.</summary>
    public const string CampaignIdVariable = "campaign_id";

    private static readonly MartechRequestOptions SendOptions = new() { Operation = "email.send" };

    private readonly MartechProviderMetadata _metadata;
    private readonly MailgunOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly TimeProvider _time;
    private readonly Uri _messagesUri;

    public MailgunEmailSender(MartechProviderMetadata metadata, MailgunOptions options, MartechHttpTransport transport, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _time = timeProvider ?? TimeProvider.System;
        _messagesUri = new Uri($"v3/{options.Domain}/messages", UriKind.Relative);
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        MailgunForm form = MailgunForm.Create(message, _options, _time.GetUtcNow());
        cancellationToken.ThrowIfCancellationRequested();
        return await SendAsync(form, cancellationToken).ConfigureAwait(false);
    }

    /// <remarks>Items that are null or invalid fail alone with <c>NULL_ITEM</c> or <c>INVALID_MESSAGE</c> before any
    /// request. Once started, a cancelled call does not throw: messages not yet sent fail with <c>CANCELLED</c>, and a
    /// message in flight is <see cref="BulkItemStatus.Unknown"/>.</remarks>
    public async Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        int count = messages.Count;
        var run = new BulkRun<EmailSendResult>(count, options);
        var forms = new MailgunForm?[count];
        DateTimeOffset now = _time.GetUtcNow();

        // Every message is checked before the first request, so a bad one never follows good ones half-way.
        for (int i = 0; i < count; i++)
        {
            EmailMessage? message = messages[i];
            if (message is null)
            {
                run.Fail(i, new BulkItemError($"The message at index {i} is null.", MailgunFailure.NullItemCode));
                continue;
            }

            try
            {
                forms[i] = MailgunForm.Create(message, _options, now);
            }
            catch (ArgumentException ex)
            {
                run.Fail(i, new BulkItemError(ex.Message, MailgunFailure.InvalidMessageCode, ex.ParamName, ex));
            }
        }

        // One message per request: Mailgun has no batch of different messages.
        return await run.RunAsync(
            BulkChunk.ByCount(run.Unsettled(), 1),
            async (chunk, ct) => run.Settle(await SendOneAsync(chunk.Indexes[0], forms[chunk.Indexes[0]]!, ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        MailgunServices.Get(this, _metadata, _options, serviceType, serviceKey);

    private async Task<BulkItemResult<EmailSendResult>> SendOneAsync(int index, MailgunForm form, CancellationToken cancellationToken)
    {
        try
        {
            EmailSendResult sent = await SendAsync(form, cancellationToken).ConfigureAwait(false);
            return new BulkItemResult<EmailSendResult>(index, BulkItemStatus.Succeeded, sent);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            var (status, error) = MailgunFailure.FromCancellation(ex, idempotent: false);
            return new BulkItemResult<EmailSendResult>(index, status, null, error);
        }
        catch (MartechException ex)
        {
            var (status, error) = MailgunFailure.FromException(ex, idempotent: false);
            return new BulkItemResult<EmailSendResult>(index, status, null, error);
        }
    }

    private async Task<EmailSendResult> SendAsync(MailgunForm form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messagesUri) { Content = form.CreateContent() };
        SendOptions.ApplyTo(request);
        MailgunSendResponse response = await _transport.SendAsync(request, MailgunJsonContext.Wire.MailgunSendResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(response.Id))
        {
            // Mailgun queued something but named no id: the caller must not assume it failed and resend.
            throw new MartechTransportException($"{_metadata.Name} email.send: Mailgun answered without a message id ('{response.Message}'); the message may have been queued.")
            {
                Provider = _metadata.Name,
                Operation = SendOptions.Operation,
                MayHaveBeenProcessed = true,
            };
        }

        return new EmailSendResult
        {
            Status = SendStatus.Accepted,
            MessageId = NormaliseMessageId(response.Id),
            AcceptedRecipients = form.Recipients,
        };
    }

    /// <summary>Mailgun answers <c>&lt;id@domain&gt;</c>; its events carry <c>id@domain</c> (the Message-Id without
    /// angle brackets), so that is the id returned, to match webhook events.</summary>
    internal static string NormaliseMessageId(string id)
    {
        string trimmed = id.Trim();
        return trimmed.Length > 2 && trimmed[0] == '<' && trimmed[^1] == '>' ? trimmed[1..^1] : trimmed;
    }
}
