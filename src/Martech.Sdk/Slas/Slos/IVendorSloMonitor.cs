namespace Martech.Sdk;

/// <summary>Vendor SLOs measured from the SDK's own HTTP transport: reports, and breach/recovery evaluation.</summary>
public interface IVendorSloMonitor
{
    /// <summary>
    /// Reports every provider instance with requests in its window or with objectives: requests by outcome,
    /// availability, p50/p95/p99, 429s, rate-limit waits, each objective with its error budget and burn rates, and a
    /// ranking of the instances of each capability. Render it with <see cref="VendorSloReport.ToTable"/>.
    /// </summary>
    /// <param name="window">One window for every instance, operation, objective and ranking, such as the last hour;
    /// <see langword="null"/> for each objective's configured window.</param>
    /// <returns>The report, as of now on the monitor's <see cref="TimeProvider"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is shorter than 1 minute or longer than
    /// the measurements are kept (the longest configured window).</exception>
    VendorSloReport GetReport(TimeSpan? window = null);

    /// <summary>
    /// Judges every objective over its window, and hands each transition (met → missed: breached; missed → met:
    /// recovered) to the registered <see cref="IVendorSloHandler"/>s, once per transition. An objective without enough
    /// requests keeps its last state. The hosted evaluator calls this every
    /// <see cref="VendorSloOptions.EvaluationInterval"/>; calls do not overlap.
    /// </summary>
    /// <param name="cancellationToken">Cancels the evaluation and the handlers.</param>
    /// <returns>The transitions raised by this evaluation.</returns>
    Task<IReadOnlyList<VendorSloEvent>> EvaluateAsync(CancellationToken cancellationToken = default);
}
