using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>
/// Turns webhook events into item events for the SLA monitor (registered on the inbox by
/// <c>AddSlas().TrackWebhookEvents()</c>):
/// a <see cref="MessageReceivedEvent"/> is a customer message on the conversation (or a reply, from one of
/// <see cref="SlaOptions.AgentIds"/>); a <see cref="ContactEvent"/> creates, changes or closes a contact; an
/// <see cref="EmailEvent"/> of one of <see cref="SlaOptions.EmailTouchEvents"/> touches the items with the recipient's
/// address, and delivered and bounced events with a campaign feed bounce-rate SLAs. The event's inbox key is the item
/// event's id, so a redelivery records nothing twice.
/// </summary>
internal sealed class SlaEventHandler(ISlaStore store, IOptions<SlaOptions> options, SlaDefinitions definitions) : IMartechEventHandler<MartechEvent>
{
    public async Task HandleAsync(MartechEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken = default)
    {
        switch (martechEvent)
        {
            case MessageReceivedEvent message:
                bool agent = options.Value.AgentIds.Contains(message.From, StringComparer.OrdinalIgnoreCase);
                await store.AppendAsync(SlaItemKind.Conversation, ConversationId(message), [new SlaItemEvent
                {
                    Id = context.Key,
                    Type = agent ? SlaItemEventType.Responded : SlaItemEventType.MessageReceived,
                    OccurredAt = message.OccurredAt,
                    Actor = message.From,
                    Email = message.Email,
                }], cancellationToken).ConfigureAwait(false);
                break;
            case ContactEvent contact when (contact.ContactId ?? contact.Email?.Value) is { } id:
                SlaItemEventType? type = contact.Type == ContactEventType.Created ? SlaItemEventType.Created
                    : contact.Type == ContactEventType.Deleted ? SlaItemEventType.Closed
                    : contact.Type == ContactEventType.Changed ? SlaItemEventType.Changed
                    : null;
                if (type is { } known)
                {
                    await store.AppendAsync(SlaItemKind.Contact, id, [new SlaItemEvent
                    {
                        Id = context.Key,
                        Type = known,
                        OccurredAt = contact.ChangedAt ?? contact.OccurredAt,
                        Email = contact.Email,
                        Properties = contact.ChangedProperties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.OrdinalIgnoreCase),
                    }], cancellationToken).ConfigureAwait(false);
                }

                break;
            case EmailEvent email:
                await HandleEmailAsync(email, context, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A conversation is one thread (or channel, user, conversation, phone number) of one provider instance.</summary>
    public static string ConversationId(MessageReceivedEvent message) => $"{message.Provider}:{message.Conversation}";

    private async Task HandleEmailAsync(EmailEvent email, MartechEventContext context, CancellationToken cancellationToken)
    {
        bool bounced = email.Type == EmailEventType.Bounced;
        if (email.CampaignId is { } campaign && (bounced || email.Type == EmailEventType.Delivered) && definitions.Volumes.Any(v => v.Measure == SlaVolumeMeasure.BounceRate))
        {
            await store.AppendAsync(SlaItemKind.Campaign, campaign, [new SlaItemEvent
            {
                Id = context.Key,
                Type = bounced ? SlaVolumes.EmailBouncedEvent : SlaVolumes.EmailDeliveredEvent,
                OccurredAt = email.OccurredAt,
                Properties = new Dictionary<string, string>(1) { ["message"] = email.MessageId ?? email.Recipient.Value },
            }], cancellationToken).ConfigureAwait(false);
        }

        if (options.Value.EmailTouchEvents.Contains(email.Type.Value, StringComparer.OrdinalIgnoreCase))
        {
            foreach (SlaItem item in await store.FindByEmailAsync(email.Recipient, cancellationToken).ConfigureAwait(false))
            {
                await store.AppendAsync(item.Kind, item.Id, [new SlaItemEvent { Id = context.Key, Type = SlaItemEventType.MessageSent, OccurredAt = email.OccurredAt }], cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
