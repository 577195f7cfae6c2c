using System.Globalization;

namespace Martech.Sdk;

// The configuration shape of Martech:Leads:Scoring, bound with the binding source generator. Every value is read as text
// here, so a wrong one is reported with its path and the fix instead of a binder exception.
internal sealed class LeadScoringSettings
{
    public string? MqlThreshold { get; set; }

    public string? SqlThreshold { get; set; }

    public string? ScoreWebhookEvents { get; set; }

    public string? WriteScoreTo { get; set; }

    public GradeSettings? Grades { get; set; }

    public FitSettings? Fit { get; set; }

    public EngagementSettings? Engagement { get; set; }

    /// <summary>Applies what is configured to the options (rules before those added in code) and returns the problems,
    /// each named by its path.</summary>
    public List<string> ApplyTo(LeadScoringOptions options, string path)
    {
        var problems = new List<string>();
        if (Int(MqlThreshold, $"{path}:MqlThreshold", "50", problems) is { } mql)
        {
            options.MqlThreshold = mql;
        }

        if (Int(SqlThreshold, $"{path}:SqlThreshold", "80", problems) is { } sql)
        {
            options.SqlThreshold = sql;
        }

        if (ScoreWebhookEvents is not null)
        {
            if (bool.TryParse(ScoreWebhookEvents.Trim(), out bool score))
            {
                options.ScoreWebhookEvents = score;
            }
            else
            {
                problems.Add($"{path}:ScoreWebhookEvents must be true or false (was '{ScoreWebhookEvents}').");
            }
        }

        if (!string.IsNullOrWhiteSpace(WriteScoreTo))
        {
            options.WriteScoreTo = WriteScoreTo.Trim();
        }

        if (Grades is not null)
        {
            options.FitGradeA = Int(Grades.FitA, $"{path}:Grades:FitA", "60", problems) ?? options.FitGradeA;
            options.FitGradeB = Int(Grades.FitB, $"{path}:Grades:FitB", "30", problems) ?? options.FitGradeB;
            options.EngagementGrade1 = Int(Grades.Engagement1, $"{path}:Grades:Engagement1", "60", problems) ?? options.EngagementGrade1;
            options.EngagementGrade2 = Int(Grades.Engagement2, $"{path}:Grades:Engagement2", "30", problems) ?? options.EngagementGrade2;
        }

        if (Fit is not null)
        {
            options.FitCap = Int(Fit.Cap, $"{path}:Fit:Cap", "100", problems) ?? options.FitCap;
            options.FitGroupCaps = Caps(Fit.GroupCaps, options.FitGroupCaps, $"{path}:Fit:GroupCaps", problems);
            var rules = new List<FitScoringRule>();
            foreach ((string name, FitRuleSettings rule) in Fit.Rules)
            {
                if (rule.ToRule(name, $"{path}:Fit:Rules:{name}", problems) is { } built)
                {
                    rules.Add(built);
                }
            }

            options.FitRules = [.. rules, .. options.FitRules];
        }

        if (Engagement is not null)
        {
            options.EngagementCap = Int(Engagement.Cap, $"{path}:Engagement:Cap", "100", problems) ?? options.EngagementCap;
            options.EngagementGroupCaps = Caps(Engagement.GroupCaps, options.EngagementGroupCaps, $"{path}:Engagement:GroupCaps", problems);
            if (Engagement.Decay is not null)
            {
                options.Decay = Decay(Engagement.Decay, $"{path}:Engagement:Decay", problems) ?? options.Decay;
            }

            var rules = new List<EngagementScoringRule>();
            foreach ((string name, EngagementRuleSettings rule) in Engagement.Rules)
            {
                if (rule.ToRule(name, $"{path}:Engagement:Rules:{name}", problems) is { } built)
                {
                    rules.Add(built);
                }
            }

            options.EngagementRules = [.. rules, .. options.EngagementRules];
        }

        return problems;
    }

    internal static int? Int(string? text, string path, string example, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        problems.Add($"{path} ('{text}') is not a whole number, such as {example}.");
        return null;
    }

    internal static double? Number(string? text, string path, string example, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        problems.Add($"{path} ('{text}') is not a number, such as {example} (a dot for decimals).");
        return null;
    }

    internal static ScoreDecay? Decay(string text, string path, List<string> problems)
    {
        if (ScoreDecay.TryParse(text, out ScoreDecay decay, out string? error))
        {
            return decay;
        }

        problems.Add($"{path}: {error}");
        return null;
    }

    private static IReadOnlyDictionary<string, int> Caps(Dictionary<string, string> configured, IReadOnlyDictionary<string, int> code, string path, List<string> problems)
    {
        if (configured.Count == 0)
        {
            return code;
        }

        var caps = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach ((string group, string text) in configured)
        {
            if (Int(text, $"{path}:{group}", "30", problems) is { } cap)
            {
                caps[group] = cap;
            }
        }

        foreach ((string group, int cap) in code)
        {
            caps[group] = cap;
        }

        return caps;
    }
}

internal sealed class GradeSettings
{
    public string? FitA { get; set; }

    public string? FitB { get; set; }

    public string? Engagement1 { get; set; }

    public string? Engagement2 { get; set; }
}

internal sealed class FitSettings
{
    public string? Cap { get; set; }

    public Dictionary<string, string> GroupCaps { get; set; } = [];

    public Dictionary<string, FitRuleSettings> Rules { get; set; } = [];
}

internal sealed class EngagementSettings
{
    public string? Cap { get; set; }

    public string? Decay { get; set; }

    public Dictionary<string, string> GroupCaps { get; set; } = [];

    public Dictionary<string, EngagementRuleSettings> Rules { get; set; } = [];
}

internal sealed class FitRuleSettings
{
    private static readonly string OperatorNames = string.Join(", ", Enum.GetNames<FitOperator>());

    public string? Field { get; set; }

    public string? Operator { get; set; }

    public string? Value { get; set; }

    public List<string> Values { get; set; } = [];

    public string? Min { get; set; }

    public string? Max { get; set; }

    public string? Points { get; set; }

    public string? Group { get; set; }

    public FitScoringRule? ToRule(string name, string path, List<string> problems)
    {
        int before = problems.Count;
        RecordField field = default;
        if (string.IsNullOrWhiteSpace(Field))
        {
            problems.Add($"{path}:Field is required: a standard field (Email, Company, JobTitle, Source, ...) or a custom field's name.");
        }
        else if (!RecordField.TryParse(Field, out field, out string? error))
        {
            problems.Add($"{path}:Field: {error}");
        }

        FitOperator op = default;
        if (string.IsNullOrWhiteSpace(Operator))
        {
            problems.Add($"{path}:Operator is required: one of {OperatorNames}.");
        }
        else if (!TryOperator(Operator, out op))
        {
            problems.Add($"{path}:Operator '{Operator}' is not an operator: use one of {OperatorNames}.");
        }

        int? points = LeadScoringSettings.Int(Points, $"{path}:Points", "20", problems);
        if (Points is null)
        {
            problems.Add($"{path}:Points is required: the points the rule adds, such as 20 (negative to take away).");
        }

        double? min = LeadScoringSettings.Number(Min, $"{path}:Min", "200", problems);
        double? max = LeadScoringSettings.Number(Max, $"{path}:Max", "5000", problems);
        if (problems.Count > before)
        {
            return null;
        }

        return new FitScoringRule
        {
            Name = name,
            Field = field,
            Operator = op,
            Values = Value is null ? [.. Values] : [Value, .. Values],
            Min = min,
            Max = max,
            Points = points!.Value,
            Group = string.IsNullOrWhiteSpace(Group) ? null : Group.Trim(),
        };
    }

    private static bool TryOperator(string text, out FitOperator op)
    {
        string normalised = new([.. text.Where(c => c is not (' ' or '_' or '-'))]);
        op = default;
        return normalised.Length > 0 && !char.IsDigit(normalised[0]) && Enum.TryParse(normalised, ignoreCase: true, out op) && Enum.IsDefined(op);
    }
}

internal sealed class EngagementRuleSettings
{
    private static readonly string ActivityNames = string.Join(", ", Enum.GetNames<EngagementActivity>());

    public string? Activity { get; set; }

    public string? Points { get; set; }

    public string? Group { get; set; }

    public List<string> FormIds { get; set; } = [];

    public List<string> CampaignIds { get; set; } = [];

    public List<string> UrlContains { get; set; } = [];

    public string? CountMachineActivity { get; set; }

    public string? Decay { get; set; }

    public CapSettings? Cap { get; set; }

    public EngagementScoringRule? ToRule(string name, string path, List<string> problems)
    {
        int before = problems.Count;
        EngagementActivity activity = default;
        if (string.IsNullOrWhiteSpace(Activity))
        {
            problems.Add($"{path}:Activity is required: one of {ActivityNames}.");
        }
        else if (!Enum.TryParse(Activity.Trim(), ignoreCase: true, out activity) || !Enum.IsDefined(activity) || char.IsDigit(Activity.Trim()[0]))
        {
            problems.Add($"{path}:Activity '{Activity}' is not an activity: use one of {ActivityNames}.");
        }

        int? points = LeadScoringSettings.Int(Points, $"{path}:Points", "5", problems);
        if (Points is null)
        {
            problems.Add($"{path}:Points is required: the points each event adds, such as 5.");
        }

        bool machines = false;
        if (CountMachineActivity is not null && !bool.TryParse(CountMachineActivity.Trim(), out machines))
        {
            problems.Add($"{path}:CountMachineActivity must be true or false (was '{CountMachineActivity}').");
        }

        ScoreDecay? decay = Decay is null ? null : LeadScoringSettings.Decay(Decay, $"{path}:Decay", problems);
        ScoringFrequencyCap? cap = Cap?.ToCap($"{path}:Cap", problems);
        if (problems.Count > before)
        {
            return null;
        }

        return new EngagementScoringRule
        {
            Name = name,
            Activity = activity,
            Points = points!.Value,
            Group = string.IsNullOrWhiteSpace(Group) ? null : Group.Trim(),
            FormIds = [.. FormIds],
            CampaignIds = [.. CampaignIds],
            UrlContains = [.. UrlContains],
            CountMachineActivity = machines,
            Decay = decay,
            Cap = cap,
        };
    }
}

internal sealed class CapSettings
{
    public string? MaxOccurrences { get; set; }

    public string? MaxPoints { get; set; }

    public string? Per { get; set; }

    public ScoringFrequencyCap? ToCap(string path, List<string> problems)
    {
        int before = problems.Count;
        int? occurrences = LeadScoringSettings.Int(MaxOccurrences, $"{path}:MaxOccurrences", "3", problems);
        int? points = LeadScoringSettings.Int(MaxPoints, $"{path}:MaxPoints", "15", problems);
        ScoringPeriod per = ScoringPeriod.Day;
        if (Per is not null && (Per.Trim().Length == 0 || !Enum.TryParse(Per.Trim(), ignoreCase: true, out per) || !Enum.IsDefined(per) || char.IsDigit(Per.Trim()[0])))
        {
            problems.Add($"{path}:Per '{Per}' is not a period: use Day, Week or AllTime.");
        }

        return problems.Count > before ? null : new ScoringFrequencyCap { MaxOccurrences = occurrences, MaxPoints = points, Per = per };
    }
}
