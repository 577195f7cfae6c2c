namespace Martech.Sdk;

/// <summary>How engagement points fade with the event's age (see <see cref="ScoreDecay"/> for the formulas).</summary>
public enum ScoreDecayKind
{
    /// <summary>Points never fade.</summary>
    None,

    /// <summary>Points halve every period: points × 0.5^(age ÷ period).</summary>
    HalfLife,

    /// <summary>Points fall in a straight line to zero at the end of the period: points × max(0, 1 − age ÷ period).</summary>
    Linear,

    /// <summary>Points count in full while the event is younger than the period, then not at all (a rolling window, such
    /// as a 30-day engagement score).</summary>
    Window,
}
