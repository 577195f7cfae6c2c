using System.Globalization;
using Martech.Sdk;

namespace LeadFlow;

/// <summary>
/// One SLA clock of a lead this run created, as of the end of the run: the policy (from <c>Martech:Slas:Policies</c>),
/// where the clock stands, and its due and warning times in the zone of the policy's business calendar (UTC for a
/// policy without a calendar).
/// </summary>
public sealed record LeadSla
{
    /// <summary>The CSV line of the row that made the lead.</summary>
    public required int Line { get; init; }

    /// <summary>The lead's id in the CRM.</summary>
    public required string LeadId { get; init; }

    /// <summary>The SLA policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>The policy's business calendar, or <see langword="null"/> for wall-clock time.</summary>
    public string? Calendar { get; init; }

    /// <summary>The target that applies to the lead (business time in <see cref="Calendar"/>).</summary>
    public required TimeSpan Target { get; init; }

    /// <summary>Where the clock stands.</summary>
    public required SlaClockStatus Status { get; init; }

    /// <summary>When the target is used up, in <see cref="TimeZone"/>.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the clock turns (or turned) at risk, in <see cref="TimeZone"/>, if the policy warns.</summary>
    public DateTimeOffset? AtRiskAt { get; init; }

    /// <summary>The IANA id of the zone the times are in: the calendar's, or <c>UTC</c>.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The status as the report writes it: <c>pending</c>, <c>at_risk</c>, <c>paused</c>, <c>met</c>,
    /// <c>breached</c> or <c>cancelled</c>.</summary>
    public string StatusName => Name(Status);

    /// <summary>The due time as the report writes it: ISO 8601 to the second, with the zone's offset.</summary>
    public string? DueAtText => DueAt?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A clock's status as the report writes it.</summary>
    public static string Name(SlaClockStatus status) => status switch
    {
        SlaClockStatus.AtRisk => "at_risk",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>A target as the console shows it: <c>4h</c>, <c>1h 30m</c>, <c>2d</c>.</summary>
    public static string Show(TimeSpan target)
    {
        var parts = new List<string>();
        if (target.Days > 0)
        {
            parts.Add($"{target.Days}d");
        }

        if (target.Hours > 0)
        {
            parts.Add($"{target.Hours}h");
        }

        if (target.Minutes > 0 || parts.Count == 0)
        {
            parts.Add($"{target.Minutes}m");
        }

        return string.Join(' ', parts);
    }

    /// <summary>An instant as the console shows it: weekday, day, month and time to the minute ("Tue 29 Dec 11:30"),
    /// followed by the zone when one is given.</summary>
    public static string Show(DateTimeOffset at, string? timeZone = null) =>
        at.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + (timeZone is null ? string.Empty : " " + timeZone);

    /// <summary>The time of day alone ("10:30"), for a warning on the due day.</summary>
    public static string ShowTime(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);
}
