using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Builds <see cref="VendorSloReport"/>s from the recorder's measurements and raises breach and recovery events.</summary>
internal sealed class VendorSloMonitor : IVendorSloMonitor, IDisposable
{
    private readonly VendorSloRecorder _recorder;
    private readonly VendorSloOptions _options;
    private readonly IReadOnlyList<VendorSloInstanceInfo> _instances;
    private readonly Func<IReadOnlyList<IVendorSloHandler>> _resolveHandlers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _evaluation = new(1, 1);
    private readonly Dictionary<string, VendorSloStatus> _states = new(StringComparer.Ordinal);
    private readonly List<(VendorSloEvent Event, string Key, IVendorSloHandler Handler)> _unsentCards = [];
    private IReadOnlyList<IVendorSloHandler>? _handlers;

    public VendorSloMonitor(
        VendorSloRecorder recorder,
        VendorSloOptions options,
        IReadOnlyList<VendorSloInstanceInfo> instances,
        Func<IReadOnlyList<IVendorSloHandler>> handlers,
        ILogger logger)
    {
        _recorder = recorder;
        _options = options;
        _instances = instances;
        _resolveHandlers = handlers;
        _logger = logger;
    }

    public VendorSloReport GetReport(TimeSpan? window = null)
    {
        if (window is { } asked && (asked < VendorSloOptions.MinWindow || asked > _recorder.Layout.LongestWindow))
        {
            throw new ArgumentOutOfRangeException(nameof(window), asked, $"The report window must be between 1 minute and {_recorder.Layout.LongestWindow}, the longest window measurements are kept for (the longest of Martech:Slos:DefaultWindow, LongWindow and the objectives' windows).");
        }

        DateTimeOffset now = _recorder.Time.GetUtcNow();
        long ticks = now.UtcTicks;
        var reports = new List<VendorSloInstanceReport>();
        foreach (VendorSloInstanceInfo instance in AllInstances())
        {
            _options.Providers.TryGetValue(instance.Name, out VendorSloObjectives? objectives);
            TimeSpan instanceWindow = window ?? objectives?.Window ?? _options.DefaultWindow;
            VendorSloMeasurements measurements = Measure(instance.Name, null, ticks, instanceWindow);
            if (objectives is null && measurements.Requests == 0)
            {
                continue;
            }

            var operations = new List<VendorSloOperationReport>();
            var names = new List<string>(_recorder.Operations(instance.Name, ticks, instanceWindow));
            if (objectives is not null)
            {
                foreach (string configured in objectives.Operations.Keys)
                {
                    if (!names.Contains(configured, StringComparer.OrdinalIgnoreCase))
                    {
                        names.Add(configured);
                    }
                }
            }

            foreach (string operation in names)
            {
                VendorSloObjectives? own = null;
                objectives?.Operations.TryGetValue(operation, out own);
                TimeSpan operationWindow = window ?? own?.Window ?? instanceWindow;
                operations.Add(new VendorSloOperationReport
                {
                    Operation = operation,
                    Measurements = Measure(instance.Name, operation, ticks, operationWindow),
                    Objectives = Judge(instance.Name, operation, own, operationWindow, ticks),
                });
            }

            reports.Add(new VendorSloInstanceReport
            {
                Instance = instance.Name,
                ProviderType = instance.ProviderType,
                Capabilities = instance.Capabilities,
                Measurements = measurements,
                Objectives = Judge(instance.Name, null, objectives, instanceWindow, ticks),
                Operations = operations,
            });
        }

        return new VendorSloReport
        {
            GeneratedAt = now,
            Window = window,
            Instances = reports,
            Rankings = Rank(reports, window ?? _options.DefaultWindow, ticks),
        };
    }

    public async Task<IReadOnlyList<VendorSloEvent>> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _evaluation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            VendorSloReport report = GetReport();
            var events = new List<VendorSloEvent>();
            foreach (VendorSloObjectiveResult objective in report.Objectives)
            {
                if (objective.Status == VendorSloStatus.NoData)
                {
                    continue;
                }

                string key = Key(objective);
                bool wasMissed = _states.TryGetValue(key, out VendorSloStatus last) && last == VendorSloStatus.Breached;
                _states[key] = objective.Status;
                if (objective.Status == VendorSloStatus.Breached && !wasMissed)
                {
                    events.Add(new VendorSloEvent(VendorSloEventKind.Breached, objective, report.GeneratedAt));
                    VendorSloLog.Breached(_logger, objective.Instance, objective.Operation ?? "(all)", objective.Description, objective.Actual, objective.Window);
                }
                else if (objective.Status == VendorSloStatus.Met && wasMissed)
                {
                    events.Add(new VendorSloEvent(VendorSloEventKind.Recovered, objective, report.GeneratedAt));
                    VendorSloLog.Recovered(_logger, objective.Instance, objective.Operation ?? "(all)", objective.Description, objective.Actual, objective.Window);
                }
            }

            await RetryCardsAsync(cancellationToken).ConfigureAwait(false);
            if (events.Count > 0)
            {
                _handlers ??= _resolveHandlers();
                foreach (VendorSloEvent sloEvent in events)
                {
                    foreach (IVendorSloHandler handler in _handlers)
                    {
                        await HandleAsync(handler, sloEvent, Key(sloEvent.Objective), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            return events;
        }
        finally
        {
            _evaluation.Release();
        }
    }

    public void Dispose() => _evaluation.Dispose();

    /// <summary>The measurements of an instance (or operation) over a window.</summary>
    internal VendorSloMeasurements Measure(string instance, string? operation, long nowTicks, TimeSpan window) =>
        ToMeasurements(_recorder.Sum(instance, operation, nowTicks, window), window, _options.CountThrottlingAsFailure);

    internal static VendorSloMeasurements ToMeasurements(VendorSloCounts c, TimeSpan window, bool countThrottling)
    {
        long succeeded = c[VendorSloOutcome.Success];
        long eligible = Eligible(c, countThrottling);
        long requests = 0;
        for (int i = 0; i < VendorSloClassifier.OutcomeCount; i++)
        {
            requests += c[(VendorSloOutcome)i];
        }

        return new VendorSloMeasurements
        {
            Window = window,
            Requests = requests,
            Succeeded = succeeded,
            VendorFailures = c[VendorSloOutcome.VendorFailure],
            CallerErrors = c[VendorSloOutcome.CallerError],
            TimedOut = c[VendorSloOutcome.Timeout],
            Throttled = c[VendorSloOutcome.Throttled],
            Canceled = c[VendorSloOutcome.Canceled],
            Eligible = eligible,
            Availability = eligible == 0 ? null : succeeded * 100.0 / eligible,
            LatencyP50 = c.Latency.Percentile(50),
            LatencyP95 = c.Latency.Percentile(95),
            LatencyP99 = c.Latency.Percentile(99),
            FinalTooManyRequests = c.FinalTooManyRequests,
            RetriedTooManyRequests = c.RetriedTooManyRequests,
            Retries = c.Retries,
            RateLimitWaits = c.RateLimitWaits,
            RateLimitWaitTotal = TimeSpan.FromTicks(c.RateLimitWaitTicks),
            RateLimitWaitMax = TimeSpan.FromTicks(c.RateLimitWaitMaxTicks),
        };
    }

    private static string Key(VendorSloObjectiveResult objective) => string.Join('\n', objective.Instance, objective.Operation, objective.Description);

    // The SLAs' failed-send rule: an escalation card (VendorSloMessageHandler) whose send failed, or was cut short by the
    // host stopping, is sent again on the next evaluation while the objective is still in the state it announced; one
    // that may have reached the vendor is not. Other handlers are called once.
    private async Task HandleAsync(IVendorSloHandler handler, VendorSloEvent sloEvent, string key, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(sloEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (handler is VendorSloMessageHandler && !(ex is MartechException { MayHaveBeenProcessed: true }))
        {
            _unsentCards.Add((sloEvent, key, handler));
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            VendorSloLog.HandlerFailed(_logger, ex, handler.GetType().Name, sloEvent.Kind, sloEvent.Objective.Instance, sloEvent.Objective.Description);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            VendorSloLog.HandlerFailed(_logger, ex, handler.GetType().Name, sloEvent.Kind, sloEvent.Objective.Instance, sloEvent.Objective.Description);
        }
    }

    private async Task RetryCardsAsync(CancellationToken cancellationToken)
    {
        if (_unsentCards.Count == 0)
        {
            return;
        }

        (VendorSloEvent Event, string Key, IVendorSloHandler Handler)[] unsent = [.. _unsentCards];
        _unsentCards.Clear();
        int next = 0;
        try
        {
            for (; next < unsent.Length; next++)
            {
                (VendorSloEvent sloEvent, string key, IVendorSloHandler handler) = unsent[next];
                VendorSloStatus announced = sloEvent.Kind == VendorSloEventKind.Breached ? VendorSloStatus.Breached : VendorSloStatus.Met;
                if (_states.TryGetValue(key, out VendorSloStatus now) && now == announced)
                {
                    // Still as announced (a later transition supersedes the card: it brings its own).
                    await HandleAsync(handler, sloEvent, key, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Cut short by the host stopping: the cards not tried yet stay to send.
            for (next++; next < unsent.Length; next++)
            {
                _unsentCards.Add(unsent[next]);
            }
        }
    }

    private static long Eligible(VendorSloCounts c, bool countThrottling) =>
        c[VendorSloOutcome.Success] + c[VendorSloOutcome.VendorFailure] + c[VendorSloOutcome.Timeout]
        + (countThrottling ? c[VendorSloOutcome.Throttled] : 0);

    private IEnumerable<VendorSloInstanceInfo> AllInstances()
    {
        foreach (VendorSloInstanceInfo instance in _instances)
        {
            yield return instance;
        }

        // Measured but not in the registry (a transport registered outside AddMartech's builders).
        foreach ((string name, string providerType) in _recorder.Instances())
        {
            if (!_instances.Any(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new VendorSloInstanceInfo(name, providerType, []);
            }
        }
    }

    private List<VendorSloObjectiveResult> Judge(string instance, string? operation, VendorSloObjectives? objectives, TimeSpan window, long nowTicks)
    {
        var results = new List<VendorSloObjectiveResult>();
        if (objectives is null)
        {
            return results;
        }

        if (objectives.Availability is { } availability)
        {
            results.Add(Judge(instance, operation, VendorSloObjectiveKind.Availability, availability, null, window, nowTicks));
        }

        foreach ((double percentile, TimeSpan threshold) in objectives.LatencyObjectives())
        {
            results.Add(Judge(instance, operation, VendorSloObjectiveKind.Latency, percentile, threshold, window, nowTicks));
        }

        return results;
    }

    private VendorSloObjectiveResult Judge(string instance, string? operation, VendorSloObjectiveKind kind, double target, TimeSpan? threshold, TimeSpan window, long nowTicks)
    {
        VendorSloCounts counts = _recorder.Sum(instance, operation, nowTicks, window);
        (long eligible, long good) = Score(counts, threshold);
        decimal allowedShare = 1m - ((decimal)target / 100m);
        decimal allowed = allowedShare * eligible;
        long consumed = eligible - good;
        VendorSloStatus status = eligible < _options.MinimumRequests ? VendorSloStatus.NoData
            : consumed <= allowed ? VendorSloStatus.Met
            : VendorSloStatus.Breached;
        return new VendorSloObjectiveResult
        {
            Instance = instance,
            Operation = operation,
            Kind = kind,
            Target = target,
            Threshold = threshold,
            Window = window,
            Description = VendorSloTable.Describe(kind, target, threshold),
            Eligible = eligible,
            Good = good,
            Actual = eligible == 0 ? null : good * 100.0 / eligible,
            ActualLatency = threshold is null ? null : counts.Latency.Percentile(target),
            Status = status,
            ErrorBudget = new VendorSloErrorBudget(
                (double)allowed,
                consumed,
                (double)(allowed - consumed),
                eligible == 0 ? null : (double)((allowed - consumed) / allowed * 100m)),
            ShortWindow = _options.ShortWindow,
            ShortBurnRate = BurnRate(instance, operation, threshold, allowedShare, _options.ShortWindow, nowTicks),
            LongWindow = _options.LongWindow,
            LongBurnRate = BurnRate(instance, operation, threshold, allowedShare, _options.LongWindow, nowTicks),
        };
    }

    /// <summary>The requests an objective is judged on and the good ones: eligible and successful requests for
    /// availability; successful requests and those within the threshold for latency.</summary>
    private (long Eligible, long Good) Score(VendorSloCounts counts, TimeSpan? threshold) =>
        threshold is { } limit
            ? (counts[VendorSloOutcome.Success], counts.Latency.CountAtMost(limit))
            : (Eligible(counts, _options.CountThrottlingAsFailure), counts[VendorSloOutcome.Success]);

    /// <summary>The error rate over the window ÷ the allowed error rate (1 − objective).</summary>
    private double? BurnRate(string instance, string? operation, TimeSpan? threshold, decimal allowedShare, TimeSpan window, long nowTicks)
    {
        (long eligible, long good) = Score(_recorder.Sum(instance, operation, nowTicks, window), threshold);
        return eligible == 0 ? null : (double)((eligible - good) / (decimal)eligible / allowedShare);
    }

    private List<VendorSloRanking> Rank(List<VendorSloInstanceReport> reports, TimeSpan window, long nowTicks)
    {
        // One ranking per distinct set of instances: an instance is measured over all its requests, so capabilities
        // supplied by the same instances would rank them identically.
        var groups = new List<(List<VendorSloInstanceReport> Candidates, List<string> Capabilities)>();
        foreach ((Type _, string capability) in MartechCapabilities.All)
        {
            var candidates = reports.Where(r => r.Capabilities.Contains(capability, StringComparer.Ordinal)).ToList();
            if (candidates.Count < 2)
            {
                continue;
            }

            int same = groups.FindIndex(g => g.Candidates.SequenceEqual(candidates));
            if (same >= 0)
            {
                groups[same].Capabilities.Add(capability);
            }
            else
            {
                groups.Add((candidates, [capability]));
            }
        }

        var rankings = new List<VendorSloRanking>(groups.Count);
        foreach ((List<VendorSloInstanceReport> candidates, List<string> capabilities) in groups)
        {

            var measured = candidates
                .Select(r => (Report: r, Measurements: r.Measurements.Window == window ? r.Measurements : Measure(r.Instance, null, nowTicks, window)))
                .OrderBy(m => m.Measurements.Availability is null ? 1 : 0)
                .ThenByDescending(m => m.Measurements.Availability ?? 0)
                .ThenBy(m => m.Measurements.LatencyP95 ?? TimeSpan.MaxValue)
                .ThenByDescending(m => m.Measurements.Eligible)
                .ThenBy(m => m.Report.Instance, StringComparer.OrdinalIgnoreCase)
                .Select((m, i) => new VendorSloRankingEntry(i + 1, m.Report.Instance, m.Report.ProviderType, m.Measurements))
                .ToList();
            rankings.Add(new VendorSloRanking(capabilities, window, measured));
        }

        return rankings;
    }
}
