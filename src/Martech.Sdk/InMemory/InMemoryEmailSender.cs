namespace Martech.Sdk;

/// <summary>
/// The in-memory <see cref="IEmailSender"/>: validates each message, records a copy in
/// <see cref="InMemoryMartechStore.SentEmails"/> and accepts it for every recipient.
/// </summary>
/// <remarks>
/// <para>It does not check consent: marketing email goes to every recipient, as it would through a vendor. Add
/// <c>UseConsent()</c> to the provider instance to withhold marketing sends from contacts without email consent.</para>
/// <para>In <see cref="SendManyAsync"/> an invalid or <see langword="null"/> message fails alone with the code
/// <c>INVALID_MESSAGE</c> or <c>NULL_ITEM</c>; once started, a cancelled call does not throw: the messages it did not
/// send fail with <c>CANCELLED</c>.</para>
/// </remarks>
internal sealed class InMemoryEmailSender : IEmailSender
{
    private readonly MartechProviderMetadata _metadata;
    private readonly InMemoryMartechStore _store;
    private readonly InMemoryProviderOptions _options;
    private readonly InMemoryWebhookCallbacks? _callbacks;

    public InMemoryEmailSender(MartechProviderMetadata metadata, InMemoryMartechStore store, InMemoryProviderOptions options, InMemoryWebhookCallbacks? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _metadata = metadata;
        _store = store;
        _options = options;
        _callbacks = callbacks;
    }

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Send(message));
    }

    /// <remarks>Cancellation after the call started does not throw: see the class remarks.</remarks>
    public Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        EmailMessage?[] items = [.. messages];
        return InMemoryBulk.RunAsync(
            items.Length,
            options,
            _options.MaxBatchSize,
            index =>
            {
                EmailMessage? message = items[index];
                if (message is null)
                {
                    return Failed(index, new BulkItemError($"The message at index {index} is null.", InMemoryFailure.NullItemCode));
                }

                try
                {
                    message.Validate();
                }
                catch (ArgumentException ex)
                {
                    return Failed(index, new BulkItemError(ex.Message, InMemoryFailure.InvalidMessageCode, ex.ParamName, ex));
                }

                return new BulkItemResult<EmailSendResult>(index, BulkItemStatus.Succeeded, Send(message));
            },
            cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        InMemoryServices.Get(this, _metadata, _store, _options, serviceType, serviceKey);

    private static BulkItemResult<EmailSendResult> Failed(int index, BulkItemError error) =>
        new(index, BulkItemStatus.Failed, null, error);

    private EmailSendResult Send(EmailMessage message)
    {
        SentEmail sent = _store.RecordSentEmail(message);
        _callbacks?.EmailSent(sent);
        var recipients = new List<EmailAddress>();
        foreach (Mailbox mailbox in sent.Message.AllRecipients)
        {
            if (!recipients.Contains(mailbox.Address))
            {
                recipients.Add(mailbox.Address);
            }
        }

        return new EmailSendResult { Status = SendStatus.Accepted, MessageId = sent.MessageId, AcceptedRecipients = recipients };
    }
}
