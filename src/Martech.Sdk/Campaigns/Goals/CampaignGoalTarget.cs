using System.Globalization;

namespace Martech.Sdk;

/// <summary>A <see cref="CampaignGoal"/>'s target: an absolute value (<c>7500</c> clicks, <c>2.5</c> for a 2.5 % rate) or a
/// change relative to the baseline in percent (<c>+25 %</c>, <c>-10 %</c>).</summary>
/// <param name="Value">The absolute value, or the change in percent when <paramref name="IsRelative"/>.</param>
/// <param name="IsRelative">Whether <paramref name="Value"/> is a change in percent of the baseline.</param>
public readonly record struct CampaignGoalTarget(double Value, bool IsRelative)
{
    /// <summary>An absolute target, such as 7500 clicks or 2.5 for a 2.5 % rate.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The target.</returns>
    public static CampaignGoalTarget Absolute(double value) => new(value, false);

    /// <summary>A target relative to the baseline, such as +25 (%): baseline × (1 + <paramref name="percent"/> ÷ 100).</summary>
    /// <param name="percent">The change in percent; negative to lower a value.</param>
    /// <returns>The target.</returns>
    public static CampaignGoalTarget Relative(double percent) => new(percent, true);

    /// <summary>Reads a target as configuration writes it: a signed percentage is relative (<c>+25 %</c>, <c>-10%</c>); a
    /// number without a sign is absolute (<c>7500</c>, or <c>2.5 %</c> for a rate). Invariant culture (a dot for decimals).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException">The text is neither form.</exception>
    public static CampaignGoalTarget Parse(string text) =>
        TryParse(text, out CampaignGoalTarget target)
            ? target
            : throw new ArgumentException($"'{text}' is not a goal target: write a change relative to the baseline with its sign and a percent sign (+25 %, -10 %), or an absolute value without a sign (7500, or 2.5 for a 2.5 % rate).", nameof(text));

    /// <summary>Reads a target as configuration writes it, without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="target">The target, when the text is one.</param>
    /// <returns>Whether it was.</returns>
    public static bool TryParse(string? text, out CampaignGoalTarget target)
    {
        target = default;
        string s = (text ?? string.Empty).Trim();
        bool percent = s.EndsWith('%');
        if (percent)
        {
            s = s[..^1].TrimEnd();
        }

        bool signed = s.StartsWith('+') || s.StartsWith('-');
        if (s.Length == 0 || (signed && !percent)
            || !double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
        {
            return false;
        }

        target = new CampaignGoalTarget(value, signed);
        return true;
    }

    /// <summary>The target value for a baseline.</summary>
    /// <param name="baseline">The baseline.</param>
    /// <returns><see cref="Value"/>, or <paramref name="baseline"/> × (1 + <see cref="Value"/> ÷ 100) when relative.</returns>
    public double Resolve(double baseline) => IsRelative ? baseline * (1 + (Value / 100)) : Value;

    /// <summary>Writes the target as <see cref="Parse"/> reads it: <c>+25 %</c> or <c>7500</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsRelative
            ? (Value >= 0 ? "+" : string.Empty) + Value.ToString("0.####", CultureInfo.InvariantCulture) + " %"
            : Value.ToString("0.####", CultureInfo.InvariantCulture);
}
