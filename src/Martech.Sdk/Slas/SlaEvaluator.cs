namespace Martech.Sdk;

/// <summary>
/// Computes SLA clocks from an item's history: a pure, deterministic replay of (policy, calendar, history, now). The
/// same inputs give the same clocks every time, so editing a policy or a calendar and evaluating again recomputes open
/// and closed clocks alike ("SLA repair"). Business time comes only from
/// <see cref="IBusinessCalendar.AddBusinessTime"/> and <see cref="IBusinessCalendar.GetBusinessTime"/>; without a
/// calendar, targets are wall-clock durations.
/// </summary>
/// <remarks>
/// Events after <c>now</c> are ignored. For each event, in time order, a running or paused cycle checks the policy's
/// cancel, reset, stop, pause and resume conditions in that order (the first that matches acts); an idle item checks the
/// start conditions (again after a stop only when the policy is recurring, and a stop that also matches a start starts
/// the next cycle at once). A clock is breached when it is still running past its due time, or stopped after it; met
/// when stopped at or before it.
/// </remarks>
public static class SlaEvaluator
{
    /// <summary>The latest clock of an item under a policy.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="calendar">The policy's calendar; <see langword="null"/> when the policy has none (wall-clock).</param>
    /// <param name="item">The item and its history.</param>
    /// <param name="now">The instant to evaluate at.</param>
    /// <returns>The clock, or <see langword="null"/> when the policy does not apply to the item or its clock never
    /// started.</returns>
    /// <exception cref="ArgumentException">The policy is invalid (<see cref="SlaPolicy.Validate"/> names each problem),
    /// or names a calendar and none (or another) was given, or has none and one was given.</exception>
    public static SlaClock? Evaluate(SlaPolicy policy, IBusinessCalendar? calendar, SlaItem item, DateTimeOffset now)
    {
        IReadOnlyList<SlaClock> cycles = EvaluateCycles(policy, calendar, item, now);
        return cycles.Count == 0 ? null : cycles[^1];
    }

    /// <summary>Every clock cycle of an item under a policy, oldest first: one for most metrics, one per customer message
    /// for recurring ones (next response), and the cycles that resets ended are left out.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="calendar">The policy's calendar; <see langword="null"/> when the policy has none.</param>
    /// <param name="item">The item and its history.</param>
    /// <param name="now">The instant to evaluate at.</param>
    /// <returns>The cycles; empty when the policy does not apply or its clock never started.</returns>
    /// <exception cref="ArgumentException">The policy is invalid, or the calendar does not fit it.</exception>
    public static IReadOnlyList<SlaClock> EvaluateCycles(SlaPolicy policy, IBusinessCalendar? calendar, SlaItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(item);
        policy.ThrowIfInvalid();
        CheckCalendar(policy, calendar);
        return Replay(policy, calendar, item, now);
    }

    /// <summary>The cycles of a policy already validated (the monitor's and the volume SLAs' policies are validated
    /// when the host starts or the policy is added).</summary>
    internal static IReadOnlyList<SlaClock> EvaluateValidated(SlaPolicy policy, IBusinessCalendar? calendar, SlaItem item, DateTimeOffset now)
    {
        CheckCalendar(policy, calendar);
        return Replay(policy, calendar, item, now);
    }

    private static List<SlaClock> Replay(SlaPolicy policy, IBusinessCalendar? calendar, SlaItem item, DateTimeOffset now)
    {
        SlaMatch appliesTo = policy.AppliesTo ?? SlaMetricDefaults.AppliesTo(policy.Metric);
        var rules = new Rules(policy);
        var replay = new CycleReplay(policy, calendar, item);
        var fields = new SlaItemFields(item.Kind);

        List<SlaClock>? cycles = null;
        bool everStarted = false;
        IReadOnlyList<SlaItemEvent> history = item.History;
        for (int i = 0; i < history.Count; i++)
        {
            SlaItemEvent e = history[i];
            if (e.OccurredAt > now)
            {
                break;
            }

            string? before = fields.Status;
            fields.Apply(e);
            string? status = fields.Status;
            if (replay.IsOpen)
            {
                if (Any(rules.Cancel, e, before, status))
                {
                    (cycles ??= []).Add(replay.End(e.OccurredAt, now, cancelled: true, fields));
                }
                else if (Any(rules.Reset, e, before, status))
                {
                    replay.Restart(e.OccurredAt);
                }
                else if (Any(rules.Stop, e, before, status))
                {
                    (cycles ??= []).Add(replay.End(e.OccurredAt, now, cancelled: false, fields));
                    if (rules.Recurring && Any(rules.Start, e, before, status) && appliesTo.Matches(fields))
                    {
                        replay.Begin(e.OccurredAt);
                    }
                }
                else if (!replay.IsPaused && Any(rules.Pause, e, before, status))
                {
                    replay.PauseAt(e.OccurredAt);
                }
                else if (replay.IsPaused && Any(rules.Resume, e, before, status))
                {
                    replay.ResumeAt(e.OccurredAt);
                }
            }
            else if ((!everStarted || rules.Recurring) && Any(rules.Start, e, before, status) && appliesTo.Matches(fields))
            {
                // The policy's scope is judged as the cycle starts: a clock scoped to new leads keeps running (and
                // counts) once the lead leaves "new".
                everStarted = true;
                replay.Begin(e.OccurredAt);
            }
        }

        if (replay.IsOpen)
        {
            (cycles ??= []).Add(replay.Open(now, fields));
        }

        return cycles ?? [];
    }

    private static void CheckCalendar(SlaPolicy policy, IBusinessCalendar? calendar)
    {
        if (policy.Calendar is null && calendar is not null)
        {
            throw new ArgumentException($"SLA policy '{policy.Name}' counts wall-clock time (it names no calendar), but calendar '{calendar.Name}' was given.", nameof(calendar));
        }

        if (policy.Calendar is { } name && (calendar is null || !string.Equals(calendar.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"SLA policy '{policy.Name}' counts business time in calendar '{name}', but {(calendar is null ? "no calendar" : $"calendar '{calendar.Name}'")} was given.", nameof(calendar));
        }
    }

    private static bool Any(IReadOnlyList<SlaCondition> conditions, SlaItemEvent e, string? before, string? after)
    {
        for (int i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Matches(e, before, after))
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Rules(SlaPolicy policy)
    {
        public IReadOnlyList<SlaCondition> Start { get; } = policy.Start ?? SlaMetricDefaults.Start(policy.Metric);

        public IReadOnlyList<SlaCondition> Stop { get; } = policy.Stop ?? SlaMetricDefaults.Stop(policy.Metric);

        public IReadOnlyList<SlaCondition> Pause { get; } = policy.Pause ?? SlaMetricDefaults.Pause(policy.Metric);

        public IReadOnlyList<SlaCondition> Resume { get; } = policy.Resume ?? SlaMetricDefaults.Resume(policy.Metric);

        public IReadOnlyList<SlaCondition> Reset { get; } = policy.Reset ?? [];

        public IReadOnlyList<SlaCondition> Cancel { get; } = policy.Cancel ?? SlaMetricDefaults.Cancel(policy.Metric);

        public bool Recurring { get; } = policy.Recurring ?? SlaMetricDefaults.Recurring(policy.Metric);
    }

    /// <summary>The cycle being replayed: running segments are kept with their business time; the target (from the
    /// item's fields as of the cycle's end, or <c>now</c> while open) and the instants the warning threshold and the
    /// target were crossed are worked out when the cycle is built.</summary>
    private sealed class CycleReplay(SlaPolicy policy, IBusinessCalendar? calendar, SlaItem item)
    {
        private readonly List<(DateTimeOffset From, TimeSpan Business)> _segments = [];
        private DateTimeOffset _startedAt;
        private DateTimeOffset? _runningSince;
        private List<SlaPause>? _pauses;
        private int _cycle;
        private int _resets;

        public bool IsOpen { get; private set; }

        public bool IsPaused => IsOpen && _runningSince is null;

        public void Begin(DateTimeOffset at)
        {
            _cycle++;
            Clear(at);
        }

        public void Restart(DateTimeOffset at)
        {
            // A reset is a new cycle: its notifications start afresh, like the next cycle of a recurring metric.
            _cycle++;
            _resets++;
            Clear(at);
        }

        public void PauseAt(DateTimeOffset at)
        {
            Close(at);
            (_pauses ??= []).Add(new SlaPause(at, null));
        }

        public void ResumeAt(DateTimeOffset at)
        {
            _pauses![^1] = _pauses[^1] with { ResumedAt = at };
            _runningSince = at;
        }

        public SlaClock End(DateTimeOffset at, DateTimeOffset now, bool cancelled, SlaItemFields fields)
        {
            (TimeSpan target, TimeSpan warnAt) = Targets(fields);
            bool wasRunning = _runningSince is not null;
            if (wasRunning)
            {
                Close(at);
            }
            else if (_pauses is { Count: > 0 } && _pauses[^1].ResumedAt is null)
            {
                _pauses[^1] = _pauses[^1] with { ResumedAt = at };
            }

            IsOpen = false;
            (TimeSpan consumed, DateTimeOffset? breachedAt, DateTimeOffset? atRiskAt, TimeSpan beforeLast) = Walk(target, warnAt, closedUntil: at);
            // The due time the cycle had when it ended running (for a met clock: how much room was left).
            DateTimeOffset? due = breachedAt ?? (wasRunning ? Add(_segments[^1].From, Max(TimeSpan.Zero, target - beforeLast)) : null);
            bool late = breachedAt is not null;
            return Build(
                now,
                target,
                consumed,
                cancelled ? SlaClockStatus.Cancelled : late ? SlaClockStatus.Breached : SlaClockStatus.Met,
                due,
                breachedAt,
                atRiskAt,
                late ? at - breachedAt!.Value : null,
                isPaused: false,
                stoppedAt: cancelled ? null : at,
                cancelledAt: cancelled ? at : null,
                metAt: !cancelled && !late ? at : null);
        }

        public SlaClock Open(DateTimeOffset now, SlaItemFields fields)
        {
            (TimeSpan target, TimeSpan warnAt) = Targets(fields);
            (TimeSpan consumed, DateTimeOffset? breachedAt, DateTimeOffset? atRiskAt, _) = Walk(target, warnAt, closedUntil: null);
            DateTimeOffset? due = breachedAt;
            if (_runningSince is { } since)
            {
                TimeSpan segment = Business(since, now);
                if (breachedAt is null)
                {
                    due = Add(since, target - consumed);
                    if (now > due)
                    {
                        breachedAt = due;
                    }
                }

                if (atRiskAt is null && warnAt < target)
                {
                    // The at-risk instant is known ahead, so the monitor can look again then; it only counts once reached.
                    atRiskAt = Add(since, Max(TimeSpan.Zero, warnAt - consumed));
                }

                consumed += segment;
            }

            bool breached = breachedAt is not null;
            SlaClockStatus status = breached ? SlaClockStatus.Breached
                : _runningSince is null ? SlaClockStatus.Paused
                : atRiskAt is { } r && now >= r ? SlaClockStatus.AtRisk
                : SlaClockStatus.Pending;
            return Build(now, target, consumed, status, due, breachedAt, atRiskAt, breached ? now - breachedAt!.Value : null, isPaused: _runningSince is null);
        }

        private (TimeSpan Target, TimeSpan WarnAt) Targets(SlaItemFields fields)
        {
            TimeSpan target = policy.TargetFor(fields);
            TimeSpan warnAt = policy.WarnBefore is { } warnBefore ? Max(TimeSpan.Zero, target - warnBefore)
                : policy.WarnAtFraction is { } fraction ? TimeSpan.FromTicks((long)(target.Ticks * fraction))
                : TimeSpan.MaxValue;
            return (target, warnAt);
        }

        // Goes through the closed running segments: the business time they count, and the instants the warning threshold
        // and the target were reached inside one (a target reached exactly at a segment's end is met, not breached).
        // Each segment ends where the next pause starts, or at `closedUntil` for the last one of an ended cycle.
        private (TimeSpan Consumed, DateTimeOffset? BreachedAt, DateTimeOffset? AtRiskAt, TimeSpan BeforeLast) Walk(TimeSpan target, TimeSpan warnAt, DateTimeOffset? closedUntil)
        {
            TimeSpan consumed = TimeSpan.Zero, beforeLast = TimeSpan.Zero;
            DateTimeOffset? breachedAt = null, atRiskAt = null;
            for (int i = 0; i < _segments.Count; i++)
            {
                (DateTimeOffset since, TimeSpan segment) = _segments[i];
                DateTimeOffset end = i < _pauses?.Count ? _pauses[i].PausedAt : closedUntil!.Value;
                if (breachedAt is null && consumed + segment >= target)
                {
                    DateTimeOffset due = Add(since, target - consumed);
                    if (end > due)
                    {
                        breachedAt = due;
                    }
                }

                if (atRiskAt is null && warnAt < target && consumed + segment >= warnAt)
                {
                    atRiskAt = Add(since, Max(TimeSpan.Zero, warnAt - consumed));
                }

                beforeLast = consumed;
                consumed += segment;
            }

            return (consumed, breachedAt, atRiskAt, beforeLast);
        }

        private SlaClock Build(DateTimeOffset now, TimeSpan target, TimeSpan elapsed, SlaClockStatus status, DateTimeOffset? due, DateTimeOffset? breachedAt, DateTimeOffset? atRiskAt, TimeSpan? overdueBy, bool isPaused, DateTimeOffset? stoppedAt = null, DateTimeOffset? cancelledAt = null, DateTimeOffset? metAt = null) =>
            new()
            {
                Policy = policy.Name,
                Metric = policy.Metric,
                ItemKind = item.Kind,
                ItemId = item.Id,
                Cycle = _cycle,
                Status = status,
                DueAt = due,
                OverdueBy = overdueBy,
                IsPaused = isPaused,
                StoppedAt = stoppedAt,
                CancelledAt = cancelledAt,
                MetAt = metAt,
                Target = target,
                Calendar = calendar?.Name,
                StartedAt = _startedAt,
                AtRiskAt = atRiskAt,
                Elapsed = elapsed,
                Remaining = breachedAt is null ? Max(TimeSpan.Zero, target - elapsed) : TimeSpan.Zero,
                BreachedAt = breachedAt,
                OverdueBusinessTime = breachedAt is null ? null : Max(TimeSpan.Zero, elapsed - target),
                Pauses = _pauses is null ? [] : _pauses.ToArray(),
                Resets = _resets,
                EvaluatedAt = now,
            };

        private void Clear(DateTimeOffset at)
        {
            IsOpen = true;
            _startedAt = at;
            _runningSince = at;
            _segments.Clear();
            _pauses = null;
        }

        // Ends the running segment at `at`, keeping its business time.
        private void Close(DateTimeOffset at)
        {
            DateTimeOffset since = _runningSince!.Value;
            _segments.Add((since, Business(since, at)));
            _runningSince = null;
        }

        private TimeSpan Business(DateTimeOffset from, DateTimeOffset to) =>
            calendar is null ? Max(TimeSpan.Zero, to - from) : calendar.GetBusinessTime(from, to);

        private DateTimeOffset Add(DateTimeOffset from, TimeSpan time) =>
            calendar is null ? from + time : calendar.AddBusinessTime(from, time);
    }
}
