using System.Globalization;
using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>How the report writes numbers and rates, the same in the HTML and on the console.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Percent(double? value) => value is { } p ? p.ToString("0.00", Invariant) + " %" : "n/a";

    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC";

    public static string Month(DateTimeOffset month) => month.ToString("yyyy-MM", Invariant);

    public static string MonthName(DateTimeOffset month) => month.ToString("MMM", Invariant);

    /// <summary>"3.12 % (12 ÷ 385)": the percent with its numerator and denominator.</summary>
    public static string Rate(CampaignRate rate) =>
        $"{Percent(rate.Percent)} ({Count(rate.NumeratorValue)} ÷ {Count(rate.DenominatorValue)})";

    /// <summary>"12 unique clicks ÷ 385 unique recipients": what the rate divides, in words.</summary>
    public static string Definition(CampaignRate rate) =>
        $"{Count(rate.NumeratorValue)} {Metric(rate.Numerator)} ÷ {Count(rate.DenominatorValue)} {Metric(rate.Denominator)}";

    public static string Metric(CampaignMetric metric) => metric switch
    {
        CampaignMetric.Sent => "sent",
        CampaignMetric.UniqueRecipients => "unique recipients",
        CampaignMetric.Delivered => "delivered",
        CampaignMetric.Dropped => "dropped",
        CampaignMetric.Bounces => "bounces",
        CampaignMetric.TotalOpens => "opens",
        CampaignMetric.UniqueOpens => "unique opens",
        CampaignMetric.TotalClicks => "clicks",
        CampaignMetric.UniqueClicks => "unique clicks",
        CampaignMetric.Unsubscribes => "unsubscribes",
        CampaignMetric.SpamReports => "spam reports",
        _ => metric.ToString(),
    };

    public static string Number(double value) => value.ToString("0.##", Invariant);
}
