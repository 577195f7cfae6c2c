using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>
/// Keeps the measurements of this container's provider instances, per instance and operation, in
/// <see cref="VendorSloSeries"/>: the transport reports to it as its <see cref="MartechTransportObserver"/>. Memory is
/// bounded by instances × <see cref="VendorSloOptions.MaxOperationsPerInstance"/> × the series' bucket slots.
/// </summary>
internal sealed class VendorSloRecorder(VendorSloLayout layout, int maxOperationsPerInstance, TimeProvider time) : MartechTransportObserver
{
    /// <summary>Where operations beyond the per-instance limit are counted.</summary>
    public const string OtherOperation = "(other)";

    private readonly ConcurrentDictionary<string, InstanceSeries> _instances = new(StringComparer.OrdinalIgnoreCase);
    private int _order;

    public VendorSloLayout Layout => layout;

    public TimeProvider Time => time;

    public override void RequestCompleted(MartechTransportContext context, string operation, int? statusCode, Exception? exception, bool canceledByCaller, TimeSpan duration) =>
        Request(context.Name, context.ProviderType, operation, VendorSloClassifier.Classify(statusCode, exception, canceledByCaller), statusCode, duration);

    public override void Retried(MartechTransportContext context, string operation, string reason) =>
        Retry(context.Name, context.ProviderType, operation, reason);

    public override void RateLimitWaited(MartechTransportContext context, string operation, TimeSpan waited) =>
        RateLimitWait(context.Name, context.ProviderType, operation, waited);

    /// <summary>Records a finished request.</summary>
    public void Request(string instance, string providerType, string operation, VendorSloOutcome outcome, int? statusCode, TimeSpan duration) =>
        Series(instance, providerType, operation).Request(Now(), outcome, statusCode, duration);

    /// <summary>Records a retry; a reason of <c>429</c> counts as a retried 429.</summary>
    public void Retry(string instance, string providerType, string operation, string reason) =>
        Series(instance, providerType, operation).Retry(Now(), reason == "429");

    /// <summary>Records a wait on the rate budget; attempts that did not wait are not counted.</summary>
    public void RateLimitWait(string instance, string providerType, string operation, TimeSpan waited)
    {
        if (waited > TimeSpan.Zero)
        {
            Series(instance, providerType, operation).RateLimitWait(Now(), waited);
        }
    }

    /// <summary>The instances measured, with their vendor, in the order first seen.</summary>
    public IReadOnlyList<(string Instance, string ProviderType)> Instances() =>
        [.. _instances.Values.OrderBy(i => i.Order).Select(i => (i.Name, i.ProviderType))];

    /// <summary>The operations of an instance with something recorded in the window, in the order first seen.</summary>
    public IReadOnlyList<string> Operations(string instance, long nowTicks, TimeSpan window) =>
        _instances.TryGetValue(instance, out InstanceSeries? series)
            ? [.. series.Operations.Values.OrderBy(s => s.Order).Where(s => s.Series.HasData(nowTicks, window)).Select(s => s.Series.Operation)]
            : [];

    /// <summary>Sums what an instance (or one of its operations) recorded in the window ending at <paramref name="nowTicks"/>.</summary>
    public VendorSloCounts Sum(string instance, string? operation, long nowTicks, TimeSpan window)
    {
        var sum = new VendorSloCounts();
        if (!_instances.TryGetValue(instance, out InstanceSeries? series))
        {
            return sum;
        }

        if (operation is not null)
        {
            if (series.Operations.TryGetValue(operation, out OperationSeries? one))
            {
                one.Series.AddTo(sum, nowTicks, window);
            }

            return sum;
        }

        foreach (OperationSeries each in series.Operations.Values)
        {
            each.Series.AddTo(sum, nowTicks, window);
        }

        return sum;
    }

    private long Now() => time.GetUtcNow().UtcTicks;

    private VendorSloSeries Series(string instance, string providerType, string operation)
    {
        InstanceSeries series = _instances.TryGetValue(instance, out InstanceSeries? found)
            ? found
            : _instances.GetOrAdd(instance, static (name, state) => new InstanceSeries(name, state.providerType, Interlocked.Increment(ref state.recorder._order)), (providerType, recorder: this));
        if (series.Operations.TryGetValue(operation, out OperationSeries? existing))
        {
            return existing.Series;
        }

        lock (series.Gate)
        {
            if (series.Operations.Count >= maxOperationsPerInstance && !series.Operations.ContainsKey(operation))
            {
                operation = OtherOperation;
            }

            return series.Operations.GetOrAdd(operation, static (op, s) => new OperationSeries(new VendorSloSeries(s.series.Name, op, s.layout), s.series.Operations.Count), (series, layout)).Series;
        }
    }

    private sealed class InstanceSeries(string name, string providerType, int order)
    {
        public string Name { get; } = name;

        public string ProviderType { get; } = providerType;

        public int Order { get; } = order;

        /// <summary>Held while an operation is added, so the limit is exact.</summary>
        public Lock Gate { get; } = new();

        public ConcurrentDictionary<string, OperationSeries> Operations { get; } = new(StringComparer.Ordinal);
    }

    private sealed record OperationSeries(VendorSloSeries Series, int Order);
}
