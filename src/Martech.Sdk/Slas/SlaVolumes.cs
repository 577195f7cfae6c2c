namespace Martech.Sdk;

/// <summary>
/// Measures volume SLAs over a period: pure functions of the policy, the data and the instant, so a result can be
/// checked by hand. The monitor calls them with what it has (<see cref="SlaMonitor.EvaluateVolumeAsync"/>); they can
/// also be called directly.
/// </summary>
public static class SlaVolumes
{
    /// <summary>What <see cref="SlaVolumeMeasure.BounceRate"/> divides by.</summary>
    public const string BounceRateDenominator = "messages delivered or bounced";

    /// <summary>Leads whose status reached the policy's status in the period containing <paramref name="at"/>: a lead
    /// counts once, in the period of the first event that set that status.</summary>
    /// <param name="policy">A <see cref="SlaVolumeMeasure.LeadsReachingStatus"/> policy.</param>
    /// <param name="leads">The leads' histories.</param>
    /// <param name="at">An instant in the period.</param>
    /// <param name="now">The instant the data is known up to: events after it (or after the period) are left out, and
    /// the result <see cref="SlaVolumeResult.IsComplete"/> once it is past the period's end. The same period gives the
    /// same result whichever instant in it <paramref name="at"/> is.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The policy is invalid or measures something else.</exception>
    public static SlaVolumeResult CountLeadsReachingStatus(SlaVolumePolicy policy, IEnumerable<SlaItem> leads, DateTimeOffset at, DateTimeOffset now)
    {
        Check(policy, SlaVolumeMeasure.LeadsReachingStatus);
        ArgumentNullException.ThrowIfNull(leads);
        (DateTimeOffset start, DateTimeOffset end) = Period(policy, at);
        DateTimeOffset asOf = AsOf(end, now);
        long count = 0;
        foreach (SlaItem lead in leads)
        {
            if (lead.Kind != SlaItemKind.Lead)
            {
                continue;
            }

            foreach (SlaItemEvent e in lead.History)
            {
                if (e.OccurredAt > asOf)
                {
                    break;
                }

                if (e.Status is not null && string.Equals(e.Status, policy.Status, StringComparison.OrdinalIgnoreCase))
                {
                    count += e.OccurredAt >= start && e.OccurredAt < end ? 1 : 0;
                    break;
                }
            }
        }

        return Result(policy, null, start, end, now, count, $"leads reaching '{policy.Status}'", null, null);
    }

    /// <summary>Bounce rate per campaign in the period containing <paramref name="at"/>: distinct messages bounced ÷
    /// distinct messages delivered or bounced (<see cref="BounceRateDenominator"/>; a message counts in the period of its
    /// first such event). Messages are told apart by <see cref="EmailEvent.MessageId"/>, else by recipient; events
    /// without a campaign are left out.</summary>
    /// <param name="policy">A <see cref="SlaVolumeMeasure.BounceRate"/> policy.</param>
    /// <param name="events">Email events.</param>
    /// <param name="at">An instant in the period.</param>
    /// <param name="now">The instant the data is known up to: events after it (or after the period) are left out, and
    /// the result <see cref="SlaVolumeResult.IsComplete"/> once it is past the period's end. The same period gives the
    /// same result whichever instant in it <paramref name="at"/> is.</param>
    /// <returns>One result per campaign, ordered by campaign id.</returns>
    /// <exception cref="ArgumentException">The policy is invalid or measures something else.</exception>
    public static IReadOnlyList<SlaVolumeResult> BounceRates(SlaVolumePolicy policy, IEnumerable<EmailEvent> events, DateTimeOffset at, DateTimeOffset now)
    {
        Check(policy, SlaVolumeMeasure.BounceRate);
        ArgumentNullException.ThrowIfNull(events);
        return BounceRates(policy, Outcomes(events), at, now);

        static IEnumerable<(string, string, bool, DateTimeOffset)> Outcomes(IEnumerable<EmailEvent> events)
        {
            foreach (EmailEvent e in events)
            {
                bool bounced = e.Type == EmailEventType.Bounced;
                if (e.CampaignId is { } campaign && (bounced || e.Type == EmailEventType.Delivered))
                {
                    yield return (campaign, e.MessageId ?? e.Recipient.Value, bounced, e.OccurredAt);
                }
            }
        }
    }

    /// <summary>Bounce rate per campaign from campaign histories the monitor recorded from email events
    /// (<see cref="SlaItemKind.Campaign"/> items, whose events are <see cref="EmailDeliveredEvent"/> and
    /// <see cref="EmailBouncedEvent"/> with the message in the <c>message</c> property); otherwise as the overload over
    /// email events.</summary>
    /// <param name="policy">A <see cref="SlaVolumeMeasure.BounceRate"/> policy.</param>
    /// <param name="campaigns">Campaign items.</param>
    /// <param name="at">An instant in the period.</param>
    /// <param name="now">The instant the data is known up to: events after it (or after the period) are left out, and
    /// the result <see cref="SlaVolumeResult.IsComplete"/> once it is past the period's end. The same period gives the
    /// same result whichever instant in it <paramref name="at"/> is.</param>
    /// <returns>One result per campaign, ordered by campaign id.</returns>
    /// <exception cref="ArgumentException">The policy is invalid or measures something else.</exception>
    public static IReadOnlyList<SlaVolumeResult> BounceRates(SlaVolumePolicy policy, IEnumerable<SlaItem> campaigns, DateTimeOffset at, DateTimeOffset now)
    {
        Check(policy, SlaVolumeMeasure.BounceRate);
        ArgumentNullException.ThrowIfNull(campaigns);
        return BounceRates(policy, Outcomes(campaigns), at, now);

        static IEnumerable<(string, string, bool, DateTimeOffset)> Outcomes(IEnumerable<SlaItem> campaigns)
        {
            foreach (SlaItem campaign in campaigns)
            {
                if (campaign.Kind != SlaItemKind.Campaign)
                {
                    continue;
                }

                foreach (SlaItemEvent e in campaign.History)
                {
                    bool bounced = e.Type == EmailBouncedEvent;
                    if ((bounced || e.Type == EmailDeliveredEvent) && e.Properties.TryGetValue("message", out string? message))
                    {
                        yield return (campaign.Id, message, bounced, e.OccurredAt);
                    }
                }
            }
        }
    }

    /// <summary>The event type of a campaign history entry for a delivered message.</summary>
    public static SlaItemEventType EmailDeliveredEvent { get; } = new("email_delivered");

    /// <summary>The event type of a campaign history entry for a bounced message.</summary>
    public static SlaItemEventType EmailBouncedEvent { get; } = new("email_bounced");

    private static List<SlaVolumeResult> BounceRates(SlaVolumePolicy policy, IEnumerable<(string Campaign, string Message, bool Bounced, DateTimeOffset At)> outcomes, DateTimeOffset at, DateTimeOffset now)
    {
        (DateTimeOffset start, DateTimeOffset end) = Period(policy, at);
        DateTimeOffset asOf = AsOf(end, now);
        // Per campaign and message: when it was first delivered or bounced (what period it counts in), and whether it
        // bounced at all.
        var campaigns = new SortedDictionary<string, Dictionary<string, (DateTimeOffset First, bool Bounced)>>(StringComparer.Ordinal);
        foreach ((string campaign, string message, bool bounced, DateTimeOffset when) in outcomes)
        {
            if (when > asOf)
            {
                continue;
            }

            if (!campaigns.TryGetValue(campaign, out var messages))
            {
                campaigns[campaign] = messages = new Dictionary<string, (DateTimeOffset, bool)>(StringComparer.Ordinal);
            }

            messages[message] = messages.TryGetValue(message, out var seen)
                ? (seen.First < when ? seen.First : when, seen.Bounced || bounced)
                : (when, bounced);
        }

        var results = new List<SlaVolumeResult>(campaigns.Count);
        foreach ((string campaign, Dictionary<string, (DateTimeOffset First, bool Bounced)> messages) in campaigns)
        {
            long denominator = 0, numerator = 0;
            foreach ((DateTimeOffset first, bool bounced) in messages.Values)
            {
                if (first >= start && first < end)
                {
                    denominator++;
                    numerator += bounced ? 1 : 0;
                }
            }

            if (denominator > 0)
            {
                results.Add(Result(policy, campaign, start, end, now, numerator, "messages bounced", denominator, BounceRateDenominator));
            }
        }

        return results;
    }

    /// <summary>Attainment of a time policy in the period containing <paramref name="at"/>: of the clock cycles that
    /// started in the period and are decided, the share met. Decided means met, or breached (stopped late, or still open
    /// past the due time); cycles still running in time, paused in time, or cancelled are left out.</summary>
    /// <param name="policy">An <see cref="SlaVolumeMeasure.Attainment"/> policy.</param>
    /// <param name="clockPolicy">The time policy it names.</param>
    /// <param name="calendar">The time policy's calendar; <see langword="null"/> for wall-clock time.</param>
    /// <param name="items">The items' histories.</param>
    /// <param name="at">An instant in the period.</param>
    /// <param name="now">The instant the data is known up to: clocks are evaluated at the earlier of it and the
    /// period's end (so a past period gives the same result whichever instant in it <paramref name="at"/> is), and the
    /// result <see cref="SlaVolumeResult.IsComplete"/> once it is past the period's end.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The policy is invalid, measures something else, or names another time
    /// policy.</exception>
    public static SlaVolumeResult Attainment(SlaVolumePolicy policy, SlaPolicy clockPolicy, IBusinessCalendar? calendar, IEnumerable<SlaItem> items, DateTimeOffset at, DateTimeOffset now)
    {
        Check(policy, SlaVolumeMeasure.Attainment);
        ArgumentNullException.ThrowIfNull(clockPolicy);
        ArgumentNullException.ThrowIfNull(items);
        if (!string.Equals(policy.ClockPolicy, clockPolicy.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Volume policy '{policy.Name}' measures time policy '{policy.ClockPolicy}', not '{clockPolicy.Name}'.", nameof(clockPolicy));
        }

        clockPolicy.ThrowIfInvalid();
        (DateTimeOffset start, DateTimeOffset end) = Period(policy, at);
        DateTimeOffset asOf = AsOf(end, now);
        long met = 0, decided = 0;
        foreach (SlaItem item in items)
        {
            foreach (SlaClock clock in SlaEvaluator.EvaluateValidated(clockPolicy, calendar, item, asOf))
            {
                if (clock.StartedAt < start || clock.StartedAt >= end || clock.Status is not (SlaClockStatus.Met or SlaClockStatus.Breached))
                {
                    continue;
                }

                decided++;
                met += clock.Status == SlaClockStatus.Met ? 1 : 0;
            }
        }

        return Result(policy, null, start, end, now, met, $"'{clockPolicy.Name}' clocks met", decided, $"'{clockPolicy.Name}' clocks met or breached");
    }

    /// <summary>The period of a policy containing an instant, in its time zone.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="at">The instant.</param>
    /// <returns>Start (inclusive) and end (exclusive).</returns>
    public static (DateTimeOffset Start, DateTimeOffset End) Period(SlaVolumePolicy policy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return SlaPeriods.Containing(policy.Period, TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone), at);
    }

    private static void Check(SlaVolumePolicy policy, SlaVolumeMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = policy.Validate($"SlaVolumePolicy '{policy.Name}'").ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(policy));
        }

        if (policy.Measure != measure)
        {
            throw new ArgumentException($"Volume policy '{policy.Name}' measures {policy.Measure}, not {measure}.", nameof(policy));
        }
    }

    // Data is taken as of the period's end, or now while the period runs (the end is exclusive: an instant before it).
    private static DateTimeOffset AsOf(DateTimeOffset end, DateTimeOffset now) => now < end ? now : end.AddTicks(-1);

    private static SlaVolumeResult Result(SlaVolumePolicy policy, string? subject, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, long numerator, string numeratorName, long? denominator, string? denominatorName)
    {
        // Rates are in percent, like the targets (2 means 2 %).
        double value = denominator is { } d ? (d == 0 ? 0 : numerator * 100.0 / d) : numerator;
        bool isMinimum = policy.Minimum is not null;
        double target = policy.Minimum ?? policy.Maximum!.Value;
        return new SlaVolumeResult
        {
            Policy = policy.Name,
            Measure = policy.Measure,
            Subject = subject,
            PeriodStart = start,
            PeriodEnd = end,
            Numerator = numerator,
            NumeratorName = numeratorName,
            Denominator = denominator,
            DenominatorName = denominatorName,
            Value = value,
            Target = target,
            TargetIsMinimum = isMinimum,
            Met = isMinimum ? value >= target : value <= target,
            IsComplete = now >= end,
        };
    }
}
