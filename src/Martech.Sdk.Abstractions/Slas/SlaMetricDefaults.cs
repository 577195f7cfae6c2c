namespace Martech.Sdk;

/// <summary>The start, pause, resume, stop and cancel conditions of each standard metric, used where a policy leaves
/// them out (the table in <c>docs/slas.md</c>).</summary>
internal static class SlaMetricDefaults
{
    private static readonly SlaCondition[] None = [];
    private static readonly SlaCondition[] OnCreated = [SlaCondition.On(SlaItemEventType.Created)];
    private static readonly SlaCondition[] OnClosed = [SlaCondition.On(SlaItemEventType.Closed)];
    private static readonly SlaCondition[] OnPaused = [SlaCondition.On(SlaItemEventType.Paused)];
    private static readonly SlaCondition[] OnResumed = [SlaCondition.On(SlaItemEventType.Resumed)];
    private static readonly SlaCondition[] OnInbound = [SlaCondition.On(SlaItemEventType.MessageReceived)];
    private static readonly SlaCondition[] OnReply = [SlaCondition.On(SlaItemEventType.Responded), SlaCondition.On(SlaItemEventType.MessageSent)];

    // The first touch of a lead: its status leaves "new", someone records a touch or a reply, or a message or email goes
    // out to it.
    private static readonly SlaCondition[] OnTouch =
    [
        SlaCondition.StatusLeaves("new"),
        SlaCondition.On(SlaItemEventType.Touched),
        SlaCondition.On(SlaItemEventType.Responded),
        SlaCondition.On(SlaItemEventType.MessageSent),
    ];

    private static readonly SlaCondition[] OnQualified = [SlaCondition.StatusBecomes("qualified", "converted", "unqualified")];

    public static IReadOnlyList<string> Known { get; } =
        [SlaMetric.FirstResponse.Value, SlaMetric.NextResponse.Value, SlaMetric.PeriodicUpdate.Value, SlaMetric.Resolution.Value, SlaMetric.TimeToFirstTouch.Value, SlaMetric.TimeToQualification.Value];

    public static bool IsKnown(SlaMetric metric) => Known.Contains(metric.Value, StringComparer.OrdinalIgnoreCase);

    public static bool IsLeadMetric(SlaMetric metric) => metric == SlaMetric.TimeToFirstTouch || metric == SlaMetric.TimeToQualification;

    public static IReadOnlyList<SlaCondition> Start(SlaMetric m) =>
        m == SlaMetric.FirstResponse || m == SlaMetric.NextResponse ? OnInbound
        : m == SlaMetric.PeriodicUpdate ? OnReply
        : m == SlaMetric.Resolution || IsLeadMetric(m) ? OnCreated
        : None;

    public static IReadOnlyList<SlaCondition> Stop(SlaMetric m) =>
        m == SlaMetric.FirstResponse || m == SlaMetric.NextResponse || m == SlaMetric.PeriodicUpdate ? OnReply
        : m == SlaMetric.Resolution ? OnClosed
        : m == SlaMetric.TimeToFirstTouch ? OnTouch
        : m == SlaMetric.TimeToQualification ? OnQualified
        : None;

    public static IReadOnlyList<SlaCondition> Pause(SlaMetric m) => IsLeadMetric(m) || !IsKnown(m) ? None : OnPaused;

    public static IReadOnlyList<SlaCondition> Resume(SlaMetric m) => IsLeadMetric(m) || !IsKnown(m) ? None : OnResumed;

    public static IReadOnlyList<SlaCondition> Cancel(SlaMetric m) => m == SlaMetric.Resolution || !IsKnown(m) ? None : OnClosed;

    public static bool Recurring(SlaMetric m) => m == SlaMetric.NextResponse || m == SlaMetric.PeriodicUpdate;

    public static SlaMatch AppliesTo(SlaMetric m) => IsLeadMetric(m) ? new SlaMatch { Kind = SlaItemKind.Lead } : SlaMatch.Any;
}
