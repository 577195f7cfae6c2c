namespace Martech.Sdk;

/// <summary>Records item events into the SLA store, checking each at the edge so one bad event never reaches a
/// pass.</summary>
internal sealed class SlaTracker(ISlaStore store) : ISlaTracker
{
    /// <summary>The earliest instant an event may carry: earlier ones (such as a default <see cref="DateTimeOffset"/>)
    /// are mistakes, and a calendar cannot count business time there.</summary>
    internal static readonly DateTimeOffset EarliestEvent = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant an event may carry.</summary>
    internal static readonly DateTimeOffset LatestEvent = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Task<int> RecordAsync(SlaItemKind kind, string itemId, IReadOnlyList<SlaItemEvent> events, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(kind, itemId, events);
        return store.AppendAsync(kind, itemId, events, cancellationToken);
    }

    /// <summary>Checks an item's kind and id and the events recorded for it.</summary>
    /// <exception cref="ArgumentException">Names the event (by index) and the field.</exception>
    internal static void ThrowIfInvalid(SlaItemKind kind, string itemId, IReadOnlyList<SlaItemEvent> events)
    {
        if (string.IsNullOrEmpty(kind.Value))
        {
            throw new ArgumentException("The item needs a kind, such as SlaItemKind.Lead.", nameof(kind));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentNullException.ThrowIfNull(events);
        for (int i = 0; i < events.Count; i++)
        {
            SlaItemEvent? e = events[i];
            string? problem = e is null ? "is null"
                : string.IsNullOrWhiteSpace(e.Type.Value) ? "needs a Type, such as SlaItemEventType.Touched"
                : e.OccurredAt < EarliestEvent || e.OccurredAt >= LatestEvent ? $"has OccurredAt {e.OccurredAt:O}, outside {EarliestEvent:yyyy-MM-dd} to {LatestEvent:yyyy-MM-dd} (was it left unset?)"
                : e.Id is not null && string.IsNullOrWhiteSpace(e.Id) ? "has an empty Id: leave it null or give a stable key"
                : e.Properties is null ? "has null Properties"
                : e.Properties.Any(p => string.IsNullOrWhiteSpace(p.Key) || p.Value is null) ? "has a property without a name or a value"
                : null;
            if (problem is not null)
            {
                throw new ArgumentException($"events[{i}] of {kind} '{itemId}' {problem}.", nameof(events));
            }
        }
    }
}
