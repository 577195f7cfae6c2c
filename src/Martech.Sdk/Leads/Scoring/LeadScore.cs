using System.Globalization;
using System.Text;

namespace Martech.Sdk;

/// <summary>A lead's (or contact's) score at an instant, with its explanation: every rule that counted, every cap that
/// cut. Recomputed from the engagement ledger and the record's fields, so the same ledger, record and instant always give
/// the same score.</summary>
public sealed record LeadScore
{
    /// <summary>The instant the score is for.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who: the person the ledger entries were looked up by.</summary>
    public required LeadScorePerson Person { get; init; }

    /// <summary>The fit points, after group caps and <see cref="LeadScoringOptions.FitCap"/>.</summary>
    public required double Fit { get; init; }

    /// <summary>The engagement points, after frequency caps, decay, group caps and
    /// <see cref="LeadScoringOptions.EngagementCap"/>.</summary>
    public required double Engagement { get; init; }

    /// <summary>Fit + engagement, rounded to a whole number (halves away from zero): what thresholds compare and what is
    /// written to <see cref="Lead.Score"/>.</summary>
    public required int Total { get; init; }

    /// <summary>The fit grade: <c>A</c>, <c>B</c> or <c>C</c> (<see cref="LeadScoringOptions.FitGradeA"/>,
    /// <see cref="LeadScoringOptions.FitGradeB"/>).</summary>
    public required char FitGrade { get; init; }

    /// <summary>The engagement grade: 1, 2 or 3 (<see cref="LeadScoringOptions.EngagementGrade1"/>,
    /// <see cref="LeadScoringOptions.EngagementGrade2"/>).</summary>
    public required int EngagementGrade { get; init; }

    /// <summary>The grade band, from <c>A1</c> (best fit, most engaged) to <c>C3</c>.</summary>
    public string Grade => string.Create(CultureInfo.InvariantCulture, $"{FitGrade}{EngagementGrade}");

    /// <summary>Where <see cref="Total"/> stands against the MQL and SQL thresholds.</summary>
    public required LeadQualification Qualification { get; init; }

    /// <summary>The rules that counted (fit in rule order, then engagement events in time order), including events a
    /// frequency cap cut to zero or decay faded out.</summary>
    public required IReadOnlyList<LeadScoreItem> Items { get; init; }

    /// <summary>The group and dimension caps that cut.</summary>
    public required IReadOnlyList<LeadScoreCap> Caps { get; init; }

    /// <summary>The explanation as text, one line per item and cap.</summary>
    /// <returns>The text.</returns>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Total} ({Grade}, {Qualification}) at {At:O}: fit {Points(Fit)}, engagement {Points(Engagement)}\n");
        foreach (LeadScoreItem item in Items)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {item.Dimension} '{item.Rule}'{(item.Group is null ? string.Empty : $" [{item.Group}]")}: {Points(item.Points)}");
            if (item.AfterCap != item.Points)
            {
                text.Append(CultureInfo.InvariantCulture, $" → {Points(item.AfterCap)} ({item.CapReason})");
            }

            if (item.AfterDecay != item.AfterCap)
            {
                text.Append(CultureInfo.InvariantCulture, $" → {Points(item.AfterDecay)} after decay");
            }

            text.Append(CultureInfo.InvariantCulture, $" — {item.Trigger}{(item.OccurredAt is { } at ? $" at {at:O}" : string.Empty)}\n");
        }

        foreach (LeadScoreCap cap in Caps)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {cap.Dimension} {(cap.Group is null ? "cap" : $"group '{cap.Group}' cap")} {cap.Limit}: {Points(cap.Before)} cut by {Points(cap.Cut)}\n");
        }

        return text.ToString();
    }

    private static string Points(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
