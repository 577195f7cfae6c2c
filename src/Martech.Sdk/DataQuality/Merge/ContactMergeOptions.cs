namespace Martech.Sdk;

/// <summary>
/// How <see cref="ContactMerger"/> merges a group of records of one person: the survivorship rule of each field, the
/// instance order for <see cref="SurvivorshipRules.SourcePriority"/>, how the surviving record of an instance is chosen
/// and whether the others are deleted. Bound from <c>Martech:DataQuality:Merge</c> and validated at start-up.
/// </summary>
/// <remarks>
/// <code>
/// "Martech": { "DataQuality": { "Merge": {
///   "DefaultRule": "Newest",
///   "SourcePriority": [ "HubSpot", "Pipedrive" ],
///   "Fields": { "Email": "SourcePriority", "FirstName": "MostComplete", "plan": "HigherPlan" },
///   "Survivor": "MostComplete",
///   "DeleteLosers": false } } }
/// </code>
/// </remarks>
public sealed class ContactMergeOptions
{
    /// <summary>The survivor choice: the record with the most fields filled.</summary>
    public const string MostCompleteSurvivor = "MostComplete";

    /// <summary>The survivor choice: the record created first.</summary>
    public const string OldestSurvivor = "Oldest";

    /// <summary>The survivor choice: the record changed last.</summary>
    public const string NewestSurvivor = "Newest";

    private static readonly RecordField[] Unmergeable =
    [
        RecordField.Id, RecordField.CreatedAt, RecordField.UpdatedAt, RecordField.ContactId, RecordField.Status,
        RecordField.Source, RecordField.Score,
    ];

    private readonly Dictionary<string, SurvivorshipRule> _customRules = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule for every field without an entry in <see cref="Fields"/>: a name in
    /// <see cref="SurvivorshipRules"/> or a rule added with <see cref="AddRule"/>.</summary>
    /// <value>The default value is <see cref="SurvivorshipRules.Newest"/>.</value>
    public string DefaultRule { get; set; } = SurvivorshipRules.Newest;

    /// <summary>Per-field rules: the key a field as <see cref="RecordField.Parse"/> reads it (<c>Email</c>,
    /// <c>first_name</c>, a custom field's name, <c>custom:name</c>), the value a rule name. <c>OwnerId</c> is
    /// <see cref="SurvivorshipRules.Keep"/> unless set here.</summary>
    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The instances in priority order, first wins, for <see cref="SurvivorshipRules.SourcePriority"/>
    /// (required when a field uses it).</summary>
    public List<string> SourcePriority { get; } = [];

    /// <summary>How the surviving record of an instance holding several of the records is chosen:
    /// <see cref="MostCompleteSurvivor"/>, <see cref="OldestSurvivor"/> or <see cref="NewestSurvivor"/>. A tie chooses
    /// none: the caller decides with <see cref="MergeProposal.ChooseSurvivor"/>.</summary>
    /// <value>The default value is <see cref="MostCompleteSurvivor"/>.</value>
    public string Survivor { get; set; } = MostCompleteSurvivor;

    /// <summary>Whether applying a merge deletes the records that did not survive (through
    /// <see cref="IContactClient.DeleteAsync"/>, after their instance's survivor was written), instead of leaving
    /// them as they are.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DeleteLosers { get; set; }

    /// <summary>The custom rules added in code, by name (not bound from configuration: delegates are code).</summary>
    internal IReadOnlyDictionary<string, SurvivorshipRule> CustomRules => _customRules;

    /// <summary>Adds a custom survivorship rule that <see cref="DefaultRule"/> and <see cref="Fields"/> (and
    /// configuration) can name.</summary>
    /// <param name="name">The rule's name; not a built-in one.</param>
    /// <param name="rule">The rule.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentException">The name is blank or a built-in rule's name.</exception>
    public ContactMergeOptions AddRule(string name, SurvivorshipRule rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rule);
        if (SurvivorshipRules.BuiltIn.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{name}' is a built-in survivorship rule; give the custom rule another name.", nameof(name));
        }

        _customRules[name.Trim()] = rule;
        return this;
    }

    /// <summary>Sets the rule of one field.</summary>
    /// <param name="field">The field.</param>
    /// <param name="rule">The rule's name.</param>
    /// <returns>These options.</returns>
    public ContactMergeOptions SetRule(RecordField field, string rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        Fields[field.ToString()] = rule;
        return this;
    }

    /// <summary>Every problem with these options, each naming its configuration path and the fix.</summary>
    /// <param name="path">The configuration path the options bind from.</param>
    /// <returns>The problems; empty when the options are usable.</returns>
    public IEnumerable<string> Validate(string path = "Martech:DataQuality:Merge")
    {
        bool usesPriority = false;
        if (RuleProblem(DefaultRule, $"{path}:DefaultRule") is { } defaultProblem)
        {
            yield return defaultProblem;
        }

        usesPriority |= IsRule(DefaultRule, SurvivorshipRules.SourcePriority);
        foreach ((string name, string rule) in Fields)
        {
            if (!RecordField.TryParse(name, out RecordField field, out string? error))
            {
                yield return $"{path}:Fields: {error}";
                continue;
            }

            if (Unmergeable.Contains(field) || !field.AppliesToContacts)
            {
                yield return $"{path}:Fields:{name}: {field.Name} cannot be merged (ids, creation and update times are the vendor's, and contacts have no ContactId, Status, Source or Score); remove the entry.";
            }

            if (RuleProblem(rule, $"{path}:Fields:{name}") is { } problem)
            {
                yield return problem;
            }

            usesPriority |= IsRule(rule, SurvivorshipRules.SourcePriority);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < SourcePriority.Count; i++)
        {
            string instance = SourcePriority[i];
            if (string.IsNullOrWhiteSpace(instance))
            {
                yield return $"{path}:SourcePriority:{i} is empty; name a provider instance, such as HubSpot.";
            }
            else if (!seen.Add(instance.Trim()))
            {
                yield return $"{path}:SourcePriority:{i} names '{instance}' a second time; list each instance once.";
            }
        }

        if (usesPriority && SourcePriority.Count == 0)
        {
            yield return $"{path}:SourcePriority is empty but a field uses the SourcePriority rule; list the instances, first wins, such as [\"HubSpot\", \"Pipedrive\"].";
        }

        if (!IsRule(Survivor, MostCompleteSurvivor) && !IsRule(Survivor, OldestSurvivor) && !IsRule(Survivor, NewestSurvivor))
        {
            yield return $"{path}:Survivor is '{Survivor}', which is not a survivor choice; use MostComplete, Oldest or Newest.";
        }
    }

    /// <summary>The rule name of a field.</summary>
    internal string RuleOf(RecordField field)
    {
        foreach ((string name, string rule) in Fields)
        {
            if (RecordField.TryParse(name, out RecordField parsed, out _) && parsed == field)
            {
                return rule.Trim();
            }
        }

        return field == RecordField.OwnerId ? SurvivorshipRules.Keep : DefaultRule.Trim();
    }

    internal static bool IsRule(string? name, string rule) => string.Equals(name?.Trim(), rule, StringComparison.OrdinalIgnoreCase);

    private string? RuleProblem(string? rule, string at)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return $"{at} is empty; name a survivorship rule: {string.Join(", ", SurvivorshipRules.BuiltIn)}, or a rule added with AddRule.";
        }

        string trimmed = rule.Trim();
        return SurvivorshipRules.BuiltIn.Contains(trimmed, StringComparer.OrdinalIgnoreCase) || _customRules.ContainsKey(trimmed)
            ? null
            : $"{at} names the rule '{trimmed}', which is neither built in ({string.Join(", ", SurvivorshipRules.BuiltIn)}) nor added in code{(_customRules.Count == 0 ? string.Empty : $" ({string.Join(", ", _customRules.Keys)})")}; fix the name, or add the rule with ContactMergeOptions.AddRule(\"{trimmed}\", ...).";
    }
}
