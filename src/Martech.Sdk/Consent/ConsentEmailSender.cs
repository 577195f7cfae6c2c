using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk;

/// <summary>
/// Enforces email consent: a <see cref="SendPurpose.Marketing"/> email goes only to recipients whose contact record
/// has granted email consent and who are not on the email vendor's suppression list (bounces, blocks, spam reports,
/// unsubscribes; group unsubscribes are left to the vendor, which applies them per group). Others are removed from the message and reported in
/// <see cref="EmailSendResult.WithheldRecipients"/>; when no To recipient is left, nothing is sent and the result
/// is <see cref="SendStatus.Withheld"/>. <see cref="SendPurpose.Transactional"/> emails pass unchecked.
/// </summary>
public sealed class ConsentEmailSender : DelegatingEmailSender
{
    private readonly IContactClient _contacts;
    private readonly IEmailSuppressionList? _suppressions;
    private readonly ConsentOptions _options;
    private readonly ILogger _logger;
    private readonly string _provider;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    /// <param name="contacts">Where consent is looked up.</param>
    /// <param name="options">Consent options.</param>
    /// <param name="logger">Where withheld sends are logged (counts and codes only; no addresses).</param>
    /// <param name="provider">The provider instance name, for logs.</param>
    /// <param name="suppressions">The suppression list checked before consent; none when <see langword="null"/>.</param>
    public ConsentEmailSender(IEmailSender innerSender, IContactClient contacts, ConsentOptions? options = null, ILogger? logger = null, string provider = "unknown", IEmailSuppressionList? suppressions = null)
        : base(innerSender)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        _contacts = contacts;
        _suppressions = suppressions;
        _options = options ?? new ConsentOptions();
        _logger = logger ?? NullLogger.Instance;
        _provider = provider;
    }

    /// <inheritdoc />
    public override async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Purpose != SendPurpose.Marketing)
        {
            // Nothing to look up: the provider validates it, once.
            return await InnerSender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        // Validated before the look-ups, so an invalid message reads nothing; the provider then does not validate the
        // same message again (see EmailMessage.IsPrevalidated).
        message.Validate();
        var lookups = new Lookups();
        await lookups.PrefetchAsync(this, [message], cancellationToken).ConfigureAwait(false);
        var (allowed, withheld) = Filter(message, lookups);
        LogWithheld("SendEmail", withheld);
        if (allowed is null)
        {
            return new EmailSendResult { Status = SendStatus.Withheld, WithheldRecipients = withheld };
        }

        EmailSendResult sent;
        allowed.IsPrevalidated = true;
        try
        {
            sent = await InnerSender.SendAsync(allowed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            allowed.IsPrevalidated = false;
        }

        return withheld.Count == 0 ? sent : sent with { WithheldRecipients = [.. sent.WithheldRecipients, .. withheld] };
    }

    /// <inheritdoc />
    public override async Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options?.Validate();
        var outcomes = new BulkItemResult<EmailSendResult>[messages.Count];
        var forward = new List<EmailMessage>(messages.Count);
        var forwardIndex = new List<int>(messages.Count);
        var partial = new Dictionary<int, IReadOnlyList<WithheldRecipient>>();
        var withheldAll = new List<WithheldRecipient>();

        // Validate first, then read consent for every marketing recipient of the batch at once (one suppression check
        // per address, contacts in batches), then decide message by message.
        var marketing = new List<int>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            EmailMessage message = messages[i];
            if (message is null || message.Purpose != SendPurpose.Marketing)
            {
                continue;
            }

            try
            {
                message.Validate();
                marketing.Add(i);
            }
            catch (ArgumentException ex)
            {
                outcomes[i] = new BulkItemResult<EmailSendResult>(i, BulkItemStatus.Failed, Error: new BulkItemError(ex.Message, "INVALID_MESSAGE", ex.ParamName, ex));
            }
        }

        var lookups = new Lookups();
        await lookups.PrefetchAsync(this, marketing.Select(i => messages[i]), cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < messages.Count; i++)
        {
            EmailMessage message = messages[i];
            if (message is null || message.Purpose != SendPurpose.Marketing)
            {
                // The inner sender validates and reports invalid items itself.
                forward.Add(message!);
                forwardIndex.Add(i);
                continue;
            }

            if (outcomes[i] is not null)
            {
                continue;
            }

            var (allowed, withheld) = Filter(message, lookups);
            withheldAll.AddRange(withheld);
            if (allowed is null)
            {
                var result = new EmailSendResult { Status = SendStatus.Withheld, WithheldRecipients = withheld };
                outcomes[i] = new BulkItemResult<EmailSendResult>(i, BulkItemStatus.Withheld, result, new BulkItemError(Describe(withheld), ConsentCodes.AllRecipientsWithheld));
                continue;
            }

            if (withheld.Count > 0)
            {
                partial[forward.Count] = withheld;
            }

            forward.Add(allowed);
            forwardIndex.Add(i);
        }

        LogWithheld("SendEmails", withheldAll);

        if (forward.Count > 0)
        {
            BulkResult<EmailSendResult> inner = await InnerSender.SendManyAsync(forward, options, cancellationToken).ConfigureAwait(false);
            foreach (var item in inner.Items)
            {
                int original = forwardIndex[item.Index];
                var value = item.Value;
                if (value is not null && partial.TryGetValue(item.Index, out var withheld))
                {
                    value = value with { WithheldRecipients = [.. value.WithheldRecipients, .. withheld] };
                }

                outcomes[original] = item with { Index = original, Value = value };
            }
        }

        return new BulkResult<EmailSendResult>(outcomes);
    }

    /// <summary>Splits a marketing message into the copy that may be sent (or null) and the withheld recipients, from
    /// what <see cref="Lookups.PrefetchAsync"/> read.</summary>
    private (EmailMessage? Allowed, IReadOnlyList<WithheldRecipient> Withheld) Filter(EmailMessage message, Lookups lookups)
    {
        List<WithheldRecipient>? withheld = null;
        var blocked = new HashSet<EmailAddress>();
        foreach (Mailbox recipient in message.AllRecipients)
        {
            if (blocked.Contains(recipient.Address))
            {
                continue;
            }

            WithheldRecipient? reason = lookups.Suppressed[recipient.Address]
                ?? ConsentPolicy.Check(lookups.Contacts[recipient.Address], ConsentChannel.Email, recipient.Address.Value, _options.WithholdUnknownContacts);
            if (reason is not null)
            {
                (withheld ??= []).Add(reason);
                blocked.Add(recipient.Address);
            }
        }

        if (withheld is null)
        {
            return (message, []);
        }

        EmailMessage copy = message.Clone();
        RemoveBlocked(copy.To, blocked);
        RemoveBlocked(copy.Cc, blocked);
        RemoveBlocked(copy.Bcc, blocked);
        return (copy.To.Count == 0 ? null : copy, withheld);
    }

    /// <summary>Why an address is suppressed, or <see langword="null"/> when it may be sent to.</summary>
    private async Task<WithheldRecipient?> SuppressedAsync(EmailAddress address, CancellationToken cancellationToken)
    {
        if (_suppressions is null)
        {
            return null;
        }

        foreach (EmailSuppression suppression in await _suppressions.FindAsync(address, cancellationToken).ConfigureAwait(false))
        {
            if (suppression.Kind != SuppressionKind.GroupUnsubscribe)
            {
                string detail = string.IsNullOrWhiteSpace(suppression.Reason) ? string.Empty : $" ({suppression.Reason})";
                return new WithheldRecipient(address.Value, $"the address is on the {suppression.Kind} suppression list{detail}", ConsentCodes.Suppressed);
            }
        }

        return null;
    }

    private static void RemoveBlocked(IList<Mailbox> list, HashSet<EmailAddress> blocked)
    {
        for (int i = list.Count - 1; i >= 0; i--)
        {
            if (blocked.Contains(list[i].Address))
            {
                list.RemoveAt(i);
            }
        }
    }

    private void LogWithheld(string operation, IReadOnlyList<WithheldRecipient> withheld)
    {
        if (withheld.Count > 0 && _logger.IsEnabled(LogLevel.Information))
        {
            string codes = string.Join(",", withheld.Select(w => w.Code).Distinct());
            MartechLog.Withheld(_logger, _provider, operation, withheld.Count, codes);
        }
    }

    private static string Describe(IReadOnlyList<WithheldRecipient> withheld) =>
        withheld.Count == 1 ? $"Withheld: {withheld[0].Reason}." : $"Withheld: none of the {withheld.Count} recipients may receive marketing email ({string.Join("; ", withheld.Select(w => w.Reason))}).";

    /// <summary>What one call read: each recipient's suppression and contact, each looked up once.</summary>
    private sealed class Lookups
    {
        public Dictionary<EmailAddress, WithheldRecipient?> Suppressed { get; } = [];

        public Dictionary<EmailAddress, Contact?> Contacts { get; } = [];

        /// <summary>Checks every recipient's suppressions (once per address), then reads the contacts of those not
        /// suppressed in one batched call.</summary>
        public async Task PrefetchAsync(ConsentEmailSender owner, IEnumerable<EmailMessage> messages, CancellationToken cancellationToken)
        {
            var wanted = new List<EmailAddress>();
            foreach (EmailMessage message in messages)
            {
                foreach (Mailbox recipient in message.AllRecipients)
                {
                    EmailAddress address = recipient.Address;
                    if (Suppressed.ContainsKey(address))
                    {
                        continue;
                    }

                    WithheldRecipient? suppressed = await owner.SuppressedAsync(address, cancellationToken).ConfigureAwait(false);
                    Suppressed[address] = suppressed;
                    if (suppressed is null)
                    {
                        wanted.Add(address);
                    }
                }
            }

            if (wanted.Count == 0)
            {
                return;
            }

            IReadOnlyDictionary<EmailAddress, Contact> found = await owner._contacts.FindByEmailsAsync(wanted, cancellationToken).ConfigureAwait(false);
            foreach (EmailAddress address in wanted)
            {
                Contacts[address] = found.TryGetValue(address, out Contact? contact) ? contact : null;
            }
        }
    }
}
