using System.Runtime.InteropServices;

namespace Martech.Sdk;

/// <summary>Works a score out from the model, the record's fields (or the last fit), the person's ledger and an instant:
/// a pure function, so the same inputs give the same score to the last point. <see cref="Compute"/> builds the full
/// explanation; <see cref="Summarize"/> works out the same numbers without it (no allocation), for the check after each
/// recorded event. Both run the engagement half through one <see cref="Tally"/>, so they agree to the last bit.</summary>
internal sealed class LeadScoreCalculator
{
    // Rules and groups at most this many are counted in stack memory.
    private const int StackLimit = 64;

    private readonly LeadScoringOptions _options;
    private readonly EngagementScoringRule[] _rules;
    private readonly Dictionary<string, int> _ruleIndex;
    private readonly int[] _groupOf;
    private readonly int?[] _groupCap;
    private readonly Dictionary<string, int> _fitGroupCaps;
    private readonly Dictionary<string, int> _engagementGroupCaps;
    private readonly string[] _grades;

    public LeadScoreCalculator(LeadScoringOptions options)
    {
        _options = options;
        _rules = [.. options.EngagementRules];
        _ruleIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _rules.Length; i++)
        {
            _ruleIndex[_rules[i].Name] = i;
        }

        _fitGroupCaps = new Dictionary<string, int>(options.FitGroupCaps, StringComparer.OrdinalIgnoreCase);
        _engagementGroupCaps = new Dictionary<string, int>(options.EngagementGroupCaps, StringComparer.OrdinalIgnoreCase);

        // Groups are the rules' group names, ignoring case.
        var groups = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _groupOf = new int[_rules.Length];
        var caps = new List<int?>();
        for (int i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Group is not { } group)
            {
                _groupOf[i] = -1;
                continue;
            }

            if (!groups.TryGetValue(group, out int g))
            {
                groups[group] = g = groups.Count;
                caps.Add(_engagementGroupCaps.TryGetValue(group, out int cap) ? cap : null);
            }

            _groupOf[i] = g;
        }

        _groupCap = [.. caps];
        _grades = new string[9];
        foreach (char fit in "ABC")
        {
            for (int engagement = 1; engagement <= 3; engagement++)
            {
                _grades[GradeIndex(fit, engagement)] = $"{fit}{engagement}";
            }
        }
    }

    public LeadScoringOptions Options => _options;

    /// <summary>The state of a person never scored: zero points, the grade of zero points, not qualified.</summary>
    public LeadScoreState Zero => new(0, 0, ZeroGrade, LeadQualification.None, DateTimeOffset.MinValue);

    /// <summary>The grade of zero points.</summary>
    public string ZeroGrade => Grade(0, 0);

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

            fit = CappedFit(items, caps);
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

        entries = InLedgerOrder(entries);
        Span<CapCounter> counters = _rules.Length <= StackLimit ? stackalloc CapCounter[_rules.Length] : new CapCounter[_rules.Length];
        Span<GroupSum> sums = _groupCap.Length <= StackLimit ? stackalloc GroupSum[_groupCap.Length] : new GroupSum[_groupCap.Length];
        Span<int> order = _groupCap.Length <= StackLimit ? stackalloc int[_groupCap.Length] : new int[_groupCap.Length];
        var tally = new Tally(this, at, counters, sums, order, items);
        foreach (LeadScoreEntry entry in entries)
        {
            tally.Add(entry);
        }

        double engagement = tally.Finish(caps);
        return Score(person, fit, engagement, at, items, caps);
    }

    /// <summary>The numbers <see cref="Compute"/> gives for a person scored from the ledger with the fit last scored,
    /// without the explanation. The ledger is <paramref name="first"/> and the entries of <paramref name="second"/>
    /// whose person's address is not <paramref name="skipSecondOf"/> (those are in <paramref name="first"/> already),
    /// each in ledger order.</summary>
    public LeadScoreSummary Summarize(double fit, IReadOnlyList<LeadScoreEntry>? first, IReadOnlyList<LeadScoreEntry>? second, string? skipSecondOf, DateTimeOffset at)
    {
        Span<CapCounter> counters = _rules.Length <= StackLimit ? stackalloc CapCounter[_rules.Length] : new CapCounter[_rules.Length];
        Span<GroupSum> sums = _groupCap.Length <= StackLimit ? stackalloc GroupSum[_groupCap.Length] : new GroupSum[_groupCap.Length];
        Span<int> order = _groupCap.Length <= StackLimit ? stackalloc int[_groupCap.Length] : new int[_groupCap.Length];
        var tally = new Tally(this, at, counters, sums, order, null);
        int i = 0, j = 0, n = first?.Count ?? 0, m = second?.Count ?? 0;
        while (true)
        {
            while (j < m && skipSecondOf is not null && string.Equals(second![j].Person.Email, skipSecondOf, StringComparison.Ordinal))
            {
                j++;
            }

            if (i < n && (j >= m || LedgerOrder.Instance.Compare(first![i], second![j]) <= 0))
            {
                tally.Add(first![i++]);
            }
            else if (j < m)
            {
                tally.Add(second![j++]);
            }
            else
            {
                break;
            }
        }

        double engagement = tally.Finish(null);
        int total = Total(fit, engagement);
        return new LeadScoreSummary(fit, total, Grade(fit, engagement), Qualification(total));
    }

    /// <summary>The entries in ledger order: as given when they are (what <see cref="ILeadScoreStore"/> promises),
    /// else a sorted copy.</summary>
    public static IReadOnlyList<LeadScoreEntry> InLedgerOrder(IReadOnlyList<LeadScoreEntry> entries)
    {
        for (int i = 1; i < entries.Count; i++)
        {
            if (LedgerOrder.Instance.Compare(entries[i - 1], entries[i]) > 0)
            {
                var sorted = new List<LeadScoreEntry>(entries);
                sorted.Sort(LedgerOrder.Instance);
                return sorted;
            }
        }

        return entries;
    }

    private LeadScore Score(LeadScorePerson person, double fit, double engagement, DateTimeOffset at, List<LeadScoreItem> items, List<LeadScoreCap> caps)
    {
        int total = Total(fit, engagement);
        return new LeadScore
        {
            At = at,
            Person = person,
            Fit = fit,
            Engagement = engagement,
            Total = total,
            FitGrade = FitGrade(fit),
            EngagementGrade = EngagementGrade(engagement),
            Qualification = Qualification(total),
            Items = items,
            Caps = caps,
        };
    }

    // The rule an entry names: entries this engine made carry the rule's own name string, so a reference check over the
    // first rules usually finds it; else by name, ignoring case; -1 for a rule no longer in the model.
    private int RuleIndex(string name)
    {
        EngagementScoringRule[] rules = _rules;
        for (int i = 0; i < rules.Length && i < 16; i++)
        {
            if (ReferenceEquals(rules[i].Name, name))
            {
                return i;
            }
        }

        return _ruleIndex.TryGetValue(name, out int found) ? found : -1;
    }

    private static int Total(double fit, double engagement) => (int)Math.Round(fit + engagement, MidpointRounding.AwayFromZero);

    private LeadQualification Qualification(int total) =>
        _options.SqlThreshold is { } sql && total >= sql ? LeadQualification.Sql
        : total >= _options.MqlThreshold ? LeadQualification.Mql
        : LeadQualification.None;

    private string Grade(double fit, double engagement) => _grades[GradeIndex(FitGrade(fit), EngagementGrade(engagement))];

    private static int GradeIndex(char fit, int engagement) => ((fit - 'A') * 3) + engagement - 1;

    private char FitGrade(double fit) => fit >= _options.FitGradeA ? 'A' : fit >= _options.FitGradeB ? 'B' : 'C';

    private int EngagementGrade(double engagement) => engagement >= _options.EngagementGrade1 ? 1 : engagement >= _options.EngagementGrade2 ? 2 : 3;

    // Sums the fit items group by group in order of first appearance, cutting each group to its cap, then the whole to
    // the fit cap.
    private double CappedFit(List<LeadScoreItem> items, List<LeadScoreCap> caps)
    {
        double ungrouped = 0;
        List<(string Group, double Sum)>? groups = null;
        foreach (LeadScoreItem item in items)
        {
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
            if (_fitGroupCaps.TryGetValue(group, out int cap) && sum > cap)
            {
                caps.Add(new LeadScoreCap { Dimension = LeadScoreDimension.Fit, Group = group, Limit = cap, Before = sum });
                kept = cap;
            }

            total += kept;
        }

        if (_options.FitCap is { } limit && total > limit)
        {
            caps.Add(new LeadScoreCap { Dimension = LeadScoreDimension.Fit, Limit = limit, Before = total });
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

    /// <summary>A rule's frequency-cap counter in its current period. The ledger is read in time order, so a rule's
    /// periods only move forward and one counter per rule is enough.</summary>
    [StructLayout(LayoutKind.Auto)]
    private struct CapCounter
    {
        public bool Started;
        public long Period;
        public int Count;
        public double Points;
    }

    [StructLayout(LayoutKind.Auto)]
    private struct GroupSum
    {
        public bool Seen;
        public int FirstRule;
        public double Sum;
    }

    /// <summary>The engagement half, entry by entry in ledger order: frequency caps, decay, then group sums (groups in
    /// order of first appearance) and the engagement cap. Adds an explanation item per entry when given a list.</summary>
    private ref struct Tally
    {
        private readonly LeadScoreCalculator _calculator;
        private readonly DateTimeOffset _at;
        private readonly Span<CapCounter> _counters;
        private readonly Span<GroupSum> _sums;
        private readonly Span<int> _order;
        private readonly List<LeadScoreItem>? _items;
        private double _ungrouped;
        private int _groupsSeen;

        public Tally(LeadScoreCalculator calculator, DateTimeOffset at, Span<CapCounter> counters, Span<GroupSum> sums, Span<int> order, List<LeadScoreItem>? items)
        {
            _calculator = calculator;
            _at = at;
            _counters = counters;
            _sums = sums;
            _order = order;
            _items = items;
            counters.Clear();
            sums.Clear();
        }

        public void Add(LeadScoreEntry entry)
        {
            if (entry.OccurredAt > _at)
            {
                return;
            }

            int index = _calculator.RuleIndex(entry.Rule);
            if (index < 0)
            {
                // The rule that recorded this entry is no longer configured: the entry stays in the ledger (append-only;
                // configuring the rule again brings its points back) and counts nothing now.
                _items?.Add(new LeadScoreItem
                {
                    Rule = entry.Rule,
                    Dimension = LeadScoreDimension.Engagement,
                    Trigger = entry.Trigger,
                    EventKey = entry.EventKey,
                    OccurredAt = entry.OccurredAt,
                    Points = entry.Points,
                    AfterCap = 0,
                    AfterDecay = 0,
                    CapReason = "the rule is no longer configured: counts nothing",
                });
                return;
            }

            EngagementScoringRule? rule = _calculator._rules[index];
            double points = entry.Points;
            double afterCap = points;
            string? reason = null;
            if (rule?.Cap is { } cap)
            {
                ref CapCounter so = ref _counters[index];
                long period = PeriodStart(entry.OccurredAt, cap.Per);
                if (!so.Started || so.Period != period)
                {
                    so = new CapCounter { Started = true, Period = period };
                }

                if (cap.MaxOccurrences is { } most && so.Count >= most)
                {
                    afterCap = 0;
                    reason = _items is null ? null : $"cap: {most} {Per(cap.Per, most == 1 ? "event" : "events")} reached";
                }
                else if (cap.MaxPoints is { } max && points > 0 && so.Points + points > max)
                {
                    afterCap = Math.Max(0, max - so.Points);
                    reason = _items is null ? null : $"cap: {max} {Per(cap.Per, "points")}";
                }

                if (cap.MaxOccurrences is not { } limit || so.Count < limit)
                {
                    so.Count++;
                    so.Points += afterCap;
                }
            }

            double afterDecay = afterCap * (rule?.Decay ?? _calculator._options.Decay).Factor(_at - entry.OccurredAt);
            int group = index < 0 ? -1 : _calculator._groupOf[index];
            if (group < 0)
            {
                _ungrouped += afterDecay;
            }
            else
            {
                ref GroupSum sum = ref _sums[group];
                if (!sum.Seen)
                {
                    sum.Seen = true;
                    sum.FirstRule = index;
                    _order[_groupsSeen++] = group;
                }

                sum.Sum += afterDecay;
            }

            _items?.Add(new LeadScoreItem
            {
                Rule = rule?.Name ?? entry.Rule,
                Dimension = LeadScoreDimension.Engagement,
                Group = rule?.Group,
                Trigger = entry.Trigger,
                EventKey = entry.EventKey,
                OccurredAt = entry.OccurredAt,
                Points = points,
                AfterCap = afterCap,
                AfterDecay = afterDecay,
                CapReason = reason,
            });
        }

        public readonly double Finish(List<LeadScoreCap>? caps)
        {
            double total = _ungrouped;
            for (int i = 0; i < _groupsSeen; i++)
            {
                int group = _order[i];
                double sum = _sums[group].Sum;
                double kept = sum;
                if (_calculator._groupCap[group] is { } cap && sum > cap)
                {
                    caps?.Add(new LeadScoreCap { Dimension = LeadScoreDimension.Engagement, Group = _calculator._rules[_sums[group].FirstRule].Group!, Limit = cap, Before = sum });
                    kept = cap;
                }

                total += kept;
            }

            if (_calculator._options.EngagementCap is { } limit && total > limit)
            {
                caps?.Add(new LeadScoreCap { Dimension = LeadScoreDimension.Engagement, Limit = limit, Before = total });
                total = limit;
            }

            return total;
        }
    }
}

/// <summary>A score's numbers without its explanation: what the state after an event is made of.</summary>
internal readonly record struct LeadScoreSummary(double Fit, int Total, string Grade, LeadQualification Qualification);
