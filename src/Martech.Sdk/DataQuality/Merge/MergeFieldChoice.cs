namespace Martech.Sdk;

/// <summary>What a survivorship rule chose for a field: a winner and why, or no winner (a tie) and why.</summary>
public sealed record MergeFieldChoice
{
    private MergeFieldChoice(MergeCandidate? winner, string reason)
    {
        Winner = winner;
        Reason = reason;
    }

    /// <summary>The winning candidate; <see langword="null"/> for a tie.</summary>
    public MergeCandidate? Winner { get; }

    /// <summary>Why, such as <c>newest: HubSpot 2026-03-01 &gt; Pipedrive 2026-01-10</c>.</summary>
    public string Reason { get; }

    /// <summary>A winner.</summary>
    /// <param name="winner">The winning candidate.</param>
    /// <param name="reason">Why it wins.</param>
    /// <returns>The choice.</returns>
    /// <exception cref="ArgumentException">The reason is blank.</exception>
    public static MergeFieldChoice Win(MergeCandidate winner, string reason)
    {
        ArgumentNullException.ThrowIfNull(winner);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new MergeFieldChoice(winner, reason);
    }

    /// <summary>No winner: the caller must decide.</summary>
    /// <param name="reason">Why no candidate wins.</param>
    /// <returns>The choice.</returns>
    /// <exception cref="ArgumentException">The reason is blank.</exception>
    public static MergeFieldChoice Tie(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new MergeFieldChoice(null, reason);
    }
}
