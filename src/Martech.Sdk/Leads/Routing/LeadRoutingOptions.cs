namespace Martech.Sdk;

/// <summary>
/// The lead router's owners, pools, rules and handoff settings, bound from <c>Martech:Leads:Routing</c> and checked when
/// the host starts (or by the <see cref="LeadRouter"/> constructor), each problem named by its configuration path.
/// </summary>
/// <remarks>
/// A lead goes through the <see cref="Rules"/> in order; the first whose conditions all hold names an owner or a pool
/// (no rule matching: <see cref="DefaultPool"/>). Inside a pool, <see cref="Affinity"/> keeps an existing owner, and
/// otherwise a smooth weighted rotation picks among the owners who are available (see docs/leads.md).
/// </remarks>
public sealed class LeadRoutingOptions
{
    /// <summary>The sales owners by id: the id the CRM uses for the user (<see cref="Lead.OwnerId"/>), such as a
    /// HubSpot owner id. Ids are compared exactly (ordinal).</summary>
    public IReadOnlyDictionary<string, LeadOwnerOptions> Owners { get; set; } = new Dictionary<string, LeadOwnerOptions>(StringComparer.Ordinal);

    /// <summary>Groups of owners leads rotate among, by name (names ignore case).</summary>
    public IReadOnlyDictionary<string, LeadPoolOptions> Pools { get; set; } = new Dictionary<string, LeadPoolOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Assignment rules, tried in order; the first that matches decides.</summary>
    public IReadOnlyList<LeadRoutingRule> Rules { get; set; } = [];

    /// <summary>The pool a lead goes to when no rule matches, or when the matched rule's owner is unavailable and the
    /// rule names no pool. Required.</summary>
    public string? DefaultPool { get; set; }

    /// <summary>Keeping an existing owner: the lead's own, its contact's, or its company domain's.</summary>
    public LeadRoutingAffinityOptions Affinity { get; set; } = new();

    /// <summary>What happens to owners whose working calendar says they are off.</summary>
    /// <value>The default value is <see cref="LeadRoutingOutsideHours.Skip"/>.</value>
    public LeadRoutingOutsideHours OutsideHours { get; set; } = LeadRoutingOutsideHours.Skip;

    /// <summary>The status written with the owner on handoff, such as <c>working</c>; <see langword="null"/> leaves
    /// the status as it is.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AssignedStatus { get; set; }

    /// <summary>The provider instance whose leads are written on handoff (any that supplies leads);
    /// <see langword="null"/> for the default leads provider (<c>Martech:Defaults:Leads</c>). Used with dependency
    /// injection only.</summary>
    public string? LeadsProvider { get; set; }

    /// <summary>The messaging provider instance owners are notified through (Slack, Teams, Intercom, Twilio,
    /// InMemory); <see langword="null"/> for no notifications. Each owner's <see cref="LeadOwnerOptions.Destination"/>
    /// says where. Used with dependency injection only.</summary>
    public string? NotificationProvider { get; set; }

    /// <summary>A link to the lead on the cards, with <c>{id}</c> replaced, such as
    /// <c>https://crm.example.com/leads/{id}</c>; <see langword="null"/> for none.</summary>
    public string? LeadLinkFormat { get; set; }

    /// <summary>How many lead writes a handoff runs at once.</summary>
    /// <value>The default value is 4.</value>
    public int HandoffConcurrency { get; set; } = 4;

    /// <summary>How often deferred notifications (<see cref="LeadRoutingOutsideHours.AssignAndNotifyLater"/>) are
    /// checked and sent by the hosted service that <c>AddLeadRouting()</c> adds.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan NotificationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Describes what is wrong, each problem named by its configuration path with the fix.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Leads:Routing</c>.</param>
    /// <param name="calendars">The business calendars owners' <see cref="LeadOwnerOptions.Calendar"/> must name;
    /// <see langword="null"/> when none are defined.</param>
    /// <returns>One message per problem.</returns>
    public IReadOnlyList<string> Validate(string configurationPath, IBusinessCalendars? calendars = null)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        var problems = new List<string>();
        if (Owners is null || Owners.Count == 0)
        {
            problems.Add($"{p}:{nameof(Owners)} is empty: add at least one owner, such as {p}:{nameof(Owners)}:<owner id>:{nameof(LeadOwnerOptions.Weight)} = 1.");
        }

        foreach ((string id, LeadOwnerOptions? owner) in Owners ?? new Dictionary<string, LeadOwnerOptions>())
        {
            problems.AddRange(owner is null
                ? [$"{p}:{nameof(Owners)}:{id} is empty: set at least its {nameof(LeadOwnerOptions.Weight)}."]
                : owner.Validate($"{p}:{nameof(Owners)}:{id}", calendars));
        }

        if (Pools is null || Pools.Count == 0)
        {
            problems.Add($"{p}:{nameof(Pools)} is empty: add a pool, such as {p}:{nameof(Pools)}:sales:{nameof(LeadPoolOptions.Owners)}:0 = <owner id>.");
        }

        foreach ((string name, LeadPoolOptions? pool) in Pools ?? new Dictionary<string, LeadPoolOptions>())
        {
            string at = $"{p}:{nameof(Pools)}:{name}";
            if (pool?.Owners is not { Count: > 0 } members)
            {
                problems.Add($"{at}:{nameof(LeadPoolOptions.Owners)} is empty: list the ids of the owners leads in this pool rotate among.");
                continue;
            }

            for (int i = 0; i < members.Count; i++)
            {
                if (!IsOwner(members[i]))
                {
                    problems.Add($"{at}:{nameof(LeadPoolOptions.Owners)}:{i} names '{members[i]}', which is not an owner: add it under {p}:{nameof(Owners)} or remove it ({Known(Owners?.Keys)}).");
                }
                else if (members.Take(i).Contains(members[i], StringComparer.Ordinal))
                {
                    problems.Add($"{at}:{nameof(LeadPoolOptions.Owners)}:{i} lists '{members[i]}' twice: give a larger share with the owner's {nameof(LeadOwnerOptions.Weight)} instead.");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(DefaultPool))
        {
            problems.Add($"{p}:{nameof(DefaultPool)} is required: name the pool that gets leads no rule matches ({Known(Pools?.Keys)}).");
        }
        else if (!IsPool(DefaultPool))
        {
            problems.Add($"{p}:{nameof(DefaultPool)} names '{DefaultPool}', which is not a pool: define {p}:{nameof(Pools)}:{DefaultPool} or name one there is ({Known(Pools?.Keys)}).");
        }

        for (int i = 0; i < (Rules?.Count ?? 0); i++)
        {
            string at = $"{p}:{nameof(Rules)}:{i}";
            if (Rules![i] is not { } rule)
            {
                problems.Add($"{at} is empty: give it a {nameof(LeadRoutingRule.Pool)} or an {nameof(LeadRoutingRule.Owner)}.");
                continue;
            }

            problems.AddRange(rule.Validate(at));
            if (rule.Pool is not null && !IsPool(rule.Pool))
            {
                problems.Add($"{at}:{nameof(LeadRoutingRule.Pool)} names '{rule.Pool}', which is not a pool: define {p}:{nameof(Pools)}:{rule.Pool} or name one there is ({Known(Pools?.Keys)}).");
            }

            if (rule.Owner is not null && !IsOwner(rule.Owner))
            {
                problems.Add($"{at}:{nameof(LeadRoutingRule.Owner)} names '{rule.Owner}', which is not an owner: add it under {p}:{nameof(Owners)} or name one there is ({Known(Owners?.Keys)}).");
            }
        }

        foreach (string name in (Rules ?? []).Where(r => r?.Name is not null).GroupBy(r => r.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"{p}:{nameof(Rules)}: two rules are named '{name}': give each its own name, so decisions say which matched.");
        }

        if (Affinity is null)
        {
            problems.Add($"{p}:{nameof(Affinity)} must not be null.");
        }

        if (!Enum.IsDefined(OutsideHours))
        {
            problems.Add($"{p}:{nameof(OutsideHours)} must be {nameof(LeadRoutingOutsideHours.Skip)} or {nameof(LeadRoutingOutsideHours.AssignAndNotifyLater)} (was {OutsideHours}).");
        }

        if (AssignedStatus is not null && string.IsNullOrWhiteSpace(AssignedStatus))
        {
            problems.Add($"{p}:{nameof(AssignedStatus)} is blank: name a status such as working, or remove the setting to leave statuses alone.");
        }

        if (LeadLinkFormat is not null && LeadRoutingCard.LeadLink(LeadLinkFormat, "1") is null)
        {
            problems.Add($"{p}:{nameof(LeadLinkFormat)} must be an absolute http(s) address, such as https://crm.example.com/leads/{{id}} (was '{LeadLinkFormat}').");
        }

        if (HandoffConcurrency is < 1 or > 64)
        {
            problems.Add($"{p}:{nameof(HandoffConcurrency)} must be between 1 and 64 (was {HandoffConcurrency}).");
        }

        if (NotificationInterval < TimeSpan.FromSeconds(1) || NotificationInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"{p}:{nameof(NotificationInterval)} must be between 1 second and 1 day (was {NotificationInterval}).");
        }

        return problems;
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(LeadRoutingOptions);

    internal static string Known(IEnumerable<string>? names) =>
        names?.Any() == true ? "there are: " + string.Join(", ", names) : "there are none";

    private bool IsOwner(string? id) => id is not null && Owners?.ContainsKey(id) == true;

    private bool IsPool(string name) => Pools?.Keys.Contains(name, StringComparer.OrdinalIgnoreCase) == true;
}
