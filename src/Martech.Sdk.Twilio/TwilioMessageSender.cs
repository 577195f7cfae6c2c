namespace Martech.Sdk.Twilio;

/// <summary>
/// Sends SMS (or WhatsApp) messages through Twilio: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>,
/// form-encoded <c>To</c>, <c>From</c> and/or <c>MessagingServiceSid</c>, <c>Body</c> and <c>StatusCallback</c>; the
/// 201 message resource's <c>sid</c> is the message id. Only phone numbers are reachable.
/// </summary>
/// <remarks>
/// Twilio has no idempotency key for sends, so a send that may have reached it is never sent again: it surfaces as
/// <see cref="MartechTransportException"/> with <see cref="MartechException.MayHaveBeenProcessed"/>.
/// </remarks>
internal sealed class TwilioMessageSender : IMessageSender
{
    private static readonly MartechRequestOptions SendOperation = new() { Operation = "messages.send" };

    private readonly MartechProviderMetadata _metadata;
    private readonly TwilioOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly TwilioSmsRenderer _renderer;
    private readonly Uri _messagesUri;
    private readonly string? _from;

    public TwilioMessageSender(MartechProviderMetadata metadata, TwilioOptions options, MartechHttpTransport transport)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        // WhatsApp has no SMS segments: only Twilio's 1,600-character limit applies there.
        _renderer = new TwilioSmsRenderer(options.WhatsApp ? SmsSegments.MaxSegmentsForBody : options.MaxSegments, options.OverLimit, "Martech:" + metadata.Name);
        _messagesUri = new Uri($"2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid ?? string.Empty)}/Messages.json", UriKind.Relative);
        _from = string.IsNullOrWhiteSpace(options.From) ? null : Address(PhoneNumber.Parse(options.From, "Martech:" + metadata.Name + ":From").Value);
    }

    public async Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        if (message.Destination.Kind != MessageDestinationKind.PhoneNumber)
        {
            throw new NotSupportedException(
                $"Twilio (provider '{_metadata.Name}') sends to phone numbers only; a {message.Destination.Kind} destination is not supported.");
        }

        if (message.Destination.ThreadId is not null)
        {
            throw new NotSupportedException($"Twilio (provider '{_metadata.Name}') has no threads; send without a ThreadId (was '{message.Destination.ThreadId}').");
        }

        (string body, string? truncation) = _renderer.Render(message);
        cancellationToken.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(HttpMethod.Post, _messagesUri) { Content = new FormUrlEncodedContent(Form(message.Destination.Id, body)) };
        SendOperation.ApplyTo(request);
        TwilioMessageResource resource = await _transport.SendAsync(request, TwilioJsonContext.Default.TwilioMessageResource, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(resource.Sid))
        {
            // Twilio answered 2xx: the message is queued, and sending again would text the contact twice.
            throw new MartechTransportException($"{_metadata.Name} {SendOperation.Operation}: Twilio accepted the message but returned no sid; it was probably sent, so it is not sent again.")
            {
                Provider = _metadata.Name,
                Operation = SendOperation.Operation,
                MayHaveBeenProcessed = true,
            };
        }

        return new MessageSendResult { Status = SendStatus.Accepted, MessageId = resource.Sid, Truncations = truncation is null ? [] : [truncation] };
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

        if (serviceType == typeof(TwilioOptions))
        {
            return _options;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>The form fields of CreateMessage, in a fixed order.</summary>
    internal List<KeyValuePair<string, string>> Form(string to, string body)
    {
        var form = new List<KeyValuePair<string, string>>(5) { new("To", Address(to)) };
        if (_from is not null)
        {
            form.Add(new("From", _from));
        }

        if (!string.IsNullOrWhiteSpace(_options.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", _options.MessagingServiceSid));
        }

        form.Add(new("Body", body));
        if (_options.StatusCallback is { } callback)
        {
            form.Add(new("StatusCallback", callback.AbsoluteUri));
        }

        return form;
    }

    private string Address(string e164) => _options.WhatsApp ? TwilioOptions.WhatsAppPrefix + e164 : e164;
}
