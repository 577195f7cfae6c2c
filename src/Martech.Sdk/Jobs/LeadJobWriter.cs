namespace Martech.Sdk;

/// <summary>
/// Lead upserts: a lead with an id is updated (sending it again writes the same values), one without is created. A
/// create has no natural key at the vendor, so a chunk whose answer was lost is not simply sent again: its leads are
/// looked for first, by email address, among the leads the vendor changed since shortly before the chunk started;
/// those found are reported with the id found and not created again, the others are created. A lead without an email
/// address in such a chunk cannot be looked for: it is reported <see cref="BulkItemStatus.Unknown"/> (code
/// <c>IN_DOUBT</c>) and not created again, so a lead is never created twice.
/// </summary>
internal sealed class LeadJobWriter(ILeadClient leads, TimeSpan lookupMargin) : IMartechJobWriter<Lead>
{
    public const string InDoubtCode = "IN_DOUBT";

    public string? KeyOf(Lead item) => item.Email is { IsEmpty: false } email ? email.Value : item.Id;

    public async Task<IReadOnlyList<MartechJobItemOutcome>> WriteAsync(IReadOnlyList<(long Position, Lead Item)> chunk, MartechJobInFlight? lost, CancellationToken cancellationToken)
    {
        Dictionary<EmailAddress, Queue<string>>? found = lost is null ? null : await FindCreatedAsync(chunk, lost, cancellationToken).ConfigureAwait(false);
        var outcomes = new MartechJobItemOutcome[chunk.Count];
        for (int i = 0; i < chunk.Count; i++)
        {
            (long position, Lead lead) = chunk[i];
            string? key = KeyOf(lead);
            if (found is not null && lead.Id is null)
            {
                if (lead.Email is not { IsEmpty: false } email)
                {
                    outcomes[i] = new MartechJobItemOutcome(position, key, BulkItemStatus.Unknown, Error: new BulkItemError(
                        "The lead was in a chunk whose answer was lost and has no email address to look it up by: it may have been created then, so it was not created again. Check the vendor.",
                        InDoubtCode));
                    continue;
                }

                if (found.TryGetValue(email, out Queue<string>? ids) && ids.TryDequeue(out string? id))
                {
                    outcomes[i] = new MartechJobItemOutcome(position, key, BulkItemStatus.Created, id);
                    continue;
                }
            }

            try
            {
                Lead written = lead.Id is null
                    ? await leads.CreateAsync(lead, cancellationToken).ConfigureAwait(false)
                    : await leads.UpdateAsync(lead, cancellationToken).ConfigureAwait(false);
                outcomes[i] = new MartechJobItemOutcome(position, key, lead.Id is null ? BulkItemStatus.Created : BulkItemStatus.Updated, written.Id);
            }
            catch (Exception ex) when (Consolidation.IsRecordFailure(ex))
            {
                outcomes[i] = MartechJobWriters.Failed(position, key, ex);
            }
        }

        return outcomes;
    }

    /// <summary>The ids of the leads changed since shortly before the lost chunk started, by email, for the addresses of
    /// the chunk's leads to create.</summary>
    private async Task<Dictionary<EmailAddress, Queue<string>>> FindCreatedAsync(IReadOnlyList<(long Position, Lead Item)> chunk, MartechJobInFlight lost, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<EmailAddress>();
        foreach ((_, Lead lead) in chunk)
        {
            if (lead.Id is null && lead.Email is { IsEmpty: false } email)
            {
                wanted.Add(email);
            }
        }

        var found = new Dictionary<EmailAddress, Queue<string>>();
        if (wanted.Count == 0)
        {
            return found;
        }

        var options = new LeadListOptions { UpdatedSince = lost.StartedAt - lookupMargin, PageSize = 100 };
        await foreach (Lead lead in leads.ListAsync(options, cancellationToken).ConfigureAwait(false))
        {
            if (lead.Email is { IsEmpty: false } email && lead.Id is { } id && wanted.Contains(email))
            {
                if (!found.TryGetValue(email, out Queue<string>? ids))
                {
                    found[email] = ids = new Queue<string>();
                }

                ids.Enqueue(id);
            }
        }

        return found;
    }
}
