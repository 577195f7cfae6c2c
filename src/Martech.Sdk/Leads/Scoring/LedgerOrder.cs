namespace Martech.Sdk;

/// <summary>The order scores read a ledger in: time, then event key, then rule (ordinal), so frequency caps cut the
/// same events whatever order they arrived in.</summary>
internal sealed class LedgerOrder : IComparer<LeadScoreEntry>
{
    public static readonly LedgerOrder Instance = new();

    public int Compare(LeadScoreEntry? x, LeadScoreEntry? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int byTime = x.OccurredAt.UtcTicks.CompareTo(y.OccurredAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        int byEvent = string.CompareOrdinal(x.EventKey, y.EventKey);
        return byEvent != 0 ? byEvent : string.CompareOrdinal(x.Rule, y.Rule);
    }
}
