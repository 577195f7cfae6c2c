namespace Martech.Sdk;

/// <summary>The names of the built-in survivorship rules, as <see cref="ContactMergeOptions.DefaultRule"/>,
/// <see cref="ContactMergeOptions.Fields"/> and configuration name them (case ignored).</summary>
public static class SurvivorshipRules
{
    /// <summary>The value of the record changed most recently wins: a consent's own time
    /// (<see cref="Consent.UpdatedAt"/>) when it has one, otherwise the record's <see cref="Contact.UpdatedAt"/>; a record
    /// without a time loses to one with a time.</summary>
    public const string Newest = "Newest";

    /// <summary>The longest value wins (trimmed length); equal lengths go to the record with the most fields
    /// filled.</summary>
    public const string MostComplete = "MostComplete";

    /// <summary>The value of the first instance in <see cref="ContactMergeOptions.SourcePriority"/> that has one
    /// wins; instances not listed come after every listed one.</summary>
    public const string SourcePriority = "SourcePriority";

    /// <summary>No winner is taken: every record keeps its own value (the default for <c>OwnerId</c>, since owner ids
    /// mean different people in different instances).</summary>
    public const string Keep = "Keep";

    /// <summary>The built-in rules.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [Newest, MostComplete, SourcePriority, Keep];
}
