namespace Martech.Sdk;

/// <summary>
/// A volume SLA: a count or a rate over a period, with a floor or a ceiling, such as "marketing delivers ≥ 200 MQLs a
/// month", "≤ 2 % bounce rate per campaign" or "95 % of inbound chats answered within 5 minutes". Periods are calendar
/// months (weeks, days) in <see cref="TimeZone"/>.
/// </summary>
public sealed record SlaVolumePolicy
{
    /// <summary>The policy's name (configuration: <c>Martech:Slas:Volumes:&lt;name&gt;</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What is counted.</summary>
    public required SlaVolumeMeasure Measure { get; init; }

    /// <summary>For <see cref="SlaVolumeMeasure.LeadsReachingStatus"/>: the status, such as <c>qualified</c>.</summary>
    public string? Status { get; init; }

    /// <summary>For <see cref="SlaVolumeMeasure.Attainment"/>: the name of the time policy whose clocks are counted.</summary>
    public string? ClockPolicy { get; init; }

    /// <summary>The floor: met when the value is at least this (200 leads; 95 for 95 % attainment). Rates are in percent,
    /// as the vendor SLOs' availability is. One of this and <see cref="Maximum"/>.</summary>
    public double? Minimum { get; init; }

    /// <summary>The ceiling: met when the value is at most this (2 for a 2 % bounce rate; rates are in percent).</summary>
    public double? Maximum { get; init; }

    /// <summary>The period.</summary>
    /// <value>The default value is <see cref="SlaPeriod.Month"/>.</value>
    public SlaPeriod Period { get; init; } = SlaPeriod.Month;

    /// <summary>The time zone periods start in, by id (<c>Europe/Berlin</c>).</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Describes what is wrong, each problem named by its path.</summary>
    /// <param name="path">Where the policy is, such as <c>Martech:Slas:Volumes:mqls</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string p = path;
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{p}:{nameof(Name)} is required.";
        }

        if (!Enum.IsDefined(Measure))
        {
            yield return $"{p}:{nameof(Measure)} must be LeadsReachingStatus, BounceRate or Attainment (was {Measure}).";
        }

        if (Measure == SlaVolumeMeasure.LeadsReachingStatus && string.IsNullOrWhiteSpace(Status))
        {
            yield return $"{p}:{nameof(Status)} is required for LeadsReachingStatus, such as qualified.";
        }

        if (Measure == SlaVolumeMeasure.Attainment && string.IsNullOrWhiteSpace(ClockPolicy))
        {
            yield return $"{p}:{nameof(ClockPolicy)} is required for Attainment: the name of a time policy.";
        }

        if ((Minimum is null) == (Maximum is null))
        {
            yield return $"{p}: set exactly one of {nameof(Minimum)} and {nameof(Maximum)}.";
        }

        if (Minimum is { } min && (double.IsNaN(min) || min < 0) || Maximum is { } max && (double.IsNaN(max) || max < 0))
        {
            yield return $"{p}: {nameof(Minimum)} and {nameof(Maximum)} must be zero or more.";
        }

        if (Measure != SlaVolumeMeasure.LeadsReachingStatus && (Minimum > 100 || Maximum > 100))
        {
            yield return $"{p}: a {Measure} target is a percentage between 0 and 100, such as 2 for 2 % (was {Minimum ?? Maximum}).";
        }

        if (!Enum.IsDefined(Period))
        {
            yield return $"{p}:{nameof(Period)} must be Month, Week or Day (was {Period}).";
        }

        if (string.IsNullOrWhiteSpace(TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return $"{p}:{nameof(TimeZone)} '{TimeZone}' is not a time zone id, such as UTC or Europe/Berlin.";
        }
    }
}
