using static Martech.Sdk.Tests.Slas.SlaTestData;

namespace Martech.Sdk.Tests.Slas;

/// <summary>The evaluator replays an item's history into a clock: start, pause, resume, stop, reset and cancel, targets
/// per priority, the warning threshold, business time in a calendar, and recomputation after a policy edit.</summary>
public class SlaEvaluatorTests
{
    private static readonly TestBusinessCalendar Office = new("office", new DateOnly(2027, 1, 1));

    [Fact]
    public void FirstTouch_WallClock_TouchedInTime_IsMet()
    {
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"), Event(SlaItemEventType.Touched, "2026-12-07T13:30Z"));

        SlaClock clock = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), null, lead, At("2026-12-08T00:00Z"))!;

        Assert.Equal(SlaClockStatus.Met, clock.Status);
        Assert.Equal((At("2026-12-07T10:00Z"), At("2026-12-07T13:30Z"), At("2026-12-07T13:30Z")), (clock.StartedAt, clock.StoppedAt!.Value, clock.MetAt!.Value));
        Assert.Equal(TimeSpan.FromHours(3.5), clock.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(30), clock.Remaining);
        Assert.Equal(At("2026-12-07T14:00Z"), clock.DueAt);
        Assert.False(clock.IsOpen);
        Assert.Null(clock.BreachedAt);
    }

    [Fact]
    public void FirstTouch_WallClock_NotTouched_IsBreachedAtItsDueTime_WithHowLate()
    {
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"));

        SlaClock clock = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), null, lead, At("2026-12-07T15:15Z"))!;

        Assert.Equal(SlaClockStatus.Breached, clock.Status);
        Assert.True(clock.IsOpen);
        Assert.Equal(At("2026-12-07T14:00Z"), clock.BreachedAt);
        Assert.Equal(At("2026-12-07T14:00Z"), clock.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(75), clock.OverdueBy);
        Assert.Equal(TimeSpan.FromMinutes(75), clock.OverdueBusinessTime);
        Assert.Equal(TimeSpan.Zero, clock.Remaining);
    }

    [Fact]
    public void FirstTouch_TouchedLate_IsBreachedAndClosed()
    {
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"), Status("2026-12-07T16:00Z", "working"));

        SlaClock clock = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), null, lead, At("2026-12-09T00:00Z"))!;

        Assert.Equal((SlaClockStatus.Breached, false), (clock.Status, clock.IsOpen));
        Assert.Equal((At("2026-12-07T14:00Z"), TimeSpan.FromHours(2)), (clock.BreachedAt!.Value, clock.OverdueBy!.Value));
        Assert.Null(clock.MetAt);
    }

    [Fact]
    public void FirstTouch_StopsOnStatusLeavingNew_NotOnAStatusThatStaysNew()
    {
        SlaItem stillNew = Lead(Created("2026-12-07T10:00Z"), Status("2026-12-07T11:00Z", "new"));
        SlaItem working = Lead(Created("2026-12-07T10:00Z"), Status("2026-12-07T11:00Z", "working"));
        SlaItem messaged = Lead(Created("2026-12-07T10:00Z"), Event(SlaItemEventType.MessageSent, "2026-12-07T11:00Z"));

        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(4));
        DateTimeOffset now = At("2026-12-07T12:00Z");

        Assert.Equal(SlaClockStatus.Pending, SlaEvaluator.Evaluate(policy, null, stillNew, now)!.Status);
        Assert.Equal(SlaClockStatus.Met, SlaEvaluator.Evaluate(policy, null, working, now)!.Status);
        Assert.Equal(SlaClockStatus.Met, SlaEvaluator.Evaluate(policy, null, messaged, now)!.Status);
    }

    [Fact]
    public void StoppedExactlyAtTheDueTime_IsMet_OneTickLater_IsBreached()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(1));
        SlaItem onTime = Lead(Created("2026-12-07T10:00Z"), Event(SlaItemEventType.Touched, "2026-12-07T11:00Z"));
        SlaItem late = Lead(Created("2026-12-07T10:00Z"), new SlaItemEvent { Type = SlaItemEventType.Touched, OccurredAt = At("2026-12-07T11:00Z").AddTicks(1) });

        Assert.Equal(SlaClockStatus.Met, SlaEvaluator.Evaluate(policy, null, onTime, At("2026-12-08T00:00Z"))!.Status);
        Assert.Equal(SlaClockStatus.Breached, SlaEvaluator.Evaluate(policy, null, late, At("2026-12-08T00:00Z"))!.Status);
        Assert.Equal(SlaClockStatus.Pending, SlaEvaluator.Evaluate(policy, null, Lead(Created("2026-12-07T10:00Z")), At("2026-12-07T11:00Z"))!.Status);
    }

    [Fact]
    public void Pauses_DoNotCount_AndAreAllKept()
    {
        var policy = new SlaPolicy { Name = "resolve", Metric = SlaMetric.Resolution, Target = TimeSpan.FromHours(2) };
        SlaItem item = Conversation(
            Created("2026-12-07T10:00Z"),
            Event(SlaItemEventType.Paused, "2026-12-07T10:30Z"),
            Event(SlaItemEventType.Resumed, "2026-12-07T12:30Z"),
            Event(SlaItemEventType.Paused, "2026-12-07T13:00Z"),
            Event(SlaItemEventType.Resumed, "2026-12-07T13:10Z"),
            Event(SlaItemEventType.Paused, "2026-12-07T13:20Z"));

        SlaClock paused = SlaEvaluator.Evaluate(policy, null, item, At("2026-12-07T18:00Z"))!;

        Assert.Equal((SlaClockStatus.Paused, true), (paused.Status, paused.IsPaused));
        Assert.Equal(TimeSpan.FromMinutes(70), paused.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(50), paused.Remaining);
        Assert.Null(paused.DueAt);
        Assert.Equal(
            [new SlaPause(At("2026-12-07T10:30Z"), At("2026-12-07T12:30Z")), new SlaPause(At("2026-12-07T13:00Z"), At("2026-12-07T13:10Z")), new SlaPause(At("2026-12-07T13:20Z"), null)],
            paused.Pauses);

        SlaItem resumed = new(item.Kind, item.Id, [.. item.History, Event(SlaItemEventType.Resumed, "2026-12-07T18:00Z")]);
        SlaClock running = SlaEvaluator.Evaluate(policy, null, resumed, At("2026-12-07T18:10Z"))!;
        Assert.Equal((SlaClockStatus.Pending, At("2026-12-07T18:50Z")), (running.Status, running.DueAt!.Value));
    }

    [Fact]
    public void Reset_RestartsTheClockFromZero()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(1)) with { Reset = [SlaCondition.On(SlaItemEventType.OwnerChanged)] };
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"), new SlaItemEvent { Type = SlaItemEventType.OwnerChanged, OccurredAt = At("2026-12-07T10:50Z"), OwnerId = "rep-2" });

        SlaClock clock = SlaEvaluator.Evaluate(policy, null, lead, At("2026-12-07T11:20Z"))!;

        Assert.Equal((SlaClockStatus.Pending, 1), (clock.Status, clock.Resets));
        Assert.Equal(At("2026-12-07T10:50Z"), clock.StartedAt);
        Assert.Equal(At("2026-12-07T11:50Z"), clock.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(30), clock.Elapsed);
    }

    [Fact]
    public void AppliesTo_IsJudgedAsTheCycleStarts_SoAClockScopedToNewLeadsOutlivesTheTouch()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(1)) with { AppliesTo = new SlaMatch { Kind = SlaItemKind.Lead, Statuses = ["new"] } };
        SlaItem touched = Lead(Created("2026-12-07T10:00Z"), Status("2026-12-07T13:00Z", "working"));
        SlaItem createdWorking = Lead(Created("2026-12-07T10:00Z", status: "working"), Status("2026-12-07T11:00Z", "new"));

        SlaClock clock = SlaEvaluator.Evaluate(policy, null, touched, At("2026-12-07T14:00Z"))!;

        Assert.Equal((SlaClockStatus.Breached, At("2026-12-07T13:00Z")), (clock.Status, clock.StoppedAt));
        Assert.Null(SlaEvaluator.Evaluate(policy, null, createdWorking, At("2026-12-07T14:00Z")));
    }

    [Fact]
    public void Target_UsesTheFieldsAsOfNow_NotEventsAfterIt_AndAPriorityChangeDuringTheCycleRetargetsIt()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(4)) with { Targets = [new SlaTargetRule { When = new SlaMatch { Priorities = ["high"] }, Target = TimeSpan.FromHours(1) }] };
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"), new SlaItemEvent { Type = SlaItemEventType.Changed, OccurredAt = At("2026-12-07T15:00Z"), Priority = "high" });
        SlaItem raisedEarly = Lead(Created("2026-12-07T10:00Z"), new SlaItemEvent { Type = SlaItemEventType.Changed, OccurredAt = At("2026-12-07T10:10Z"), Priority = "high" });
        SlaItem raisedAfterTouch = Lead(Created("2026-12-07T10:00Z"), Event(SlaItemEventType.Touched, "2026-12-07T12:00Z"), new SlaItemEvent { Type = SlaItemEventType.Changed, OccurredAt = At("2026-12-07T12:10Z"), Priority = "high" });

        SlaClock atNoon = SlaEvaluator.Evaluate(policy, null, lead, At("2026-12-07T12:00Z"))!;
        SlaClock early = SlaEvaluator.Evaluate(policy, null, raisedEarly, At("2026-12-07T12:00Z"))!;
        SlaClock touched = SlaEvaluator.Evaluate(policy, null, raisedAfterTouch, At("2026-12-07T13:00Z"))!;

        Assert.Equal((TimeSpan.FromHours(4), SlaClockStatus.Pending), (atNoon.Target, atNoon.Status));
        Assert.Equal((TimeSpan.FromHours(1), SlaClockStatus.Breached, At("2026-12-07T11:00Z")), (early.Target, early.Status, early.BreachedAt));
        Assert.Equal((TimeSpan.FromHours(4), SlaClockStatus.Met), (touched.Target, touched.Status));
    }

    [Fact]
    public void Reset_StartsANewCycle_AndEvaluateCyclesLeavesTheDroppedOneOut()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(1)) with { Reset = [SlaCondition.On(SlaItemEventType.OwnerChanged)] };
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"), new SlaItemEvent { Type = SlaItemEventType.OwnerChanged, OccurredAt = At("2026-12-07T12:00Z"), OwnerId = "rep-2" });

        SlaClock before = SlaEvaluator.Evaluate(policy, null, lead, At("2026-12-07T11:30Z"))!;
        IReadOnlyList<SlaClock> after = SlaEvaluator.EvaluateCycles(policy, null, lead, At("2026-12-07T13:30Z"));

        Assert.Equal((1, 0), (before.Cycle, before.Resets));
        SlaClock restarted = Assert.Single(after);
        Assert.Equal((2, 1, SlaClockStatus.Breached), (restarted.Cycle, restarted.Resets, restarted.Status));
    }

    [Fact]
    public void Evaluate_RefusesAnInvalidPolicy_NamingTheField()
    {
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"));
        DateTimeOffset now = At("2026-12-07T10:30Z");

        ArgumentException negative = Assert.Throws<ArgumentException>(() => SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(-1)), null, lead, now));
        ArgumentException fraction = Assert.Throws<ArgumentException>(() => SlaEvaluator.EvaluateCycles(FirstTouch(TimeSpan.FromHours(1)) with { WarnAtFraction = 5 }, null, lead, now));
        ArgumentException warnTooLong = Assert.Throws<ArgumentException>(() => SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(1)) with { WarnBefore = TimeSpan.FromHours(1) }, null, lead, now));
        ArgumentException warnPerRule = Assert.Throws<ArgumentException>(() => SlaEvaluator.Evaluate(
            FirstTouch(TimeSpan.FromHours(4)) with { WarnBefore = TimeSpan.FromHours(1), Targets = [new SlaTargetRule { When = new SlaMatch { Priorities = ["high"] }, Target = TimeSpan.FromMinutes(30) }] }, null, lead, now));

        Assert.Contains("Target must be positive", negative.Message, StringComparison.Ordinal);
        Assert.Contains("WarnAtFraction must be between 0 and 1", fraction.Message, StringComparison.Ordinal);
        Assert.Contains("WarnBefore must be shorter than Target", warnTooLong.Message, StringComparison.Ordinal);
        Assert.Contains("WarnBefore must be shorter than SlaPolicy 'first-touch':Targets:0:Target", warnPerRule.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_EndsTheClockNeitherMetNorBreached()
    {
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"), Event(SlaItemEventType.Closed, "2026-12-07T20:00Z"));

        SlaClock clock = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), null, lead, At("2026-12-08T00:00Z"))!;

        Assert.Equal((SlaClockStatus.Cancelled, false), (clock.Status, clock.IsOpen));
        Assert.Equal(At("2026-12-07T20:00Z"), clock.CancelledAt);
        Assert.Null(clock.MetAt);
    }

    [Fact]
    public void Targets_FirstMatchingRuleWins_ElseTheDefault()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(8)) with
        {
            Targets =
            [
                new SlaTargetRule { When = new SlaMatch { Priorities = ["high"] }, Target = TimeSpan.FromHours(1) },
                new SlaTargetRule { When = new SlaMatch { Priorities = ["high", "medium"] }, Target = TimeSpan.FromHours(4) },
            ],
        };
        DateTimeOffset now = At("2026-12-07T10:00Z");

        Assert.Equal(TimeSpan.FromHours(1), SlaEvaluator.Evaluate(policy, null, Lead(Created("2026-12-07T09:00Z", priority: "HIGH")), now)!.Target);
        Assert.Equal(TimeSpan.FromHours(4), SlaEvaluator.Evaluate(policy, null, Lead(Created("2026-12-07T09:00Z", priority: "medium")), now)!.Target);
        Assert.Equal(TimeSpan.FromHours(8), SlaEvaluator.Evaluate(policy, null, Lead(Created("2026-12-07T09:00Z")), now)!.Target);
    }

    [Fact]
    public void WarnBefore_MakesTheClockAtRisk_FromItsThreshold()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(4)) with { WarnBefore = TimeSpan.FromHours(1) };
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"));

        SlaClock before = SlaEvaluator.Evaluate(policy, null, lead, At("2026-12-07T12:59Z"))!;
        SlaClock atRisk = SlaEvaluator.Evaluate(policy, null, lead, At("2026-12-07T13:00Z"))!;

        Assert.Equal((SlaClockStatus.Pending, At("2026-12-07T13:00Z")), (before.Status, before.AtRiskAt!.Value));
        Assert.Equal((SlaClockStatus.AtRisk, TimeSpan.FromHours(1)), (atRisk.Status, atRisk.Remaining));
    }

    [Fact]
    public void WarnAtFraction_CountsBusinessTime()
    {
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(4), "office") with { WarnAtFraction = 0.75 };
        SlaItem lead = Lead(Created("2026-12-04T15:00Z")); // Friday: 2 h that day, 1 h more on Monday reaches 75 %.

        SlaClock clock = SlaEvaluator.Evaluate(policy, Office, lead, At("2026-12-07T10:00Z"))!;

        Assert.Equal((SlaClockStatus.AtRisk, At("2026-12-07T10:00Z")), (clock.Status, clock.AtRiskAt!.Value));
        Assert.Equal(At("2026-12-07T11:00Z"), clock.DueAt);
    }

    [Fact]
    public void BusinessTime_CrossesTheWeekend()
    {
        SlaItem lead = Lead(Created("2026-12-04T16:00Z")); // Friday 16:00: 1 h left that day.

        SlaClock saturday = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4), "office"), Office, lead, At("2026-12-05T12:00Z"))!;
        SlaClock monday = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4), "office"), Office, lead, At("2026-12-07T12:30Z"))!;

        Assert.Equal((SlaClockStatus.Pending, At("2026-12-07T12:00Z"), TimeSpan.FromHours(1)), (saturday.Status, saturday.DueAt!.Value, saturday.Elapsed));
        Assert.Equal((SlaClockStatus.Breached, TimeSpan.FromMinutes(30)), (monday.Status, monday.OverdueBy!.Value));
        Assert.Equal(TimeSpan.FromMinutes(30), monday.OverdueBusinessTime);
    }

    [Fact]
    public void BusinessTime_CrossesTheYearEnd_AndItsHoliday()
    {
        // Thursday 31 December 15:00: 2 h that day; 1 January (Friday) is a holiday, then the weekend; 2 h more on Monday.
        SlaItem lead = Lead(Created("2026-12-31T15:00Z"), Event(SlaItemEventType.Touched, "2027-01-04T10:30Z"));

        SlaClock clock = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4), "office"), Office, lead, At("2027-01-05T00:00Z"))!;
        SlaClock open = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4), "office"), Office, Lead(lead.History[0]), At("2027-01-02T00:00Z"))!;

        Assert.Equal((SlaClockStatus.Met, TimeSpan.FromHours(3.5)), (clock.Status, clock.Elapsed));
        Assert.Equal(At("2027-01-04T11:00Z"), open.DueAt);
        Assert.Equal(TimeSpan.FromHours(2), open.Remaining);
    }

    [Fact]
    public void BusinessTime_StoppedOutsideHoursAfterTheDueTime_IsBreached()
    {
        // Due at 17:00 (the end of the working day); a touch at 17:30 adds no business time but comes after the due time.
        SlaItem lead = Lead(Created("2026-12-07T13:00Z"), Event(SlaItemEventType.Touched, "2026-12-07T17:30Z"));

        SlaClock clock = SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4), "office"), Office, lead, At("2026-12-08T00:00Z"))!;

        Assert.Equal((SlaClockStatus.Breached, At("2026-12-07T17:00Z")), (clock.Status, clock.BreachedAt!.Value));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.Zero), (clock.OverdueBy!.Value, clock.OverdueBusinessTime!.Value));
    }

    [Fact]
    public void PolicyEdit_RecomputesOpenAndClosedClocks_TheSameWayEveryTime()
    {
        SlaItem met = Lead(Created("2026-12-07T10:00Z"), Event(SlaItemEventType.Touched, "2026-12-07T12:00Z"));
        SlaItem open = Lead(Created("2026-12-07T10:00Z"));
        SlaPolicy loose = FirstTouch(TimeSpan.FromHours(4));
        SlaPolicy strict = loose with { Target = TimeSpan.FromHours(1) };
        DateTimeOffset now = At("2026-12-07T12:30Z");

        Assert.Equal(SlaClockStatus.Met, SlaEvaluator.Evaluate(loose, null, met, now)!.Status);
        Assert.Equal(SlaClockStatus.Pending, SlaEvaluator.Evaluate(loose, null, open, now)!.Status);
        SlaClock first = SlaEvaluator.Evaluate(strict, null, met, now)!;
        SlaClock again = SlaEvaluator.Evaluate(strict, null, met, now)!;
        Assert.Equal((SlaClockStatus.Breached, At("2026-12-07T11:00Z")), (first.Status, first.BreachedAt!.Value));
        Assert.Equal(first with { Pauses = again.Pauses }, again);
        Assert.Equal(SlaClockStatus.Breached, SlaEvaluator.Evaluate(strict, null, open, now)!.Status);
    }

    [Fact]
    public void NextResponse_StartsACycleForEachCustomerMessageAfterAReply()
    {
        var policy = new SlaPolicy { Name = "next", Metric = SlaMetric.NextResponse, Target = TimeSpan.FromMinutes(30) };
        SlaItem chat = Conversation(
            Event(SlaItemEventType.MessageReceived, "2026-12-07T10:00Z"),
            Event(SlaItemEventType.MessageReceived, "2026-12-07T10:05Z"),
            Event(SlaItemEventType.Responded, "2026-12-07T10:20Z"),
            Event(SlaItemEventType.MessageReceived, "2026-12-07T11:00Z"),
            Event(SlaItemEventType.Responded, "2026-12-07T11:45Z"),
            Event(SlaItemEventType.MessageReceived, "2026-12-07T12:00Z"));

        IReadOnlyList<SlaClock> cycles = SlaEvaluator.EvaluateCycles(policy, null, chat, At("2026-12-07T12:10Z"));

        Assert.Equal(
            [(1, SlaClockStatus.Met, At("2026-12-07T10:00Z")), (2, SlaClockStatus.Breached, At("2026-12-07T11:00Z")), (3, SlaClockStatus.Pending, At("2026-12-07T12:00Z"))],
            cycles.Select(c => (c.Cycle, c.Status, c.StartedAt)));
        Assert.Equal(3, SlaEvaluator.Evaluate(policy, null, chat, At("2026-12-07T12:10Z"))!.Cycle);
    }

    [Fact]
    public void FirstResponse_DoesNotStartAgainAfterTheFirstReply()
    {
        var policy = new SlaPolicy { Name = "first", Metric = SlaMetric.FirstResponse, Target = TimeSpan.FromMinutes(5) };
        SlaItem chat = Conversation(
            Event(SlaItemEventType.MessageReceived, "2026-12-07T10:00Z"),
            Event(SlaItemEventType.Responded, "2026-12-07T10:03Z"),
            Event(SlaItemEventType.MessageReceived, "2026-12-07T11:00Z"));

        IReadOnlyList<SlaClock> cycles = SlaEvaluator.EvaluateCycles(policy, null, chat, At("2026-12-07T12:00Z"));

        Assert.Equal(SlaClockStatus.Met, Assert.Single(cycles).Status);
    }

    [Fact]
    public void PolicyThatDoesNotApply_OrNeverStarted_HasNoClock()
    {
        SlaPolicy webinarOnly = FirstTouch(TimeSpan.FromHours(4)) with { AppliesTo = new SlaMatch { Kind = SlaItemKind.Lead, Sources = ["webinar"] } };
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"));

        Assert.Null(SlaEvaluator.Evaluate(webinarOnly, null, lead, At("2026-12-07T11:00Z")));
        Assert.Null(SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), null, lead, At("2026-12-07T09:00Z")));
        Assert.Null(SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), null, Conversation(Created("2026-12-07T10:00Z")), At("2026-12-07T11:00Z")));
    }

    [Fact]
    public void Calendar_MustBeThePolicys()
    {
        SlaItem lead = Lead(Created("2026-12-07T10:00Z"));

        var missing = Assert.Throws<ArgumentException>(() => SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4), "office"), null, lead, At("2026-12-07T11:00Z")));
        var extra = Assert.Throws<ArgumentException>(() => SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), Office, lead, At("2026-12-07T11:00Z")));

        Assert.Contains("calendar 'office', but no calendar was given", missing.Message, StringComparison.Ordinal);
        Assert.Contains("counts wall-clock time", extra.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_IsReplayedInTimeOrder_AndFieldsFollowTheLatestEvent()
    {
        var item = new SlaItem(SlaItemKind.Lead, "L9", [Status("2026-12-07T11:00Z", "working"), Created("2026-12-07T10:00Z", owner: "rep-1")]);

        Assert.Equal(SlaItemEventType.Created, item.History[0].Type);
        Assert.Equal(("working", "rep-1", At("2026-12-07T10:00Z")), (item.Status, item.OwnerId, item.CreatedAt!.Value));
        Assert.Equal(SlaClockStatus.Met, SlaEvaluator.Evaluate(FirstTouch(TimeSpan.FromHours(4)), null, item, At("2026-12-07T12:00Z"))!.Status);
    }

    [Fact]
    public void Policy_Validate_NamesEveryProblemByPath()
    {
        var policy = new SlaPolicy
        {
            Name = "bad",
            Metric = new SlaMetric("custom_metric"),
            Target = TimeSpan.Zero,
            WarnBefore = TimeSpan.FromMinutes(5),
            WarnAtFraction = 1.5,
            Targets = [new SlaTargetRule { When = new SlaMatch(), Target = TimeSpan.FromMinutes(-1) }],
        };

        var problems = policy.Validate("Martech:Slas:Policies:bad").ToList();

        Assert.Contains("Martech:Slas:Policies:bad:Metric 'custom_metric' is not a standard metric (first_response, next_response, periodic_update, resolution, time_to_first_touch, time_to_qualification), so Martech:Slas:Policies:bad:Start and Martech:Slas:Policies:bad:Stop must be given.", problems);
        Assert.Contains("Martech:Slas:Policies:bad:Target must be positive, such as 04:00:00 (was 00:00:00).", problems);
        Assert.Contains("Martech:Slas:Policies:bad: set WarnBefore or WarnAtFraction, not both.", problems);
        Assert.Contains("Martech:Slas:Policies:bad:WarnAtFraction must be between 0 and 1, such as 0.75 (was 1.5).", problems);
        Assert.Contains("Martech:Slas:Policies:bad:Targets:0:Target must be positive (was -00:01:00).", problems);
        Assert.Throws<ArgumentException>(policy.ThrowIfInvalid);
    }
}
