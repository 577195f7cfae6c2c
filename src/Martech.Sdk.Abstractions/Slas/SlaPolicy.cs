namespace Martech.Sdk;

/// <summary>
/// A time SLA: what it measures, the target (business time in a named calendar, or wall-clock time), per-priority or
/// per-segment targets, when an item is at risk, which items it applies to, and the events that start, pause, resume,
/// stop, reset and cancel its clock. Conditions left <see langword="null"/> take the metric's defaults
/// (<c>docs/slas.md</c> lists them); an empty list means "never".
/// </summary>
/// <example>
/// <code>
/// new SlaPolicy { Name = "mql-first-touch", Metric = SlaMetric.TimeToFirstTouch, Target = TimeSpan.FromHours(4), Calendar = "sales" }
/// </code>
/// </example>
public sealed record SlaPolicy
{
    /// <summary>The policy's name: what transitions, stored state and configuration (<c>Martech:Slas:Policies:&lt;name&gt;</c>)
    /// know it by.</summary>
    public required string Name { get; init; }

    /// <summary>What the clock measures.</summary>
    public required SlaMetric Metric { get; init; }

    /// <summary>The default target, when no rule of <see cref="Targets"/> matches.</summary>
    public required TimeSpan Target { get; init; }

    /// <summary>The business calendar targets count in, by name; <see langword="null"/> for wall-clock time.</summary>
    public string? Calendar { get; init; }

    /// <summary>Targets per priority or segment, first match wins.</summary>
    public IReadOnlyList<SlaTargetRule> Targets { get; init; } = [];

    /// <summary>The clock is at risk when this much of the target (business time) or less remains. At most one of this
    /// and <see cref="WarnAtFraction"/>.</summary>
    public TimeSpan? WarnBefore { get; init; }

    /// <summary>The clock is at risk once this fraction of the target has elapsed, such as 0.75. At most one of this and
    /// <see cref="WarnBefore"/>.</summary>
    public double? WarnAtFraction { get; init; }

    /// <summary>Which items the policy applies to.</summary>
    /// <value>The default value is every item of the kind the metric is about: leads for the lead metrics, any kind for
    /// the others.</value>
    public SlaMatch? AppliesTo { get; init; }

    /// <summary>What starts the clock; <see langword="null"/> for the metric's default.</summary>
    public IReadOnlyList<SlaCondition>? Start { get; init; }

    /// <summary>What pauses it; paused time does not count.</summary>
    public IReadOnlyList<SlaCondition>? Pause { get; init; }

    /// <summary>What resumes a paused clock.</summary>
    public IReadOnlyList<SlaCondition>? Resume { get; init; }

    /// <summary>What stops it: met when stopped by the due time, breached when later.</summary>
    public IReadOnlyList<SlaCondition>? Stop { get; init; }

    /// <summary>What restarts it from zero: the running cycle is dropped and a new one starts at the event.</summary>
    public IReadOnlyList<SlaCondition>? Reset { get; init; }

    /// <summary>What cancels it: the cycle ends neither met nor breached (the lead was deleted, the chat closed).</summary>
    public IReadOnlyList<SlaCondition>? Cancel { get; init; }

    /// <summary>Whether a start after the clock stopped begins a new cycle (next response, periodic update);
    /// <see langword="null"/> for the metric's default.</summary>
    public bool? Recurring { get; init; }

    /// <summary>The target for an item: the first matching rule's, else <see cref="Target"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The target.</returns>
    public TimeSpan TargetFor(SlaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        for (int i = 0; i < Targets.Count; i++)
        {
            if (Targets[i].When.Matches(item))
            {
                return Targets[i].Target;
            }
        }

        return Target;
    }

    internal TimeSpan TargetFor(SlaItemFields item)
    {
        for (int i = 0; i < Targets.Count; i++)
        {
            if (Targets[i].When.Matches(item))
            {
                return Targets[i].Target;
            }
        }

        return Target;
    }

    /// <summary>Describes what is wrong with the policy, each problem named by its path.</summary>
    /// <param name="path">Where the policy is, such as <c>Martech:Slas:Policies:mql-first-touch</c>.</param>
    /// <returns>One message per problem; none when the policy is valid.</returns>
    public IEnumerable<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string p = path;
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{p}:{nameof(Name)} is required.";
        }

        if (string.IsNullOrEmpty(Metric.Value))
        {
            yield return $"{p}:{nameof(Metric)} is required, such as time_to_first_touch or first_response.";
        }
        else if (!SlaMetricDefaults.IsKnown(Metric) && (Start is null || Stop is null))
        {
            yield return $"{p}:{nameof(Metric)} '{Metric}' is not a standard metric ({string.Join(", ", SlaMetricDefaults.Known)}), so {p}:{nameof(Start)} and {p}:{nameof(Stop)} must be given.";
        }

        if (Target <= TimeSpan.Zero)
        {
            yield return $"{p}:{nameof(Target)} must be positive, such as 04:00:00 (was {Target}).";
        }

        if (Calendar is not null && string.IsNullOrWhiteSpace(Calendar))
        {
            yield return $"{p}:{nameof(Calendar)} must be a calendar name or left out for wall-clock time.";
        }

        if (Targets is null)
        {
            yield return $"{p}:{nameof(Targets)} must not be null.";
        }
        else
        {
            for (int i = 0; i < Targets.Count; i++)
            {
                SlaTargetRule? rule = Targets[i];
                if (rule?.When is null)
                {
                    yield return $"{p}:{nameof(Targets)}:{i} needs a match (When).";
                    continue;
                }

                if (rule.Target <= TimeSpan.Zero)
                {
                    yield return $"{p}:{nameof(Targets)}:{i}:{nameof(SlaTargetRule.Target)} must be positive (was {rule.Target}).";
                }

                foreach (string problem in rule.When.Validate($"{p}:{nameof(Targets)}:{i}"))
                {
                    yield return problem;
                }
            }
        }

        if (WarnBefore is not null && WarnAtFraction is not null)
        {
            yield return $"{p}: set {nameof(WarnBefore)} or {nameof(WarnAtFraction)}, not both.";
        }

        if (WarnBefore is { } before && before <= TimeSpan.Zero)
        {
            yield return $"{p}:{nameof(WarnBefore)} must be positive (was {before}).";
        }
        else if (WarnBefore is { } warn)
        {
            // A warning as long as the target would put every clock at risk from its start.
            if (Target > TimeSpan.Zero && warn >= Target)
            {
                yield return $"{p}:{nameof(WarnBefore)} must be shorter than {nameof(Target)} (was {warn}, target {Target}).";
            }

            for (int i = 0; Targets is not null && i < Targets.Count; i++)
            {
                if (Targets[i] is { } rule && rule.Target > TimeSpan.Zero && warn >= rule.Target)
                {
                    yield return $"{p}:{nameof(WarnBefore)} must be shorter than {p}:{nameof(Targets)}:{i}:{nameof(SlaTargetRule.Target)} (was {warn}, target {rule.Target}).";
                }
            }
        }

        if (WarnAtFraction is { } fraction && (double.IsNaN(fraction) || fraction <= 0 || fraction >= 1))
        {
            yield return $"{p}:{nameof(WarnAtFraction)} must be between 0 and 1, such as 0.75 (was {fraction}).";
        }

        if (AppliesTo is not null)
        {
            foreach (string problem in AppliesTo.Validate($"{p}:{nameof(AppliesTo)}"))
            {
                yield return problem;
            }
        }

        foreach ((string name, IReadOnlyList<SlaCondition>? conditions) in new[] { (nameof(Start), Start), (nameof(Pause), Pause), (nameof(Resume), Resume), (nameof(Stop), Stop), (nameof(Reset), Reset), (nameof(Cancel), Cancel) })
        {
            if (conditions is null)
            {
                continue;
            }

            for (int i = 0; i < conditions.Count; i++)
            {
                if (conditions[i] is null)
                {
                    yield return $"{p}:{name}:{i} is null.";
                    continue;
                }

                foreach (string problem in conditions[i].Validate($"{p}:{name}:{i}"))
                {
                    yield return problem;
                }
            }
        }

        if (Start is { Count: 0 })
        {
            yield return $"{p}:{nameof(Start)} is empty, so the clock never starts: leave it out for the metric's default.";
        }
    }

    /// <summary>Throws when the policy is invalid.</summary>
    /// <exception cref="ArgumentException">Names every problem.</exception>
    public void ThrowIfInvalid()
    {
        var problems = Validate($"SlaPolicy '{Name}'").ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), "policy");
        }
    }
}
