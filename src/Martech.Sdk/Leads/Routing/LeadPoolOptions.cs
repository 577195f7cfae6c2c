namespace Martech.Sdk;

/// <summary>A group of owners leads rotate among (<c>Martech:Leads:Routing:Pools:&lt;name&gt;</c>).</summary>
public sealed class LeadPoolOptions
{
    /// <summary>The owner ids, in order: the order breaks ties in the rotation (the earlier owner first).</summary>
    public IReadOnlyList<string> Owners { get; set; } = [];

    /// <summary>How the pool shares its leads.</summary>
    /// <value>The default value is <see cref="LeadRoutingStrategy.Weighted"/>.</value>
    public LeadRoutingStrategy Strategy { get; set; } = LeadRoutingStrategy.Weighted;

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(LeadPoolOptions);
}
