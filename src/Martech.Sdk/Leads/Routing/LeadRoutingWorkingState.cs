namespace Martech.Sdk;

/// <summary>A mutable copy of <see cref="LeadRoutingState"/> the router plans on, with open-lead counts per owner.</summary>
internal sealed class LeadRoutingWorkingState
{
    public LeadRoutingWorkingState(LeadRoutingState state)
    {
        Version = state.Version;
        foreach ((string pool, IReadOnlyDictionary<string, long> credits) in state.Credits)
        {
            Credits[pool] = new Dictionary<string, long>(credits, StringComparer.Ordinal);
        }

        foreach ((string lead, string owner) in state.OpenLeads)
        {
            OpenLeads[lead] = owner;
            OpenCounts[owner] = OpenCounts.GetValueOrDefault(owner) + 1;
        }

        Today = new Dictionary<string, LeadOwnerDay>(state.LeadsToday, StringComparer.Ordinal);
        Domains = new Dictionary<string, string>(state.DomainOwners, StringComparer.OrdinalIgnoreCase);
        Availability = new Dictionary<string, bool>(state.Availability, StringComparer.Ordinal);
        Pending = [.. state.PendingNotifications];
    }

    public long Version { get; }

    public Dictionary<string, Dictionary<string, long>> Credits { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> OpenLeads { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> OpenCounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LeadOwnerDay> Today { get; }

    public Dictionary<string, string> Domains { get; }

    public Dictionary<string, bool> Availability { get; }

    public List<PendingLeadNotification> Pending { get; }

    public long Credit(string pool, string owner) =>
        Credits.TryGetValue(pool, out Dictionary<string, long>? credits) ? credits.GetValueOrDefault(owner) : 0;

    public int LeadsOn(string owner, DateOnly day) =>
        Today.TryGetValue(owner, out LeadOwnerDay? today) && today.Day == day ? today.Count : 0;

    /// <summary>Applies one assignment. Credit changes add up, so the same change applies over a state another router
    /// saved in between.</summary>
    public void Apply(LeadRoutingChange change)
    {
        if (change.Pool is not null)
        {
            if (!Credits.TryGetValue(change.Pool, out Dictionary<string, long>? credits))
            {
                Credits[change.Pool] = credits = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            foreach ((string owner, long delta) in change.CreditDelta)
            {
                credits[owner] = credits.GetValueOrDefault(owner) + delta;
            }
        }

        if (OpenLeads.TryGetValue(change.LeadKey, out string? previous))
        {
            OpenCounts[previous] = OpenCounts[previous] - 1;
        }

        OpenLeads[change.LeadKey] = change.OwnerId;
        OpenCounts[change.OwnerId] = OpenCounts.GetValueOrDefault(change.OwnerId) + 1;
        if (!Today.TryGetValue(change.OwnerId, out LeadOwnerDay? today) || today.Day < change.Day)
        {
            Today[change.OwnerId] = new LeadOwnerDay(change.Day, 1);
        }
        else if (today.Day == change.Day)
        {
            Today[change.OwnerId] = today with { Count = today.Count + 1 };
        }

        if (change.Domain is not null)
        {
            Domains[change.Domain] = change.OwnerId;
        }

        if (change.Notification is not null)
        {
            Pending.Add(change.Notification);
        }
    }

    public bool Release(string leadId)
    {
        if (!OpenLeads.Remove(leadId, out string? owner))
        {
            return false;
        }

        OpenCounts[owner] = OpenCounts[owner] - 1;
        return true;
    }

    public LeadRoutingState ToState() => new()
    {
        Version = Version + 1,
        Credits = Credits.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(p.Value, StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase),
        OpenLeads = new Dictionary<string, string>(OpenLeads, StringComparer.Ordinal),
        LeadsToday = new Dictionary<string, LeadOwnerDay>(Today, StringComparer.Ordinal),
        DomainOwners = new Dictionary<string, string>(Domains, StringComparer.OrdinalIgnoreCase),
        Availability = new Dictionary<string, bool>(Availability, StringComparer.Ordinal),
        PendingNotifications = [.. Pending],
    };
}

/// <summary>One planned assignment: what it changes in the routing state.</summary>
internal sealed record LeadRoutingChange(
    string? Pool,
    IReadOnlyDictionary<string, long> CreditDelta,
    string LeadKey,
    string OwnerId,
    DateOnly Day,
    string? Domain,
    PendingLeadNotification? Notification);
