namespace Martech.Sdk;

/// <summary>
/// The in-memory <see cref="IMessageSender"/>: validates each message, accepts every kind of destination (channel,
/// user, conversation, phone number) and records a copy, with its plain-text rendering, in
/// <see cref="InMemoryMartechStore.SentMessages"/>.
/// </summary>
/// <remarks>A message to a thread keeps its thread id; any other starts a thread whose id is its message id. It
/// does not check SMS consent; <c>UseConsent()</c> does.</remarks>
internal sealed class InMemoryMessageSender : IMessageSender
{
    private readonly MartechProviderMetadata _metadata;
    private readonly InMemoryMartechStore _store;
    private readonly InMemoryProviderOptions _options;
    private readonly InMemoryWebhookCallbacks? _callbacks;

    public InMemoryMessageSender(MartechProviderMetadata metadata, InMemoryMartechStore store, InMemoryProviderOptions options, InMemoryWebhookCallbacks? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _metadata = metadata;
        _store = store;
        _options = options;
        _callbacks = callbacks;
    }

    public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        SentMessage sent = _store.RecordSentMessage(message);
        _callbacks?.MessageSent(sent);
        return Task.FromResult(new MessageSendResult
        {
            Status = SendStatus.Accepted,
            MessageId = sent.MessageId,
            ThreadId = message.Destination.ThreadId ?? sent.MessageId,
        });
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        InMemoryServices.Get(this, _metadata, _store, _options, serviceType, serviceKey);
}
