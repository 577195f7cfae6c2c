namespace Martech.Sdk;

/// <summary>What converting a lead produced.</summary>
/// <param name="LeadId">The converted lead.</param>
/// <param name="ContactId">The contact the lead became or was merged into.</param>
/// <param name="DealId">The deal or opportunity created, where the vendor creates one.</param>
public sealed record LeadConversionResult(string LeadId, string ContactId, string? DealId = null);
