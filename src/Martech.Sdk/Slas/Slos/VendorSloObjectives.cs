namespace Martech.Sdk;

/// <summary>
/// The objectives of one provider instance (bound from <c>Martech:Slos:&lt;instance&gt;</c>) or of one of its
/// operations (<c>Martech:Slos:&lt;instance&gt;:Operations:&lt;operation&gt;</c>). Each objective is evaluated over
/// <see cref="Window"/>. Instance objectives count every request of the instance; an operation's objectives count only
/// that operation's requests and are not inherited from the instance (its window is).
/// </summary>
public sealed class VendorSloObjectives
{
    /// <summary>The availability objective, in percent: successes ÷ eligible requests must be at least this, such as
    /// <c>99.9</c>. Greater than 0 and less than 100.</summary>
    /// <value>The default value is <see langword="null"/>: no availability objective.</value>
    public double? Availability { get; set; }

    /// <summary>Latency objective: 50 % of successful requests answer within this time.</summary>
    /// <value>The default value is <see langword="null"/>: none.</value>
    public TimeSpan? LatencyP50 { get; set; }

    /// <summary>Latency objective: 90 % of successful requests answer within this time.</summary>
    /// <value>The default value is <see langword="null"/>: none.</value>
    public TimeSpan? LatencyP90 { get; set; }

    /// <summary>Latency objective: 95 % of successful requests answer within this time, such as <c>00:00:01.5</c>.</summary>
    /// <value>The default value is <see langword="null"/>: none.</value>
    public TimeSpan? LatencyP95 { get; set; }

    /// <summary>Latency objective: 99 % of successful requests answer within this time.</summary>
    /// <value>The default value is <see langword="null"/>: none.</value>
    public TimeSpan? LatencyP99 { get; set; }

    /// <summary>The rolling window the objectives are judged over, such as <c>30.00:00:00</c>; between 1 minute and 90
    /// days.</summary>
    /// <value>The default value is <see langword="null"/>: an operation uses its instance's window, an instance
    /// <see cref="VendorSloOptions.DefaultWindow"/>.</value>
    public TimeSpan? Window { get; set; }

    /// <summary>Objectives of single operations, by operation name as the transport tags it
    /// (<c>martech.operation</c>, such as <c>mail.send</c>); names ignore case. Only on an instance.</summary>
    public IDictionary<string, VendorSloObjectives> Operations { get; } = new Dictionary<string, VendorSloObjectives>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The latency objectives set, as (percentile, threshold) pairs, lowest percentile first.</summary>
    internal IEnumerable<(double Percentile, TimeSpan Threshold)> LatencyObjectives()
    {
        if (LatencyP50 is { } p50)
        {
            yield return (50, p50);
        }

        if (LatencyP90 is { } p90)
        {
            yield return (90, p90);
        }

        if (LatencyP95 is { } p95)
        {
            yield return (95, p95);
        }

        if (LatencyP99 is { } p99)
        {
            yield return (99, p99);
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(VendorSloObjectives);
}
