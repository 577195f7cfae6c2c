namespace Martech.Sdk;

// The configuration shape of policies (Martech:Slas:Policies:<name>, Martech:Slas:Volumes:<name>), bound with the
// binding source generator and turned into the public records, which validate them.
internal sealed class SlaPolicySettings
{
    public string? Metric { get; set; }

    public TimeSpan? Target { get; set; }

    public string? Calendar { get; set; }

    public TimeSpan? WarnBefore { get; set; }

    public double? WarnAtFraction { get; set; }

    public bool? Recurring { get; set; }

    public SlaMatchSettings? AppliesTo { get; set; }

    public List<SlaTargetSettings> Targets { get; set; } = [];

    public List<SlaConditionSettings>? Start { get; set; }

    public List<SlaConditionSettings>? Pause { get; set; }

    public List<SlaConditionSettings>? Resume { get; set; }

    public List<SlaConditionSettings>? Stop { get; set; }

    public List<SlaConditionSettings>? Reset { get; set; }

    public List<SlaConditionSettings>? Cancel { get; set; }

    public SlaPolicy ToPolicy(string name) => new()
    {
        Name = name,
        Metric = string.IsNullOrWhiteSpace(Metric) ? default : new SlaMetric(Metric),
        Target = Target ?? TimeSpan.Zero,
        Calendar = Calendar,
        WarnBefore = WarnBefore,
        WarnAtFraction = WarnAtFraction,
        Recurring = Recurring,
        AppliesTo = AppliesTo?.ToMatch(),
        Targets = [.. Targets.Select(t => new SlaTargetRule { When = t.ToMatch(), Target = t.Target ?? TimeSpan.Zero })],
        Start = Conditions(Start),
        Pause = Conditions(Pause),
        Resume = Conditions(Resume),
        Stop = Conditions(Stop),
        Reset = Conditions(Reset),
        Cancel = Conditions(Cancel),
    };

    private static SlaCondition[]? Conditions(List<SlaConditionSettings>? settings) => settings?.Select(c => c.ToCondition()).ToArray();
}

internal class SlaMatchSettings
{
    public string? Kind { get; set; }

    public List<string> Statuses { get; set; } = [];

    public List<string> Sources { get; set; } = [];

    public List<string> Owners { get; set; } = [];

    public List<string> Priorities { get; set; } = [];

    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public SlaMatch ToMatch() => new()
    {
        Kind = string.IsNullOrWhiteSpace(Kind) ? null : new SlaItemKind(Kind),
        Statuses = [.. Statuses],
        Sources = [.. Sources],
        Owners = [.. Owners],
        Priorities = [.. Priorities],
        Fields = new Dictionary<string, string>(Fields, StringComparer.OrdinalIgnoreCase),
    };
}

internal sealed class SlaTargetSettings : SlaMatchSettings
{
    public TimeSpan? Target { get; set; }
}

internal sealed class SlaConditionSettings
{
    public string? Event { get; set; }

    public List<string> Statuses { get; set; } = [];

    public List<string> NotStatuses { get; set; } = [];

    public List<string> FromStatuses { get; set; } = [];

    public SlaCondition ToCondition() => new()
    {
        Event = string.IsNullOrWhiteSpace(Event) ? default : new SlaItemEventType(Event),
        Statuses = [.. Statuses],
        NotStatuses = [.. NotStatuses],
        FromStatuses = [.. FromStatuses],
    };
}

internal sealed class SlaVolumePolicySettings
{
    public SlaVolumeMeasure? Measure { get; set; }

    public string? Status { get; set; }

    public string? ClockPolicy { get; set; }

    public double? Minimum { get; set; }

    public double? Maximum { get; set; }

    public SlaPeriod? Period { get; set; }

    public string? TimeZone { get; set; }

    public SlaVolumePolicy ToPolicy(string name) => new()
    {
        Name = name,
        Measure = Measure ?? (SlaVolumeMeasure)(-1),
        Status = Status,
        ClockPolicy = ClockPolicy,
        Minimum = Minimum,
        Maximum = Maximum,
        Period = Period ?? SlaPeriod.Month,
        TimeZone = TimeZone ?? "UTC",
    };
}
