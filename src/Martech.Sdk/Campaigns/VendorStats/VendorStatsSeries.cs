namespace Martech.Sdk;

/// <summary>
/// Turns a vendor's statistics series (counts per day, or per month) into one <see cref="CampaignStats"/>: the totals of
/// the period and, when asked, its <see cref="CampaignStats.Breakdown"/> by day or by month, with a zero entry for each
/// day or month the vendor left out.
/// </summary>
/// <remarks>
/// <para>Entries outside the period are ignored (vendors differ on whether an end date is inclusive). An entry for a
/// longer bucket, such as one month, is added at the bucket's first day. Counts added for the same day are summed.</para>
/// <para>Unique counts summed over days count a recipient once per day: a recipient who opened on two days is two unique
/// opens of the month. A vendor that reports totals over the whole period with its own unique counts (Postmark) puts
/// them in the result's totals itself.</para>
/// <para>A count the vendor does not report (<see cref="CampaignStats.Reported"/>) reads 0 in the result, whatever was
/// added for it; the bounce kinds count only when <see cref="CampaignMetric.BounceKinds"/> is reported.</para>
/// </remarks>
public sealed class VendorStatsSeries
{
    private readonly VendorStatsPeriod _period;
    private readonly string _campaignId;
    private readonly SortedDictionary<DateOnly, CampaignStats> _days = [];

    /// <summary>Creates an empty series.</summary>
    /// <param name="campaignId">The campaign id (category or tag) the stats are of.</param>
    /// <param name="period">The period they cover.</param>
    public VendorStatsSeries(string campaignId, VendorStatsPeriod period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(period);
        _campaignId = campaignId;
        _period = period;
    }

    /// <summary>Adds the vendor's counts for one day (or for the bucket starting that day).</summary>
    /// <param name="day">The day.</param>
    /// <param name="counts">The counts; only the counts are read.</param>
    public void Add(DateOnly day, CampaignStats counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if ((_period.FirstDay is { } first && day < first) || (_period.EndDay is { } end && day >= end))
        {
            return;
        }

        _days[day] = _days.TryGetValue(day, out CampaignStats? earlier) ? Sum(earlier, counts) : counts;
    }

    /// <summary>Builds the stats of the period: <see cref="CampaignStatsSource.Vendor"/>, the counts
    /// <paramref name="reported"/>, and the breakdown the period asks for.</summary>
    /// <param name="reported">The counts the vendor reports.</param>
    /// <returns>The stats: the totals are the sums of the entries.</returns>
    public CampaignStats Build(CampaignMetric reported)
    {
        CampaignStats sum = Empty();
        foreach (CampaignStats day in _days.Values)
        {
            sum = Sum(sum, day);
        }

        return Mask(sum, reported) with
        {
            CampaignId = _campaignId,
            From = _period.From,
            To = _period.To,
            Source = CampaignStatsSource.Vendor,
            Reported = reported,
            Breakdown = _period.Breakdown switch
            {
                CampaignStatsBreakdown.Day => Buckets(reported, static d => d, static d => d.AddDays(1)),
                CampaignStatsBreakdown.Month => Buckets(reported, static d => new DateOnly(d.Year, d.Month, 1), static d => d.AddMonths(1)),
                _ => [],
            },
        };
    }

    private List<CampaignStats> Buckets(CampaignMetric reported, Func<DateOnly, DateOnly> bucketOf, Func<DateOnly, DateOnly> next)
    {
        var buckets = new List<CampaignStats>();
        DateOnly? start = _period.FirstDay ?? (_days.Count > 0 ? _days.Keys.First() : null);
        if (start is null || _period.IsEmpty)
        {
            return buckets;
        }

        DateOnly last = _period.LastCountedDay;
        if (_days.Count > 0 && _days.Keys.Last() > last)
        {
            last = _days.Keys.Last();
        }

        using var entries = _days.GetEnumerator();
        bool more = entries.MoveNext();
        for (DateOnly bucket = bucketOf(start.Value); bucket <= last; bucket = next(bucket))
        {
            DateOnly end = next(bucket);
            CampaignStats counts = Empty();
            while (more && entries.Current.Key < end)
            {
                if (entries.Current.Key >= bucket)
                {
                    counts = Sum(counts, entries.Current.Value);
                }

                more = entries.MoveNext();
            }

            DateTimeOffset from = _period.StartOf(bucket);
            DateTimeOffset to = _period.StartOf(end);
            buckets.Add(Mask(counts, reported) with
            {
                CampaignId = _campaignId,
                From = _period.From is { } periodFrom && periodFrom > from ? periodFrom : from,
                To = _period.To is { } periodTo && periodTo < to ? periodTo : to,
                Source = CampaignStatsSource.Vendor,
                Reported = reported,
            });
        }

        return buckets;
    }

    // A count the vendor does not report reads 0, whatever was added for it.
    private static CampaignStats Mask(CampaignStats s, CampaignMetric reported)
    {
        int Keep(int value, CampaignMetric metric) => (reported & metric) == metric ? value : 0;
        return s with
        {
            Sent = Keep(s.Sent, CampaignMetric.Sent),
            UniqueRecipients = Keep(s.UniqueRecipients, CampaignMetric.UniqueRecipients),
            Delivered = Keep(s.Delivered, CampaignMetric.Delivered),
            Dropped = Keep(s.Dropped, CampaignMetric.Dropped),
            Bounces = Keep(s.Bounces, CampaignMetric.Bounces),
            HardBounces = Keep(s.HardBounces, CampaignMetric.BounceKinds),
            SoftBounces = Keep(s.SoftBounces, CampaignMetric.BounceKinds),
            BlockedBounces = Keep(s.BlockedBounces, CampaignMetric.BounceKinds),
            TotalOpens = Keep(s.TotalOpens, CampaignMetric.TotalOpens),
            UniqueOpens = Keep(s.UniqueOpens, CampaignMetric.UniqueOpens),
            TotalClicks = Keep(s.TotalClicks, CampaignMetric.TotalClicks),
            UniqueClicks = Keep(s.UniqueClicks, CampaignMetric.UniqueClicks),
            MachineOpens = Keep(s.MachineOpens, CampaignMetric.MachineEngagement),
            UniqueMachineOpens = Keep(s.UniqueMachineOpens, CampaignMetric.MachineEngagement),
            MachineClicks = Keep(s.MachineClicks, CampaignMetric.MachineEngagement),
            UniqueMachineClicks = Keep(s.UniqueMachineClicks, CampaignMetric.MachineEngagement),
            Unsubscribes = Keep(s.Unsubscribes, CampaignMetric.Unsubscribes),
            SpamReports = Keep(s.SpamReports, CampaignMetric.SpamReports),
        };
    }

    private CampaignStats Empty() => new() { CampaignId = _campaignId, Source = CampaignStatsSource.Vendor };

    private static CampaignStats Sum(CampaignStats a, CampaignStats b) => a with
    {
        Sent = a.Sent + b.Sent,
        UniqueRecipients = a.UniqueRecipients + b.UniqueRecipients,
        Delivered = a.Delivered + b.Delivered,
        Dropped = a.Dropped + b.Dropped,
        Bounces = a.Bounces + b.Bounces,
        HardBounces = a.HardBounces + b.HardBounces,
        SoftBounces = a.SoftBounces + b.SoftBounces,
        BlockedBounces = a.BlockedBounces + b.BlockedBounces,
        TotalOpens = a.TotalOpens + b.TotalOpens,
        UniqueOpens = a.UniqueOpens + b.UniqueOpens,
        TotalClicks = a.TotalClicks + b.TotalClicks,
        UniqueClicks = a.UniqueClicks + b.UniqueClicks,
        MachineOpens = a.MachineOpens + b.MachineOpens,
        UniqueMachineOpens = a.UniqueMachineOpens + b.UniqueMachineOpens,
        MachineClicks = a.MachineClicks + b.MachineClicks,
        UniqueMachineClicks = a.UniqueMachineClicks + b.UniqueMachineClicks,
        Unsubscribes = a.Unsubscribes + b.Unsubscribes,
        SpamReports = a.SpamReports + b.SpamReports,
    };
}
