using System.Net.Http.Json;

namespace Martech.Sdk.Intercom;

/// <summary>
/// Sends messages through Intercom as an admin: a <see cref="MessageDestinationKind.Conversation"/> gets a reply
/// (<c>POST /conversations/{id}/reply</c>), a <see cref="MessageDestinationKind.User"/> (an Intercom contact id) an
/// admin-initiated message (<c>POST /messages</c>). Text and card are rendered as HTML. The conversation is the
/// thread: <see cref="MessageSendResult.ThreadId"/> is the conversation id, to reply in with
/// <see cref="MessageDestination.Conversation"/>.
/// </summary>
internal sealed class IntercomMessageSender : IMessageSender
{
    private static readonly MartechRequestOptions ReplyOperation = new() { Operation = "conversations.reply" };
    private static readonly MartechRequestOptions MessageOperation = new() { Operation = "messages.create" };

    private readonly MartechProviderMetadata _metadata;
    private readonly IntercomOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly IntercomContacts _contacts;

    public IntercomMessageSender(MartechProviderMetadata metadata, IntercomOptions options, MartechHttpTransport transport)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _contacts = new IntercomContacts(transport);
    }

    public async Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        MessageDestination destination = message.Destination;
        if (destination.Kind is not (MessageDestinationKind.Conversation or MessageDestinationKind.User))
        {
            throw new NotSupportedException(
                $"Intercom (provider '{_metadata.Name}') sends to conversations and users (contacts) only; a {destination.Kind} destination is not supported.");
        }

        if (destination.ThreadId is not null)
        {
            throw new NotSupportedException(
                $"Intercom (provider '{_metadata.Name}') has no threads within a conversation: reply to the conversation itself, without a ThreadId (was '{destination.ThreadId}').");
        }

        if (destination.Kind == MessageDestinationKind.Conversation && destination.Id is "." or "..")
        {
            // Escaping leaves dot segments as they are, and they would resolve to another path.
            throw new ArgumentException($"'{destination.Id}' is not an Intercom conversation id.", nameof(message));
        }

        string body = IntercomHtmlRenderer.Render(message);
        cancellationToken.ThrowIfCancellationRequested();
        return destination.Kind == MessageDestinationKind.Conversation
            ? await ReplyAsync(destination.Id, body, cancellationToken).ConfigureAwait(false)
            : await MessageAsync(message, body, cancellationToken).ConfigureAwait(false);
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

        if (serviceType == typeof(IIntercomContacts))
        {
            return _contacts;
        }

        if (serviceType == typeof(IntercomOptions))
        {
            return _options;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    private async Task<MessageSendResult> ReplyAsync(string conversationId, string body, CancellationToken cancellationToken)
    {
        var payload = new IntercomReplyRequest { AdminId = _options.AdminId!, Body = body };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"conversations/{Uri.EscapeDataString(conversationId)}/reply", UriKind.Relative))
        {
            Content = JsonContent.Create(payload, IntercomJsonContext.Default.IntercomReplyRequest),
        };
        ReplyOperation.ApplyTo(request);
        IntercomConversation conversation = await _transport.SendAsync(request, IntercomJsonContext.Default.IntercomConversation, cancellationToken).ConfigureAwait(false);
        List<IntercomIdentified>? parts = conversation.ConversationParts?.Parts;
        string? partId = parts is { Count: > 0 } ? parts[^1].Id : null;
        if (string.IsNullOrEmpty(partId))
        {
            throw MissingId(ReplyOperation, "conversation part id");
        }

        return new MessageSendResult { Status = SendStatus.Accepted, MessageId = partId, ThreadId = conversation.Id ?? conversationId };
    }

    private async Task<MessageSendResult> MessageAsync(OutgoingMessage message, string body, CancellationToken cancellationToken)
    {
        bool email = _options.UserMessageType == IntercomMessageType.Email;
        var payload = new IntercomMessageRequest
        {
            MessageType = email ? "email" : _options.InAppMessageTypeValue,
            Subject = email ? Subject(message) : null,
            Body = body,
            Template = email ? _options.EmailTemplate : null,
            From = new IntercomParty { Type = "admin", Id = _options.AdminId! },
            To = new IntercomParty { Type = _options.RecipientType, Id = message.Destination.Id },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("messages", UriKind.Relative))
        {
            Content = JsonContent.Create(payload, IntercomJsonContext.Default.IntercomMessageRequest),
        };
        MessageOperation.ApplyTo(request);
        IntercomIdentified created = await _transport.SendAsync(request, IntercomJsonContext.Default.IntercomIdentified, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(created.Id))
        {
            throw MissingId(MessageOperation, "message id");
        }

        return new MessageSendResult { Status = SendStatus.Accepted, MessageId = created.Id, ThreadId = created.ConversationId };
    }

    // Intercom requires a subject for email messages: the card's title, else the text's first line.
    private static string Subject(OutgoingMessage message)
    {
        if (message.Card is { } card)
        {
            return card.Title.Trim();
        }

        string text = message.Text!.Trim();
        int end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end].TrimEnd();
    }

    // Intercom answered 2xx: the reply or message exists, and sending again would post it twice.
    private MartechTransportException MissingId(MartechRequestOptions operation, string what) =>
        new($"{_metadata.Name} {operation.Operation}: Intercom accepted the request but returned no {what}; it was probably sent, so it is not sent again.")
        {
            Provider = _metadata.Name,
            Operation = operation.Operation,
            MayHaveBeenProcessed = true,
        };
}
