using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk;

/// <summary>
/// Enforces SMS consent: a <see cref="SendPurpose.Marketing"/> message to a phone number is sent only when the
/// contact named by <see cref="OutgoingMessage.ContactId"/> has granted SMS consent; otherwise nothing is sent and
/// the result is <see cref="SendStatus.Withheld"/> with the reason. Messages to channels, users and conversations
/// (internal chat) and transactional messages pass unchecked.
/// </summary>
public sealed class ConsentMessageSender : DelegatingMessageSender
{
    private readonly IContactClient _contacts;
    private readonly ILogger _logger;
    private readonly string _provider;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    /// <param name="contacts">Where consent is looked up.</param>
    /// <param name="logger">Where withheld sends are logged (codes only; no numbers).</param>
    /// <param name="provider">The provider instance name, for logs.</param>
    public ConsentMessageSender(IMessageSender innerSender, IContactClient contacts, ILogger? logger = null, string provider = "unknown")
        : base(innerSender)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        _contacts = contacts;
        _logger = logger ?? NullLogger.Instance;
        _provider = provider;
    }

    /// <inheritdoc />
    public override async Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Purpose != SendPurpose.Marketing || message.Destination is not { Kind: MessageDestinationKind.PhoneNumber })
        {
            // Nothing to look up: the provider validates it, once.
            return await InnerSender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        message.Validate();

        WithheldRecipient? withheld;
        if (string.IsNullOrWhiteSpace(message.ContactId))
        {
            withheld = new WithheldRecipient(message.Destination.Id, "a marketing SMS needs OutgoingMessage.ContactId to check SMS consent", ConsentCodes.UnknownContact);
        }
        else
        {
            Contact? contact = await _contacts.GetAsync(message.ContactId, cancellationToken).ConfigureAwait(false);
            withheld = ConsentPolicy.Check(contact, ConsentChannel.Sms, message.Destination.Id, withholdUnknown: true);
        }

        if (withheld is null)
        {
            return await InnerSender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        MartechLog.Withheld(_logger, _provider, "SendMessage", 1, withheld.Code);
        return new MessageSendResult { Status = SendStatus.Withheld, Withheld = withheld };
    }
}
