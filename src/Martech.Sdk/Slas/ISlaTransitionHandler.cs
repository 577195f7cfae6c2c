namespace Martech.Sdk;

/// <summary>
/// Handles SLA transitions (a clock became at risk, breached or met), each once: the monitor claims a transition in
/// the <see cref="ISlaStore"/> before handing it over, so two monitors never both handle it. Register with
/// <c>AddSlas().AddTransitionHandler&lt;T&gt;()</c>.
/// </summary>
public interface ISlaTransitionHandler
{
    /// <summary>Handles one transition.</summary>
    /// <param name="transition">The transition.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>A task that completes when it is handled. A failure is logged; the transition is not handed over again.</returns>
    Task HandleAsync(SlaTransition transition, CancellationToken cancellationToken = default);
}
