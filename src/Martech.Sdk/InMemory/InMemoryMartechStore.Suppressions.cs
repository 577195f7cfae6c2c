namespace Martech.Sdk;

// Suppression lists: one entry per (address, kind, group), listed in the order added.
public sealed partial class InMemoryMartechStore
{
    private readonly Dictionary<(EmailAddress Email, SuppressionKind Kind, string? Group), InMemoryEntry<EmailSuppression>> _suppressions = [];
    private readonly SequencedList<InMemoryEntry<EmailSuppression>> _suppressionOrder = new();
    private long _suppressionSequence;

    /// <summary>A snapshot of the suppressions, in the order they were added.</summary>
    public IReadOnlyList<EmailSuppression> Suppressions
    {
        get
        {
            lock (_gate)
            {
                return [.. _suppressions.Values.OrderBy(e => e.Sequence).Select(e => e.Value)];
            }
        }
    }

    /// <summary>Suppresses an address (a bounce, an unsubscribe, …), as the vendor would after such an event; an entry
    /// already there is kept as it is.</summary>
    /// <param name="suppression">The suppression; <see cref="EmailSuppression.CreatedAt"/> defaults to now.</param>
    /// <returns>The stored suppression.</returns>
    public EmailSuppression AddSuppression(EmailSuppression suppression)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        if (suppression.Email.IsEmpty)
        {
            throw new ArgumentException("EmailSuppression.Email is required.", nameof(suppression));
        }

        var key = (suppression.Email, suppression.Kind, Group(suppression));
        lock (_gate)
        {
            if (_suppressions.TryGetValue(key, out var existing))
            {
                return existing.Value;
            }

            long sequence = ++_suppressionSequence;
            var stored = suppression with { CreatedAt = suppression.CreatedAt ?? TimeProvider.GetUtcNow(), GroupId = Group(suppression), Raw = default };
            var entry = new InMemoryEntry<EmailSuppression>(sequence, stored);
            _suppressions[key] = entry;
            _suppressionOrder.Append(sequence, entry);
            return stored;
        }
    }

    /// <summary>Removes a suppression.</summary>
    /// <param name="suppression">The address, kind and group to remove.</param>
    /// <returns><see langword="true"/> when it was there.</returns>
    public bool RemoveSuppression(EmailSuppression suppression)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        lock (_gate)
        {
            if (!_suppressions.Remove((suppression.Email, suppression.Kind, Group(suppression)), out var entry))
            {
                return false;
            }

            _suppressionOrder.Remove(entry.Sequence);
            return true;
        }
    }

    internal IReadOnlyList<EmailSuppression> FindSuppressions(EmailAddress email)
    {
        lock (_gate)
        {
            return [.. _suppressions.Where(p => p.Key.Email == email).OrderBy(p => p.Value.Sequence).Select(p => p.Value.Value)];
        }
    }

    internal (IReadOnlyList<EmailSuppression> Items, long? Next) ListSuppressions(long after, int size, Func<EmailSuppression, bool> match)
    {
        lock (_gate)
        {
            var items = _suppressionOrder.TakeAfter(after, size, e => match(e.Value), e => e.Value, out long? next);
            return (items, next);
        }
    }

    private void ClearSuppressions()
    {
        _suppressions.Clear();
        _suppressionOrder.Clear();
    }

    // Group ids matter only for group unsubscribes; elsewhere they are ignored so one address has one entry per kind.
    private static string? Group(EmailSuppression suppression) =>
        suppression.Kind == SuppressionKind.GroupUnsubscribe ? suppression.GroupId : null;
}
