namespace Martech.Sdk;

/// <summary>How a pool shares its leads among its available owners.</summary>
public enum LeadRoutingStrategy
{
    /// <summary>In proportion to each owner's <see cref="LeadOwnerOptions.Weight"/> (all weights 1: round-robin).</summary>
    Weighted,

    /// <summary>In turn, one each, whatever the weights.</summary>
    RoundRobin,
}
