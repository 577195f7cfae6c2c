using System.Diagnostics.CodeAnalysis;

namespace Martech.Sdk;

/// <summary>What a <see cref="CampaignGoal"/> measures: a count of <see cref="CampaignStats"/> (such as
/// <see cref="CampaignMetric.TotalClicks"/>) or a rate in percent (such as <see cref="ClickThroughRate"/>, or any count
/// divided by another).</summary>
/// <remarks>Written in configuration as the count's name (<c>TotalClicks</c>), a rate's name (<c>ClickThroughRate</c>)
/// or a count over a count (<c>UniqueClicks/Delivered</c>); names ignore case. A named rate is divided exactly as the
/// <see cref="CampaignStats"/> property of that name divides (the click-through rate by unique recipients, or by sends when
/// the source reports no recipient count).</remarks>
public sealed class CampaignGoalMetric : IEquatable<CampaignGoalMetric>
{
    private static readonly CampaignMetric[] Counts =
    [
        CampaignMetric.Sent, CampaignMetric.UniqueRecipients, CampaignMetric.Delivered, CampaignMetric.Dropped,
        CampaignMetric.Bounces, CampaignMetric.TotalOpens, CampaignMetric.UniqueOpens, CampaignMetric.TotalClicks,
        CampaignMetric.UniqueClicks, CampaignMetric.Unsubscribes, CampaignMetric.SpamReports,
    ];

    private readonly CampaignMetric _numerator;
    private readonly CampaignMetric _denominator;
    private readonly Func<CampaignStats, CampaignRate>? _namedRate;

    private CampaignGoalMetric(string name, CampaignMetric numerator, CampaignMetric denominator, Func<CampaignStats, CampaignRate>? namedRate)
    {
        Name = name;
        _numerator = numerator;
        _denominator = denominator;
        _namedRate = namedRate;
    }

    /// <summary><see cref="CampaignStats.ClickThroughRate"/>: unique clicks ÷ unique recipients × 100.</summary>
    public static CampaignGoalMetric ClickThroughRate { get; } = new(nameof(ClickThroughRate), CampaignMetric.None, CampaignMetric.None, s => s.ClickThroughRate);

    /// <summary><see cref="CampaignStats.OpenRate"/>: unique opens ÷ unique recipients × 100.</summary>
    public static CampaignGoalMetric OpenRate { get; } = new(nameof(OpenRate), CampaignMetric.None, CampaignMetric.None, s => s.OpenRate);

    /// <summary><see cref="CampaignStats.ClickToOpenRate"/>: unique clicks ÷ unique opens × 100.</summary>
    public static CampaignGoalMetric ClickToOpenRate { get; } = new(nameof(ClickToOpenRate), CampaignMetric.None, CampaignMetric.None, s => s.ClickToOpenRate);

    /// <summary><see cref="CampaignStats.DeliveryRate"/>: delivered ÷ sent × 100.</summary>
    public static CampaignGoalMetric DeliveryRate { get; } = new(nameof(DeliveryRate), CampaignMetric.None, CampaignMetric.None, s => s.DeliveryRate);

    /// <summary><see cref="CampaignStats.BounceRate"/>: bounces ÷ sent × 100.</summary>
    public static CampaignGoalMetric BounceRate { get; } = new(nameof(BounceRate), CampaignMetric.None, CampaignMetric.None, s => s.BounceRate);

    /// <summary><see cref="CampaignStats.UnsubscribeRate"/>: unsubscribes ÷ delivered × 100.</summary>
    public static CampaignGoalMetric UnsubscribeRate { get; } = new(nameof(UnsubscribeRate), CampaignMetric.None, CampaignMetric.None, s => s.UnsubscribeRate);

    /// <summary><see cref="CampaignStats.SpamReportRate"/>: spam reports ÷ delivered × 100.</summary>
    public static CampaignGoalMetric SpamReportRate { get; } = new(nameof(SpamReportRate), CampaignMetric.None, CampaignMetric.None, s => s.SpamReportRate);

    private static CampaignGoalMetric[] NamedRates =>
        [ClickThroughRate, OpenRate, ClickToOpenRate, DeliveryRate, BounceRate, UnsubscribeRate, SpamReportRate];

    /// <summary>How the metric is written: <c>TotalClicks</c>, <c>ClickThroughRate</c> or <c>UniqueClicks/Delivered</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the metric is a rate in percent (otherwise a count).</summary>
    public bool IsRate => _namedRate is not null || _denominator != CampaignMetric.None;

    /// <summary>A count of <see cref="CampaignStats"/>.</summary>
    /// <param name="metric">One count, such as <see cref="CampaignMetric.TotalClicks"/>.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is not exactly one count.</exception>
    public static CampaignGoalMetric Count(CampaignMetric metric) =>
        IsCount(metric) ? new(metric.ToString(), metric, CampaignMetric.None, null) : throw new ArgumentException($"'{metric}' is not one count of CampaignStats: name one of {string.Join(", ", Counts)}.", nameof(metric));

    /// <summary>A rate in percent: <paramref name="numerator"/> ÷ <paramref name="denominator"/> × 100 (as
    /// <see cref="CampaignStats.Rate"/> divides).</summary>
    /// <param name="numerator">The count divided.</param>
    /// <param name="denominator">The count divided by.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentException">Either is not exactly one count.</exception>
    public static CampaignGoalMetric Rate(CampaignMetric numerator, CampaignMetric denominator)
    {
        if (!IsCount(numerator))
        {
            throw new ArgumentException($"'{numerator}' is not one count of CampaignStats: name one of {string.Join(", ", Counts)}.", nameof(numerator));
        }

        return IsCount(denominator)
            ? new($"{numerator}/{denominator}", numerator, denominator, null)
            : throw new ArgumentException($"'{denominator}' is not one count of CampaignStats: name one of {string.Join(", ", Counts)}.", nameof(denominator));
    }

    /// <summary>Reads a metric as configuration writes it: a count (<c>TotalClicks</c>), a rate's name
    /// (<c>ClickThroughRate</c>) or a count over a count (<c>UniqueClicks/Delivered</c>), ignoring case.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="ArgumentException">The text names no metric; the message lists those that exist.</exception>
    public static CampaignGoalMetric Parse(string text) =>
        TryParse(text, out CampaignGoalMetric? metric)
            ? metric
            : throw new ArgumentException($"'{text}' is not a goal metric: write a count ({string.Join(", ", Counts)}), a rate ({string.Join(", ", NamedRates.Select(r => r.Name))}), or a count over a count such as UniqueClicks/Delivered.", nameof(text));

    /// <summary>Reads a metric as configuration writes it, without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="metric">The metric, when the text names one.</param>
    /// <returns>Whether it did.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out CampaignGoalMetric? metric)
    {
        metric = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string trimmed = text.Trim();
        int slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (TryCount(trimmed[..slash], out CampaignMetric numerator) && TryCount(trimmed[(slash + 1)..], out CampaignMetric denominator))
            {
                metric = Rate(numerator, denominator);
            }

            return metric is not null;
        }

        metric = NamedRates.FirstOrDefault(r => string.Equals(r.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (metric is null && TryCount(trimmed, out CampaignMetric count))
        {
            metric = Count(count);
        }

        return metric is not null;
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <inheritdoc />
    public bool Equals(CampaignGoalMetric? other) => other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CampaignGoalMetric);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>Reads the metric from one stats entry: the count (denominator 0, metric <see cref="CampaignMetric.None"/>)
    /// or the rate's two counts, and whether the source reports what it needs.</summary>
    internal (long Numerator, long Denominator, CampaignMetric NumeratorMetric, CampaignMetric DenominatorMetric, bool Reported) Read(CampaignStats stats)
    {
        if (_namedRate is null && _denominator == CampaignMetric.None)
        {
            return (stats.Count(_numerator), 0, _numerator, CampaignMetric.None, (stats.Reported & _numerator) == _numerator);
        }

        CampaignRate rate = _namedRate is not null ? _namedRate(stats) : stats.Rate(Name, _numerator, _denominator);
        bool reported = (stats.Reported & rate.Numerator) == rate.Numerator && (stats.Reported & rate.Denominator) == rate.Denominator;
        return (rate.NumeratorValue, rate.DenominatorValue, rate.Numerator, rate.Denominator, reported);
    }

    private static bool IsCount(CampaignMetric metric) => Array.IndexOf(Counts, metric) >= 0;

    private static bool TryCount(string text, out CampaignMetric metric)
    {
        string name = text.Trim();
        metric = Counts.FirstOrDefault(c => string.Equals(c.ToString(), name, StringComparison.OrdinalIgnoreCase));
        return metric != CampaignMetric.None;
    }
}
