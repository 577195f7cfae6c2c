namespace Martech.Sdk;

/// <summary>A volume SLA measured over one period: the numerator and denominator (named), the value, the target, and
/// whether it is met.</summary>
public sealed record SlaVolumeResult
{
    /// <summary>The volume policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>What was counted.</summary>
    public required SlaVolumeMeasure Measure { get; init; }

    /// <summary>What the result is about within the policy: the campaign id for a bounce rate; <see langword="null"/>
    /// otherwise.</summary>
    public string? Subject { get; init; }

    /// <summary>The period's start (inclusive).</summary>
    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>The period's end (exclusive).</summary>
    public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>The count (leads reaching the status, messages bounced, clocks met).</summary>
    public required long Numerator { get; init; }

    /// <summary>What the numerator counts, such as <c>messages bounced</c>.</summary>
    public required string NumeratorName { get; init; }

    /// <summary>The denominator of a rate; <see langword="null"/> for a count.</summary>
    public long? Denominator { get; init; }

    /// <summary>What the denominator counts, such as <c>messages delivered or bounced</c>.</summary>
    public string? DenominatorName { get; init; }

    /// <summary>The count, or the rate in percent (numerator ÷ denominator × 100; 0 when the denominator is 0).</summary>
    public required double Value { get; init; }

    /// <summary>The target: the floor or ceiling (in percent for a rate).</summary>
    public required double Target { get; init; }

    /// <summary>Whether the target is a floor (at least) or a ceiling (at most).</summary>
    public required bool TargetIsMinimum { get; init; }

    /// <summary>Whether the value meets the target. For a period still running, "so far".</summary>
    public required bool Met { get; init; }

    /// <summary>Whether the period has ended at evaluation time.</summary>
    public required bool IsComplete { get; init; }

    /// <summary>Describes the result.</summary>
    /// <returns>Policy, value, target and verdict.</returns>
    public override string ToString() =>
        Denominator is { } d
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Policy}{(Subject is null ? string.Empty : " " + Subject)}: {Numerator}/{d} = {Value:0.##} % {(TargetIsMinimum ? ">=" : "<=")} {Target} % {(Met ? "met" : "missed")}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Policy}{(Subject is null ? string.Empty : " " + Subject)}: {Numerator} {(TargetIsMinimum ? ">=" : "<=")} {Target} {(Met ? "met" : "missed")}");
}
