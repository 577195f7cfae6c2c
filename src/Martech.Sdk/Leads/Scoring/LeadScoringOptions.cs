namespace Martech.Sdk;

/// <summary>
/// The scoring model: fit rules on the record's fields, engagement rules on events, decay, caps, the MQL and SQL
/// thresholds and the grade bands. Bound from <c>Martech:Leads:Scoring</c> by <c>AddLeadScoring()</c> (rules from
/// configuration first, then those added in code) and validated when the host starts.
/// </summary>
/// <remarks>
/// A score is worked out in this order: each fit rule that matches adds its points; each engagement event in the ledger
/// adds its rule's points, cut by the rule's frequency cap (events in time order), then decayed by its age; each group's
/// sum is cut to its group cap; each dimension's sum is cut to <see cref="FitCap"/> or <see cref="EngagementCap"/>. The
/// total is fit + engagement rounded to a whole number (halves away from zero). Caps limit only from above.
/// </remarks>
public sealed class LeadScoringOptions
{
    private static readonly IReadOnlyDictionary<string, int> NoCaps = new Dictionary<string, int>(0);

    /// <summary>The fit rules, in the order explanations list them.</summary>
    public IReadOnlyList<FitScoringRule> FitRules { get; set; } = [];

    /// <summary>The engagement rules.</summary>
    public IReadOnlyList<EngagementScoringRule> EngagementRules { get; set; } = [];

    /// <summary>Caps on what the fit rules of a group add together, by group name (case ignored).</summary>
    public IReadOnlyDictionary<string, int> FitGroupCaps { get; set; } = NoCaps;

    /// <summary>Caps on what the engagement rules of a group add together, by group name (case ignored).</summary>
    public IReadOnlyDictionary<string, int> EngagementGroupCaps { get; set; } = NoCaps;

    /// <summary>The most fit points a record can have; <see langword="null"/> for no cap.</summary>
    public int? FitCap { get; set; }

    /// <summary>The most engagement points a person can have; <see langword="null"/> for no cap.</summary>
    public int? EngagementCap { get; set; }

    /// <summary>How engagement points fade, for rules that set no <see cref="EngagementScoringRule.Decay"/>.</summary>
    /// <value>The default is <see cref="ScoreDecay.None"/>.</value>
    public ScoreDecay Decay { get; set; }

    /// <summary>The total at or above which a lead is marketing-qualified.</summary>
    /// <value>The default is 50.</value>
    public int MqlThreshold { get; set; } = 50;

    /// <summary>The total at or above which a lead is sales-qualified; above <see cref="MqlThreshold"/>.
    /// <see langword="null"/> (the default) for no SQL stage.</summary>
    public int? SqlThreshold { get; set; }

    /// <summary>The fit points at or above which the fit grade is A.</summary>
    /// <value>The default is 60.</value>
    public int FitGradeA { get; set; } = 60;

    /// <summary>The fit points at or above which the fit grade is B (below: C); below <see cref="FitGradeA"/>.</summary>
    /// <value>The default is 30.</value>
    public int FitGradeB { get; set; } = 30;

    /// <summary>The engagement points at or above which the engagement grade is 1.</summary>
    /// <value>The default is 60.</value>
    public int EngagementGrade1 { get; set; } = 60;

    /// <summary>The engagement points at or above which the engagement grade is 2 (below: 3); below
    /// <see cref="EngagementGrade1"/>.</summary>
    /// <value>The default is 30.</value>
    public int EngagementGrade2 { get; set; } = 30;

    /// <summary>Whether <c>AddLeadScoring()</c> records the events the webhook inbox dispatches.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ScoreWebhookEvents { get; set; } = true;

    /// <summary>The provider instance (such as <c>"HubSpot"</c>) whose <see cref="ILeadClient"/> receives each scored
    /// lead's total as <see cref="Lead.Score"/> (<see cref="ILeadClient.UpdateAsync"/>, only when it differs from the
    /// lead's); <see langword="null"/> (the default) writes nothing. Used by <c>AddLeadScoring()</c>; checked at start.</summary>
    public string? WriteScoreTo { get; set; }

    /// <summary>Adds a fit rule after those already present.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>These options.</returns>
    public LeadScoringOptions Add(FitScoringRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        FitRules = [.. FitRules, rule];
        return this;
    }

    /// <summary>Adds an engagement rule after those already present.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>These options.</returns>
    public LeadScoringOptions Add(EngagementScoringRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        EngagementRules = [.. EngagementRules, rule];
        return this;
    }

    /// <summary>Checks the model; each problem names its path under <paramref name="path"/> and the fix.</summary>
    /// <param name="path">The configuration path, such as <c>Martech:Leads:Scoring</c>.</param>
    /// <returns>The problems; empty when the model is usable.</returns>
    public IEnumerable<string> Validate(string path)
    {
        var problems = new List<string>();
        IReadOnlyList<FitScoringRule> fit = FitRules ?? [];
        IReadOnlyList<EngagementScoringRule> engagement = EngagementRules ?? [];
        if (fit.Count == 0 && engagement.Count == 0)
        {
            problems.Add($"{path} has no rules: add fit rules under {path}:Fit:Rules:<name> (Field, Operator, Values, Points) and/or engagement rules under {path}:Engagement:Rules:<name> (Activity, Points), or in code with options.Add(...).");
        }

        for (int i = 0; i < fit.Count; i++)
        {
            problems.AddRange(fit[i] is null ? [$"{path}:Fit:Rules:{i} is null."] : fit[i].Validate(RulePath(path, "Fit", fit[i].Name, i)));
        }

        for (int i = 0; i < engagement.Count; i++)
        {
            problems.AddRange(engagement[i] is null ? [$"{path}:Engagement:Rules:{i} is null."] : engagement[i].Validate(RulePath(path, "Engagement", engagement[i].Name, i)));
        }

        IEnumerable<string> names = fit.Where(r => r is not null).Select(r => r.Name).Concat(engagement.Where(r => r is not null).Select(r => r.Name)).Where(n => !string.IsNullOrWhiteSpace(n));
        foreach (string name in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"{path}: two rules are named '{name}': give each rule its own name (explanations and the ledger name rules).");
        }

        GroupCaps(path, "Fit", FitGroupCaps, fit.Where(r => r is not null).Select(r => r.Group), problems);
        GroupCaps(path, "Engagement", EngagementGroupCaps, engagement.Where(r => r is not null).Select(r => r.Group), problems);
        if (FitCap is < 1)
        {
            problems.Add($"{path}:Fit:Cap must be at least 1 (was {FitCap}); leave it out for no cap.");
        }

        if (EngagementCap is < 1)
        {
            problems.Add($"{path}:Engagement:Cap must be at least 1 (was {EngagementCap}); leave it out for no cap.");
        }

        if (MqlThreshold < 1)
        {
            problems.Add($"{path}:MqlThreshold must be at least 1 (was {MqlThreshold}).");
        }

        if (SqlThreshold is { } sql && sql <= MqlThreshold)
        {
            problems.Add($"{path}:SqlThreshold ({sql}) must be above MqlThreshold ({MqlThreshold}): thresholds are out of order; raise SqlThreshold or lower MqlThreshold.");
        }

        if (FitGradeB < 1 || FitGradeA <= FitGradeB)
        {
            problems.Add($"{path}:Grades:FitA ({FitGradeA}) must be above Grades:FitB ({FitGradeB}), and FitB at least 1: thresholds are out of order (A ≥ FitA > B ≥ FitB > C).");
        }

        if (EngagementGrade2 < 1 || EngagementGrade1 <= EngagementGrade2)
        {
            problems.Add($"{path}:Grades:Engagement1 ({EngagementGrade1}) must be above Grades:Engagement2 ({EngagementGrade2}), and Engagement2 at least 1: thresholds are out of order (1 ≥ Engagement1 > 2 ≥ Engagement2 > 3).");
        }

        if (Decay.Kind != ScoreDecayKind.None && Decay.Period <= TimeSpan.Zero)
        {
            problems.Add($"{path}:Engagement:Decay has no period: write it such as 'HalfLife 30d'.");
        }

        return problems;
    }

    internal void ThrowIfInvalid()
    {
        var problems = Validate("LeadScoringOptions").ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), "options");
        }
    }

    private static string RulePath(string path, string dimension, string? name, int index) =>
        $"{path}:{dimension}:Rules:{(string.IsNullOrWhiteSpace(name) ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : name)}";

    private static void GroupCaps(string path, string dimension, IReadOnlyDictionary<string, int>? caps, IEnumerable<string?> groups, List<string> problems)
    {
        var used = new HashSet<string>(groups.Where(g => g is not null)!, StringComparer.OrdinalIgnoreCase);
        foreach ((string group, int cap) in caps ?? NoCaps)
        {
            if (cap < 1)
            {
                problems.Add($"{path}:{dimension}:GroupCaps:{group} must be at least 1 (was {cap}).");
            }

            if (!used.Contains(group))
            {
                problems.Add($"{path}:{dimension}:GroupCaps:{group} caps a group no {dimension.ToLowerInvariant()} rule belongs to: set Group = \"{group}\" on its rules, or remove the cap (groups: {(used.Count == 0 ? "none" : string.Join(", ", used.Order(StringComparer.OrdinalIgnoreCase)))}).");
            }
        }
    }
}
