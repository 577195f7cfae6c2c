namespace Martech.Sdk;

/// <summary>Limits what one engagement rule adds per period: at most <see cref="MaxOccurrences"/> events and/or at most
/// <see cref="MaxPoints"/> points (before decay). Events over the cap stay in the ledger and in the explanation, with the
/// points the cap cut.</summary>
public sealed record ScoringFrequencyCap
{
    /// <summary>The most events of the rule that score in one period; <see langword="null"/> for no limit.</summary>
    public int? MaxOccurrences { get; init; }

    /// <summary>The most points the rule adds in one period; <see langword="null"/> for no limit. The event that reaches
    /// it scores the part that fits.</summary>
    public int? MaxPoints { get; init; }

    /// <summary>The period.</summary>
    /// <value>The default is <see cref="ScoringPeriod.Day"/>.</value>
    public ScoringPeriod Per { get; init; } = ScoringPeriod.Day;

    internal IEnumerable<string> Validate(string path)
    {
        if (MaxOccurrences is null && MaxPoints is null)
        {
            yield return $"{path} limits nothing: set MaxOccurrences and/or MaxPoints (such as MaxOccurrences = 3), or remove the cap.";
        }

        if (MaxOccurrences is < 1)
        {
            yield return $"{path}:MaxOccurrences must be at least 1 (was {MaxOccurrences}).";
        }

        if (MaxPoints is < 1)
        {
            yield return $"{path}:MaxPoints must be at least 1 (was {MaxPoints}).";
        }

        if (!Enum.IsDefined(Per))
        {
            yield return $"{path}:Per must be Day, Week or AllTime (was {(int)Per}).";
        }
    }
}
