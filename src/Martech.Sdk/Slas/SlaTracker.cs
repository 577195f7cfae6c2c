namespace Martech.Sdk;

/// <summary>Records item events into the SLA store.</summary>
internal sealed class SlaTracker(ISlaStore store) : ISlaTracker
{
    public Task<int> RecordAsync(SlaItemKind kind, string itemId, IReadOnlyList<SlaItemEvent> events, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(kind.Value))
        {
            throw new ArgumentException("The item needs a kind, such as SlaItemKind.Lead.", nameof(kind));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentNullException.ThrowIfNull(events);
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is null)
            {
                throw new ArgumentException($"events[{i}] is null.", nameof(events));
            }
        }

        return store.AppendAsync(kind, itemId, events, cancellationToken);
    }
}
