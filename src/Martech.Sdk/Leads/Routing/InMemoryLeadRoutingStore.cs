namespace Martech.Sdk;

/// <summary>Keeps the routing state in memory: shared by every router of the process that is given it (a singleton
/// under dependency injection), lost when the process ends.</summary>
public sealed class InMemoryLeadRoutingStore : ILeadRoutingStore
{
    private readonly Lock _gate = new();
    private LeadRoutingState _state = LeadRoutingState.Empty;

    /// <inheritdoc/>
    public Task<LeadRoutingState> GetAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_state);
        }
    }

    /// <inheritdoc/>
    public Task<bool> TrySaveAsync(LeadRoutingState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        if (state.Version != expectedVersion + 1)
        {
            throw new ArgumentException($"The state's version must be one more than the expected version {expectedVersion} (was {state.Version}).", nameof(state));
        }

        lock (_gate)
        {
            if (_state.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _state = state;
            return Task.FromResult(true);
        }
    }
}
