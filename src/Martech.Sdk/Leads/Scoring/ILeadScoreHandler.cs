namespace Martech.Sdk;

/// <summary>
/// Acts on score transitions: a new grade band, an MQL or SQL threshold crossed up or down (hand an MQL to sales, alert
/// a rep). Register with <c>AddLeadScoring().AddHandler&lt;T&gt;()</c>; each transition reaches every handler once (it is
/// claimed in the <see cref="ILeadScoreStore"/> before it is handed over).
/// </summary>
/// <example>
/// <code>
/// sealed class MqlToSales : ILeadScoreHandler
/// {
///     public Task HandleAsync(LeadScoreTransition transition, CancellationToken cancellationToken = default) =>
///         transition.Kind == LeadScoreTransitionKind.BecameMql ? HandOffAsync(transition, cancellationToken) : Task.CompletedTask;
/// }
/// </code>
/// </example>
public interface ILeadScoreHandler
{
    /// <summary>Handles one transition.</summary>
    /// <param name="transition">The transition.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when handled. A failure is logged and not handed over again; the other handlers
    /// still get the transition.</returns>
    Task HandleAsync(LeadScoreTransition transition, CancellationToken cancellationToken = default);
}
