namespace Martech.Sdk.Testing;

/// <summary>
/// What an email emulator sent and the events it generated for each send (processed, delivered or bounced, opened,
/// clicked, unsubscribed, spam report, from <see cref="EmailEventSimulation"/>), kept per tag or category so the
/// emulator's statistics endpoints count from them: per day of a calendar at a given UTC offset, or per month.
/// </summary>
/// <remarks>Opens by machines count as opens, as the vendors' statistics count them. Unique opens and clicks count a
/// recipient once per bucket (per day, per month, or over the whole range).</remarks>
internal sealed class EmulatorEmailStats
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<SimulatedEmailEvent>> _events = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records the events of one recipient of one send under each of its tags.</summary>
    public void Record(IEnumerable<string> tags, IReadOnlyList<SimulatedEmailEvent> events)
    {
        lock (_gate)
        {
            foreach (string tag in tags.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!_events.TryGetValue(tag, out List<SimulatedEmailEvent>? list))
                {
                    _events[tag] = list = [];
                }

                list.AddRange(events);
            }
        }
    }

    /// <summary>Whether any send carried the tag.</summary>
    public bool Knows(string tag)
    {
        lock (_gate)
        {
            return _events.ContainsKey(tag);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    /// <summary>Counts per bucket from <paramref name="first"/> to <paramref name="last"/> (inclusive days), every bucket
    /// present, in order; <paramref name="monthly"/> buckets by calendar month, else by day.</summary>
    public IReadOnlyList<EmulatorStatsBucket> Buckets(string tag, TimeSpan utcOffset, DateOnly first, DateOnly last, bool monthly)
    {
        List<SimulatedEmailEvent> events = Snapshot(tag);
        var buckets = new List<EmulatorStatsBucket>();
        DateOnly start = monthly ? new DateOnly(first.Year, first.Month, 1) : first;
        for (DateOnly bucket = start; bucket <= last; bucket = monthly ? bucket.AddMonths(1) : bucket.AddDays(1))
        {
            DateOnly end = monthly ? bucket.AddMonths(1) : bucket.AddDays(1);
            DateOnly from = bucket < first ? first : bucket;
            DateOnly to = end > last.AddDays(1) ? last.AddDays(1) : end;
            buckets.Add(Count(bucket, events.Where(e => InRange(e, utcOffset, from, to))));
        }

        return buckets;
    }

    /// <summary>Counts over a whole range (either end open), recipients counted once for the unique counts, and the days
    /// with any event.</summary>
    public (EmulatorStatsBucket Total, IReadOnlyList<EmulatorStatsBucket> Days) Range(string tag, TimeSpan utcOffset, DateOnly? first, DateOnly? last)
    {
        List<SimulatedEmailEvent> events = Snapshot(tag)
            .Where(e => (first is null || Day(e, utcOffset) >= first) && (last is null || Day(e, utcOffset) <= last))
            .ToList();
        var days = events.GroupBy(e => Day(e, utcOffset)).OrderBy(g => g.Key).Select(g => Count(g.Key, g)).ToList();
        return (Count(first ?? default, events), days);
    }

    private static bool InRange(SimulatedEmailEvent e, TimeSpan utcOffset, DateOnly from, DateOnly to)
    {
        DateOnly day = Day(e, utcOffset);
        return day >= from && day < to;
    }

    private static DateOnly Day(SimulatedEmailEvent e, TimeSpan utcOffset) => DateOnly.FromDateTime(e.OccurredAt.ToOffset(utcOffset).DateTime);

    private static EmulatorStatsBucket Count(DateOnly start, IEnumerable<SimulatedEmailEvent> events)
    {
        var bucket = new EmulatorStatsBucket { Start = start };
        var opened = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var clicked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (SimulatedEmailEvent e in events)
        {
            if (e.Type == EmailEventType.Processed)
            {
                bucket.Sent++;
            }
            else if (e.Type == EmailEventType.Delivered)
            {
                bucket.Delivered++;
            }
            else if (e.Type == EmailEventType.Bounced)
            {
                bucket.Bounced++;
            }
            else if (e.Type == EmailEventType.Opened)
            {
                bucket.Opens++;
                opened.Add(e.Recipient);
            }
            else if (e.Type == EmailEventType.Clicked)
            {
                bucket.Clicks++;
                clicked.Add(e.Recipient);
            }
            else if (e.Type == EmailEventType.Unsubscribed)
            {
                bucket.Unsubscribes++;
            }
            else if (e.Type == EmailEventType.SpamReport)
            {
                bucket.SpamReports++;
            }
        }

        bucket.UniqueOpens = opened.Count;
        bucket.UniqueClicks = clicked.Count;
        return bucket;
    }

    private List<SimulatedEmailEvent> Snapshot(string tag)
    {
        lock (_gate)
        {
            return _events.TryGetValue(tag, out List<SimulatedEmailEvent>? list) ? [.. list] : [];
        }
    }
}
