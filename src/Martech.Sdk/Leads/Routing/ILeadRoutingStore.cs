namespace Martech.Sdk;

/// <summary>Keeps the router's <see cref="LeadRoutingState"/>, so that a new router (after a restart, or in another
/// process over a shared store) continues the same rotation. <see cref="InMemoryLeadRoutingStore"/> is the default.</summary>
/// <remarks>The router reads the state, works out its assignments, and saves the new state only over the version it
/// read (compare-and-set); when another router saved in between, it reads again and re-applies its changes.</remarks>
public interface ILeadRoutingStore
{
    /// <summary>Reads the current state.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state; <see cref="LeadRoutingState.Empty"/> before the first save.</returns>
    Task<LeadRoutingState> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="state"/> if the stored state's version is still
    /// <paramref name="expectedVersion"/>.</summary>
    /// <param name="state">The new state, with a version one higher than <paramref name="expectedVersion"/>.</param>
    /// <param name="expectedVersion">The version the state was read at.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns><see langword="true"/> when saved; <see langword="false"/> when another save came first.</returns>
    Task<bool> TrySaveAsync(LeadRoutingState state, long expectedVersion, CancellationToken cancellationToken = default);
}
