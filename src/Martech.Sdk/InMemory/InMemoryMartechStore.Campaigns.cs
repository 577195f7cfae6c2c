namespace Martech.Sdk;

// The campaigns of the store: members and stats.
// The state and the public API are in InMemoryMartechStore.cs.
public sealed partial class InMemoryMartechStore
{
    internal Campaign? GetCampaign(string id)
    {
        lock (_gate)
        {
            return _campaigns.TryGetValue(id, out var state) ? InMemoryCopies.Copy(state.Campaign) : null;
        }
    }

    internal bool CampaignExists(string id)
    {
        lock (_gate)
        {
            return _campaigns.ContainsKey(id);
        }
    }

    internal (IReadOnlyList<Campaign> Items, long? Next) ListCampaigns(long after, int size)
    {
        lock (_gate)
        {
            var items = _campaignOrder.TakeAfter(after, size, static _ => true, static s => InMemoryCopies.Copy(s.Campaign), out long? next);
            return (items, next);
        }
    }

    internal InMemoryOutcome<CampaignMember> AddMember(string campaignId, string contactId)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(campaignId, out var campaign))
            {
                return InMemoryFailure.NotFound($"There is no campaign with id '{campaignId}'.");
            }

            if (campaign.Members.TryGetValue(contactId, out var existing))
            {
                return InMemoryOutcome<CampaignMember>.Success(existing.Value);
            }

            if (!_contacts.ContainsKey(contactId))
            {
                return InMemoryFailure.NotFound($"There is no contact with id '{contactId}'.", "contactIds", InMemoryFailure.ContactNotFoundCode);
            }

            long sequence = ++_memberSequence;
            var member = new CampaignMember(campaignId, contactId, AddedAt: TimeProvider.GetUtcNow());
            var entry = new InMemoryEntry<CampaignMember>(sequence, member);
            campaign.Members.Add(contactId, entry);
            campaign.MemberOrder.Append(sequence, entry);
            return InMemoryOutcome<CampaignMember>.Success(member, created: true);
        }
    }

    internal InMemoryOutcome<CampaignMember> RemoveMember(string campaignId, string contactId)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(campaignId, out var campaign))
            {
                return InMemoryFailure.NotFound($"There is no campaign with id '{campaignId}'.");
            }

            if (campaign.Members.Remove(contactId, out var entry))
            {
                campaign.MemberOrder.Remove(entry.Sequence);
                return InMemoryOutcome<CampaignMember>.Success(entry.Value);
            }

            // Not a member: nothing to do, but only for a contact that exists.
            return _contacts.ContainsKey(contactId)
                ? InMemoryOutcome<CampaignMember>.Success(new CampaignMember(campaignId, contactId))
                : InMemoryFailure.NotFound($"There is no contact with id '{contactId}'.", "contactIds", InMemoryFailure.ContactNotFoundCode);
        }
    }

    /// <summary>Lists a campaign's members; <see langword="null"/> when there is no such campaign.</summary>
    internal (IReadOnlyList<CampaignMember> Items, long? Next)? ListMembers(string campaignId, long after, int size, Func<CampaignMember, bool> match)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(campaignId, out var campaign))
            {
                return null;
            }

            var items = campaign.MemberOrder.TakeAfter(after, size, e => match(e.Value), static e => e.Value, out long? next);
            return (items, next);
        }
    }

    /// <summary>Computes a campaign's stats with the store's <see cref="CampaignAnalytics"/>; <see langword="null"/> when
    /// there is no such campaign.</summary>
    internal CampaignStats? ComputeCampaignStats(string campaignId, CampaignStatsOptions? options)
    {
        lock (_gate)
        {
            return _campaigns.ContainsKey(campaignId) ? _analytics.GetStats(campaignId, options) : null;
        }
    }

    /// <summary>Records a campaign's send in the analytics, once per distinct recipient; under the lock.</summary>
    private void RecordCampaignSend(SentEmail sent)
    {
        if (sent.Message.CampaignId is not { Length: > 0 } campaignId)
        {
            return;
        }

        _campaignByMessageId[sent.MessageId] = campaignId;
        foreach (Mailbox recipient in sent.Message.AllRecipients)
        {
            _analytics.RecordSend(campaignId, recipient.Address, sent.MessageId, sent.SentAt);
        }
    }

    /// <summary>Counts an email event in the analytics; one with only a message id counts for the campaign the message
    /// was sent for. Under the lock.</summary>
    private void CountEmailEvent(EmailEvent emailEvent)
    {
        if (emailEvent.CampaignId is null && emailEvent.MessageId is { } messageId && _campaignByMessageId.TryGetValue(messageId, out string? campaignId))
        {
            emailEvent = emailEvent with { CampaignId = campaignId };
        }

        _analytics.Record(emailEvent);
    }
}
