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

    /// <summary>Computes a campaign's stats over [from, to); <see langword="null"/> when there is no such campaign.</summary>
    internal CampaignStats? ComputeCampaignStats(string campaignId, DateTimeOffset? from, DateTimeOffset? to)
    {
        lock (_gate)
        {
            if (!_campaigns.ContainsKey(campaignId))
            {
                return null;
            }

            bool InPeriod(DateTimeOffset at) => (from is null || at >= from) && (to is null || at < to);

            var recipients = new HashSet<EmailAddress>();
            var campaignMessageIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (SentEmail sent in _sentEmails)
            {
                if (!string.Equals(sent.Message.CampaignId, campaignId, StringComparison.Ordinal))
                {
                    continue;
                }

                campaignMessageIds.Add(sent.MessageId);
                if (InPeriod(sent.SentAt))
                {
                    foreach (Mailbox recipient in sent.Message.AllRecipients)
                    {
                        recipients.Add(recipient.Address);
                    }
                }
            }

            int delivered = 0, totalClicks = 0, bounces = 0, unsubscribes = 0, spamReports = 0;
            var opened = new HashSet<EmailAddress>();
            var clicked = new HashSet<EmailAddress>();
            foreach (EmailEvent e in _emailEvents)
            {
                bool ofCampaign = e.CampaignId is null
                    ? e.MessageId is not null && campaignMessageIds.Contains(e.MessageId)
                    : string.Equals(e.CampaignId, campaignId, StringComparison.Ordinal);
                if (!ofCampaign || !InPeriod(e.OccurredAt))
                {
                    continue;
                }

                if (e.Type == EmailEventType.Delivered)
                {
                    delivered++;
                }
                else if (e.Type == EmailEventType.Opened)
                {
                    opened.Add(e.Recipient);
                }
                else if (e.Type == EmailEventType.Clicked)
                {
                    clicked.Add(e.Recipient);
                    totalClicks++;
                }
                else if (e.Type == EmailEventType.Bounced)
                {
                    bounces++;
                }
                else if (e.Type == EmailEventType.Unsubscribed)
                {
                    unsubscribes++;
                }
                else if (e.Type == EmailEventType.SpamReport)
                {
                    spamReports++;
                }
            }

            return new CampaignStats
            {
                CampaignId = campaignId,
                From = from,
                To = to,
                Source = CampaignStatsSource.Events,
                Reported = CampaignMetric.UniqueRecipients | CampaignMetric.Delivered | CampaignMetric.UniqueOpens
                    | CampaignMetric.UniqueClicks | CampaignMetric.TotalClicks | CampaignMetric.Bounces
                    | CampaignMetric.Unsubscribes | CampaignMetric.SpamReports,
                UniqueRecipients = recipients.Count,
                Delivered = delivered,
                UniqueOpens = opened.Count,
                UniqueClicks = clicked.Count,
                TotalClicks = totalClicks,
                Bounces = bounces,
                Unsubscribes = unsubscribes,
                SpamReports = spamReports,
            };
        }
    }
}
