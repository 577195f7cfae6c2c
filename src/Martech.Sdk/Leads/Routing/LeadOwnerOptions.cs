namespace Martech.Sdk;

/// <summary>One sales owner the router can assign leads to (<c>Martech:Leads:Routing:Owners:&lt;owner id&gt;</c>).</summary>
public sealed class LeadOwnerOptions
{
    /// <summary>The owner's share of a pool's leads relative to the others: an owner with weight 3 gets three leads for
    /// every one of an owner with weight 1. Whole numbers from 1 to 1000.</summary>
    /// <value>The default value is 1.</value>
    public int Weight { get; set; } = 1;

    /// <summary>The most leads the owner may hold open at once (assigned by the router and not released with
    /// <see cref="LeadRouter.ReleaseAsync"/>); <see langword="null"/> for no limit.</summary>
    public int? MaxOpenLeads { get; set; }

    /// <summary>The most leads the owner may get in one day (the day in the owner's calendar's time zone, or UTC);
    /// <see langword="null"/> for no limit.</summary>
    public int? MaxLeadsPerDay { get; set; }

    /// <summary>The business calendar (<c>Martech:Slas:Calendars:&lt;name&gt;</c>) of the owner's working hours;
    /// <see langword="null"/> for always working.</summary>
    public string? Calendar { get; set; }

    /// <summary>Whether the owner takes leads; <see langword="false"/> for out of office. Also set at run time with
    /// <see cref="LeadRouter.SetAvailableAsync"/>, which is kept in the routing store and wins over this.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Available { get; set; } = true;

    /// <summary>Where the owner is notified of a new lead, as <see cref="MessageDestination.Parse"/> reads it, such as
    /// <c>user:U024BE7LH</c> (a Slack user), <c>channel:&lt;id&gt;</c> or <c>phone:+4930…</c>; <see langword="null"/>
    /// for no notification.</summary>
    public string? Destination { get; set; }

    /// <summary>A display name for cards and explanations; <see langword="null"/> for the id.</summary>
    public string? Name { get; set; }

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The owner's section.</param>
    /// <param name="calendars">The calendars <see cref="Calendar"/> must name.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath, IBusinessCalendars? calendars = null)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        if (Weight is < 1 or > 1000)
        {
            yield return $"{p}:{nameof(Weight)} must be a whole number from 1 to 1000 (was {Weight}): to stop leads going to the owner, set {nameof(Available)} to false instead.";
        }

        if (MaxOpenLeads is < 1)
        {
            yield return $"{p}:{nameof(MaxOpenLeads)} must be at least 1 (was {MaxOpenLeads}); remove it for no limit, or set {nameof(Available)} to false.";
        }

        if (MaxLeadsPerDay is < 1)
        {
            yield return $"{p}:{nameof(MaxLeadsPerDay)} must be at least 1 (was {MaxLeadsPerDay}); remove it for no limit, or set {nameof(Available)} to false.";
        }

        if (Calendar is not null && (calendars is null || !calendars.TryGet(Calendar, out _)))
        {
            yield return $"{p}:{nameof(Calendar)} names '{Calendar}', which is not a business calendar: define Martech:Slas:Calendars:{Calendar} with its TimeZone and Hours, or add it in code with AddBusinessCalendars(o => o.Add(\"{Calendar}\", ...)) ({LeadRoutingOptions.Known(calendars?.Names)}).";
        }

        if (Destination is not null && !MessageDestination.TryParse(Destination, out _, out string? error))
        {
            yield return $"{p}:{nameof(Destination)} {error}";
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(LeadOwnerOptions);
}
