namespace Martech.Sdk;

/// <summary>
/// Where lead scoring keeps its engagement ledger (accepted events, each with its rule and points; append-only) and
/// each person's last <see cref="LeadScoreState"/>. Scores are recomputed from the ledger, so a new engine over the same
/// store gives the same scores. <see cref="InMemoryLeadScoreStore"/> is the default; a durable one keeps scores across
/// restarts.
/// </summary>
/// <remarks>Implementations are thread-safe. <see cref="AppendAsync"/> is atomic per event key (what makes a redelivered
/// event count once, also across processes sharing the store) and <see cref="TrySetStateAsync"/> is a compare-and-set
/// (what makes a transition raised once).</remarks>
public interface ILeadScoreStore
{
    /// <summary>Appends the ledger entries of one event, unless an event with that key was appended before.</summary>
    /// <param name="eventKey">The event's key (<see cref="LeadScoreEntry.EventKey"/>).</param>
    /// <param name="entries">Its entries (one per rule it counted under), all with that key; may be empty, which only
    /// remembers the key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when appended; <see langword="false"/> when the key was already there.</returns>
    Task<bool> AppendAsync(string eventKey, IReadOnlyList<LeadScoreEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>A person's ledger entries: those whose person has the same email address or the same contact id, each once,
    /// ordered by <see cref="LeadScoreEntry.OccurredAt"/>, then event key, then rule (ordinal).</summary>
    /// <param name="person">The person.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries; empty when none.</returns>
    Task<IReadOnlyList<LeadScoreEntry>> GetEntriesAsync(LeadScorePerson person, CancellationToken cancellationToken = default);

    /// <summary>A person's last state: the one kept under the email address, else under the contact id (also a state
    /// saved with both).</summary>
    /// <param name="person">The person.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or <see langword="null"/> when none is kept.</returns>
    Task<LeadScoreState?> GetStateAsync(LeadScorePerson person, CancellationToken cancellationToken = default);

    /// <summary>Replaces a person's state when it still equals <paramref name="expected"/> (as
    /// <see cref="GetStateAsync"/> finds it), kept under the email address and the contact id.</summary>
    /// <param name="person">The person.</param>
    /// <param name="expected">The state read before; <see langword="null"/> for none.</param>
    /// <param name="next">The new state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when replaced; <see langword="false"/> when it had changed.</returns>
    Task<bool> TrySetStateAsync(LeadScorePerson person, LeadScoreState? expected, LeadScoreState next, CancellationToken cancellationToken = default);
}
