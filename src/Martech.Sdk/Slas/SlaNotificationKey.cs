namespace Martech.Sdk;

/// <summary>Whose notification state: a policy's clock on one item.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="ItemKind">The item's kind.</param>
/// <param name="ItemId">The item's id.</param>
public sealed record SlaNotificationKey(string Policy, SlaItemKind ItemKind, string ItemId);
