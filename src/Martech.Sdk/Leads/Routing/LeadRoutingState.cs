namespace Martech.Sdk;

/// <summary>What the router remembers between runs and processes, kept by an <see cref="ILeadRoutingStore"/>: the
/// rotation credits, the leads each owner holds open and got today, company domains' owners, owners out of office,
/// and notifications waiting for working hours. A store keeps it whole and replaces it by version.</summary>
public sealed record LeadRoutingState
{
    /// <summary>The state a store starts with.</summary>
    public static LeadRoutingState Empty { get; } = new();

    /// <summary>Grows by one with each save; a store saves a state only over the version it was read at.</summary>
    public long Version { get; init; }

    /// <summary>The rotation credit of each owner in each pool (pool name → owner id → credit): the owner with the
    /// highest credit among those available gets the next lead (see docs/leads.md).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Credits { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The leads the router assigned and that were not released (lead id → owner id).</summary>
    public IReadOnlyDictionary<string, string> OpenLeads { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many leads each owner got on their current day (owner id → day and count).</summary>
    public IReadOnlyDictionary<string, LeadOwnerDay> LeadsToday { get; init; } = new Dictionary<string, LeadOwnerDay>(StringComparer.Ordinal);

    /// <summary>The owner the router last gave a lead from each company email domain (domain → owner id).</summary>
    public IReadOnlyDictionary<string, string> DomainOwners { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Owners set out of office or back at run time (owner id → available).</summary>
    public IReadOnlyDictionary<string, bool> Availability { get; init; } = new Dictionary<string, bool>(StringComparer.Ordinal);

    /// <summary>Notifications that wait for their owner's working hours, oldest first.</summary>
    public IReadOnlyList<PendingLeadNotification> PendingNotifications { get; init; } = [];
}
