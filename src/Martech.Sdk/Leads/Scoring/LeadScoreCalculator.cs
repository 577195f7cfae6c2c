namespace Martech.Sdk;

/// <summary>Works a score out from the model, the record's fields (or the last fit), the person's ledger and an instant:
/// a pure function, so the same inputs give the same score to the last point.</summary>
internal sealed class LeadScoreCalculator
{
    private readonly LeadScoringOptions _options;
    private readonly Dictionary<string, EngagementScoringRule> _rules;
    private readonly Dictionary<string, int> _fitGroupCaps;
    private readonly Dictionary<string, int> _engagementGroupCaps;

    public LeadScoreCalculator(LeadScoringOptions options)
    {
        _options = options;
        _rules = options.EngagementRules.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        _fitGroupCaps = new Dictionary<string, int>(options.FitGroupCaps, StringComparer.OrdinalIgnoreCase);
        _engagementGroupCaps = new Dictionary<string, int>(options.EngagementGroupCaps, StringComparer.OrdinalIgnoreCase);
    }

    public LeadScoringOptions Options => _options;

    /// <summary>The state of a person never scored: zero points, the grade of zero points, not qualified.</summary>
    public LeadScoreState Zero => new(0, 0, $"{FitGrade(0)}{EngagementGrade(0)}", LeadQualification.None, DateTimeOffset.MinValue);

    public LeadScore Compute(LeadScorePerson person, Func<RecordField, string?>? fieldOf, LeadScoreState? lastFit, IReadOnlyList<LeadScoreEntry> entries, DateTimeOffset at)
    {
        var items = new List<LeadScoreItem>(_options.FitRules.Count + entries.Count);
        var caps = new List<LeadScoreCap>();
        double fit;
        if (fieldOf is not null)
        {
            foreach (FitScoringRule rule in _options.FitRules)
            {
                string? value = fieldOf(rule.Field);
                if (rule.Matches(value))
                {
                    items.Add(new LeadScoreItem
                    {
                        Rule = rule.Name,
                        Dimension = LeadScoreDimension.Fit,
                        Group = rule.Group,
                        Trigger = rule.Describe(value),
                        Points = rule.Points,
                        AfterCap = rule.Points,
                        AfterDecay = rule.Points,
                    });
                }
            }

            fit = Capped(items, 0, LeadScoreDimension.Fit, _fitGroupCaps, _options.FitCap, caps);
        }
        else
        {
            // Scoring from an event, without the record: the fit of the record last scored, already capped.
            fit = lastFit?.Fit ?? 0;
            if (fit != 0)
            {
                items.Add(new LeadScoreItem
                {
                    Rule = "(fit as last scored)",
                    Dimension = LeadScoreDimension.Fit,
                    Trigger = $"the record's fit when last scored, at {lastFit!.At:O}",
                    Points = fit,
                    AfterCap = fit,
                    AfterDecay = fit,
                });
            }
        }

        int firstEngagement = items.Count;
        Dictionary<(string Rule, long Period), (int Count, double Points)>? counters = null;
        foreach (LeadScoreEntry entry in entries)
        {
            if (entry.OccurredAt > at)
            {
                continue;
            }

            _rules.TryGetValue(entry.Rule, out EngagementScoringRule? rule);
            double points = entry.Points;
            double afterCap = points;
            string? reason = null;
            if (rule?.Cap is { } cap)
            {
                counters ??= [];
                (string, long) key = (rule.Name, PeriodStart(entry.OccurredAt, cap.Per));
                counters.TryGetValue(key, out (int Count, double Points) so);
                if (cap.MaxOccurrences is { } most && so.Count >= most)
                {
                    afterCap = 0;
                    reason = $"cap: {most} {Per(cap.Per, most == 1 ? "event" : "events")} reached";
                }
                else if (cap.MaxPoints is { } max && points > 0 && so.Points + points > max)
                {
                    afterCap = Math.Max(0, max - so.Points);
                    reason = $"cap: {max} {Per(cap.Per, "points")}";
                }

                if (cap.MaxOccurrences is not { } limit || so.Count < limit)
                {
                    counters[key] = (so.Count + 1, so.Points + afterCap);
                }
            }

            double factor = (rule?.Decay ?? _options.Decay).Factor(at - entry.OccurredAt);
            items.Add(new LeadScoreItem
            {
                Rule = rule?.Name ?? entry.Rule,
                Dimension = LeadScoreDimension.Engagement,
                Group = rule?.Group,
                Trigger = entry.Trigger,
                EventKey = entry.EventKey,
                OccurredAt = entry.OccurredAt,
                Points = points,
                AfterCap = afterCap,
                AfterDecay = afterCap * factor,
                CapReason = reason,
            });
        }

        double engagement = Capped(items, firstEngagement, LeadScoreDimension.Engagement, _engagementGroupCaps, _options.EngagementCap, caps);
        int total = (int)Math.Round(fit + engagement, MidpointRounding.AwayFromZero);
        return new LeadScore
        {
            At = at,
            Person = person,
            Fit = fit,
            Engagement = engagement,
            Total = total,
            FitGrade = FitGrade(fit),
            EngagementGrade = EngagementGrade(engagement),
            Qualification = _options.SqlThreshold is { } sql && total >= sql ? LeadQualification.Sql
                : total >= _options.MqlThreshold ? LeadQualification.Mql
                : LeadQualification.None,
            Items = items,
            Caps = caps,
        };
    }

    private char FitGrade(double fit) => fit >= _options.FitGradeA ? 'A' : fit >= _options.FitGradeB ? 'B' : 'C';

    private int EngagementGrade(double engagement) => engagement >= _options.EngagementGrade1 ? 1 : engagement >= _options.EngagementGrade2 ? 2 : 3;

    // Sums the dimension's items (from index `from`) group by group in order of first appearance, cutting each group to its
    // cap, then the whole to the dimension's cap.
    private static double Capped(List<LeadScoreItem> items, int from, LeadScoreDimension dimension, Dictionary<string, int> groupCaps, int? dimensionCap, List<LeadScoreCap> caps)
    {
        double ungrouped = 0;
        List<(string Group, double Sum)>? groups = null;
        for (int i = from; i < items.Count; i++)
        {
            LeadScoreItem item = items[i];
            if (item.Group is null)
            {
                ungrouped += item.AfterDecay;
                continue;
            }

            groups ??= [];
            int at = groups.FindIndex(g => string.Equals(g.Group, item.Group, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                groups.Add((item.Group, item.AfterDecay));
            }
            else
            {
                groups[at] = (groups[at].Group, groups[at].Sum + item.AfterDecay);
            }
        }

        double total = ungrouped;
        foreach ((string group, double sum) in groups ?? [])
        {
            double kept = sum;
            if (groupCaps.TryGetValue(group, out int cap) && sum > cap)
            {
                caps.Add(new LeadScoreCap { Dimension = dimension, Group = group, Limit = cap, Before = sum });
                kept = cap;
            }

            total += kept;
        }

        if (dimensionCap is { } limit && total > limit)
        {
            caps.Add(new LeadScoreCap { Dimension = dimension, Limit = limit, Before = total });
            total = limit;
        }

        return total;
    }

    private static long PeriodStart(DateTimeOffset at, ScoringPeriod per)
    {
        DateTime day = at.UtcDateTime.Date;
        return per switch
        {
            ScoringPeriod.Day => day.Ticks,
            ScoringPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).Ticks,
            _ => 0,
        };
    }

    private static string Per(ScoringPeriod per, string what) => per switch
    {
        ScoringPeriod.Day => $"{what} a day",
        ScoringPeriod.Week => $"{what} a week",
        _ => $"{what} in all",
    };
}
