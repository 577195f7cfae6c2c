using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// How an engagement event's points fade with its age, where age = max(0, the instant scored − the event's
/// <see cref="MartechEvent.OccurredAt"/>):
/// <list type="bullet">
/// <item><see cref="ScoreDecayKind.None"/>: points.</item>
/// <item><see cref="ScoreDecayKind.HalfLife"/>: points × 0.5^(age ÷ period), so 10 points are 5 after one period and 2.5
/// after two.</item>
/// <item><see cref="ScoreDecayKind.Linear"/>: points × max(0, 1 − age ÷ period), so 10 points are 5 halfway and 0 from the
/// period's end.</item>
/// <item><see cref="ScoreDecayKind.Window"/>: points while age &lt; period, then 0.</item>
/// </list>
/// In configuration it is written <c>None</c>, or the kind and the period in days (<c>d</c>), hours (<c>h</c>) or weeks
/// (<c>w</c>): <c>HalfLife 30d</c>, <c>Linear 90d</c>, <c>Window 30d</c>.
/// </summary>
public readonly record struct ScoreDecay
{
    private ScoreDecay(ScoreDecayKind kind, TimeSpan period)
    {
        Kind = kind;
        Period = period;
    }

    /// <summary>No decay.</summary>
    public static ScoreDecay None => default;

    /// <summary>The kind of decay.</summary>
    public ScoreDecayKind Kind { get; }

    /// <summary>The half-life, the time to zero, or the window; <see cref="TimeSpan.Zero"/> for <see cref="None"/>.</summary>
    public TimeSpan Period { get; }

    /// <summary>Points halve every <paramref name="halfLife"/>.</summary>
    /// <param name="halfLife">The half-life, positive.</param>
    /// <returns>The decay.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="halfLife"/> is not positive.</exception>
    public static ScoreDecay HalfLife(TimeSpan halfLife) => new(ScoreDecayKind.HalfLife, Positive(halfLife, nameof(halfLife)));

    /// <summary>Points fall linearly to zero at <paramref name="toZeroAfter"/>.</summary>
    /// <param name="toZeroAfter">When points reach zero, positive.</param>
    /// <returns>The decay.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toZeroAfter"/> is not positive.</exception>
    public static ScoreDecay Linear(TimeSpan toZeroAfter) => new(ScoreDecayKind.Linear, Positive(toZeroAfter, nameof(toZeroAfter)));

    /// <summary>Points count in full for <paramref name="window"/>, then not at all.</summary>
    /// <param name="window">The window, positive.</param>
    /// <returns>The decay.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is not positive.</exception>
    public static ScoreDecay Window(TimeSpan window) => new(ScoreDecayKind.Window, Positive(window, nameof(window)));

    /// <summary>Reads <c>None</c>, <c>HalfLife 30d</c>, <c>Linear 12h</c>, <c>Window 4w</c> (case ignored).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The decay.</returns>
    /// <exception cref="ArgumentException">The text is not such a decay; the message says why.</exception>
    public static ScoreDecay Parse(string text) =>
        TryParse(text, out ScoreDecay decay, out string? error) ? decay : throw new ArgumentException(error, nameof(text));

    /// <summary>Reads a decay without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="decay">The decay, when it reads.</param>
    /// <param name="error">Why it does not, otherwise.</param>
    /// <returns>Whether it reads.</returns>
    public static bool TryParse(string? text, out ScoreDecay decay, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        decay = default;
        error = null;
        string[] parts = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        const string Expected = "write None, or HalfLife, Linear or Window and a period in days, hours or weeks, such as 'HalfLife 30d', 'Linear 90d' or 'Window 30d'";
        if (parts.Length == 1 && string.Equals(parts[0], "None", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (parts.Length != 2 || !Enum.TryParse(parts[0], ignoreCase: true, out ScoreDecayKind kind) || kind == ScoreDecayKind.None || !Enum.IsDefined(kind) || char.IsDigit(parts[0][0]))
        {
            error = $"'{text}' is not a decay: {Expected}.";
            return false;
        }

        string amount = parts[1];
        char unit = char.ToLowerInvariant(amount[^1]);
        TimeSpan unitLength = unit switch { 'd' => TimeSpan.FromDays(1), 'h' => TimeSpan.FromHours(1), 'w' => TimeSpan.FromDays(7), _ => TimeSpan.Zero };
        if (unitLength == TimeSpan.Zero
            || !double.TryParse(amount[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double count)
            || !double.IsFinite(count) || count <= 0 || count > 36_500)
        {
            error = $"'{text}' has no usable period ('{amount}'): {Expected}; the period is positive and at most 36500d.";
            return false;
        }

        decay = new ScoreDecay(kind, TimeSpan.FromTicks((long)Math.Round(unitLength.Ticks * count)));
        return true;
    }

    /// <summary>The share of its points an event keeps at an age (the formulas in the type's summary).</summary>
    /// <param name="age">The event's age; a negative age counts as zero.</param>
    /// <returns>A factor from 0 to 1.</returns>
    public double Factor(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        double ratio = Period.Ticks == 0 ? 0 : age.Ticks / (double)Period.Ticks;
        return Kind switch
        {
            ScoreDecayKind.HalfLife => Math.Pow(0.5, ratio),
            ScoreDecayKind.Linear => Math.Max(0, 1 - ratio),
            ScoreDecayKind.Window => age < Period ? 1 : 0,
            _ => 1,
        };
    }

    /// <summary>The decay as configuration writes it, such as <c>HalfLife 30d</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind == ScoreDecayKind.None
        ? "None"
        : Period.Ticks % TimeSpan.TicksPerDay == 0
            ? $"{Kind} {Period.Ticks / TimeSpan.TicksPerDay}d"
            : $"{Kind} {Period.TotalHours.ToString(CultureInfo.InvariantCulture)}h";

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "A decay period must be positive.");
}
