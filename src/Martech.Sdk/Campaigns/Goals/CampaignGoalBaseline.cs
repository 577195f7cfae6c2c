using System.Globalization;

namespace Martech.Sdk;

/// <summary>Where a <see cref="CampaignGoal"/> starts from: a known value, or a period of whole months to measure it over
/// (through the same stats source as the goal).</summary>
/// <remarks>Measured over a period, a <see cref="CampaignGoalMeasure.Total"/> goal's baseline is the months' values added up
/// (the period must be as many months as the goal, so the totals compare), a <see cref="CampaignGoalMeasure.Monthly"/>
/// goal's is the mean of the months that have a value.</remarks>
public sealed record CampaignGoalBaseline
{
    /// <summary>A known baseline value (a count, or a rate in percent); <see langword="null"/> when measured over
    /// <see cref="From"/>–<see cref="To"/>.</summary>
    public double? Value { get; init; }

    /// <summary>The first day of the period measured (the first of a month).</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day of the period measured (the last of a month), before the goal starts.</summary>
    public DateOnly? To { get; init; }

    /// <summary>A known baseline value.</summary>
    /// <param name="value">The value (a count, or a rate in percent).</param>
    /// <returns>The baseline.</returns>
    public static CampaignGoalBaseline Of(double value) => new() { Value = value };

    /// <summary>A baseline measured over whole months, such as 2026-01-01 to 2026-12-31.</summary>
    /// <param name="from">The first day (the first of a month).</param>
    /// <param name="to">The last day (the last of a month).</param>
    /// <returns>The baseline.</returns>
    public static CampaignGoalBaseline MeasuredOver(DateOnly from, DateOnly to) => new() { From = from, To = to };

    /// <summary>Writes the baseline: its value, or its period.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Value is { } v
            ? v.ToString("0.####", CultureInfo.InvariantCulture)
            : $"measured {From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
