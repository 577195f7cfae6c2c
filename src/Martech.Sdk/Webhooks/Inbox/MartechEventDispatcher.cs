using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>
/// Hands recorded webhook events to their <see cref="IMartechEventHandler{TEvent}"/>s: leases due events from the
/// <see cref="IWebhookEventStore"/>, runs up to <see cref="MartechWebhooksOptions.MaxConcurrency"/> at once (a slow
/// event never holds up the others), and completes, retries with backoff, or parks each. Contact changes pass the
/// ordering guard first. A hosted service registered by <c>AddWebhooks()</c>.
/// </summary>
internal sealed class MartechEventDispatcher : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IWebhookEventStore _store;
    private readonly WebhookDispatchSignal _signal;
    private readonly MartechWebhooksOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Events of one contact are handled one at a time (striped locks: bounded memory; two contacts sharing a stripe
    // only wait for each other).
    private const int ContactLockStripes = 64;
    private readonly SemaphoreSlim[] _contactLocks = [.. Enumerable.Range(0, ContactLockStripes).Select(_ => new SemaphoreSlim(1, 1))];

    public MartechEventDispatcher(IServiceScopeFactory scopes, IWebhookEventStore store, WebhookDispatchSignal signal, IOptions<MartechWebhooksOptions> options, TimeProvider? timeProvider = null, ILogger<MartechEventDispatcher>? logger = null)
    {
        _scopes = scopes;
        _store = store;
        _signal = signal;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var running = new HashSet<Task>();
        TimeSpan storeBackoff = _options.PollInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                int free = 1;
                while (slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                IReadOnlyList<WebhookEventRecord> leased;
                try
                {
                    leased = await _store.LeaseAsync(free, _options.LeaseDuration, stoppingToken).ConfigureAwait(false);
                    storeBackoff = _options.PollInterval;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    slots.Release(free);
                    WebhookLog.StoreUnavailable(_logger, ex, storeBackoff.TotalMilliseconds);
                    await Task.Delay(storeBackoff, _time, stoppingToken).ConfigureAwait(false);
                    storeBackoff = TimeSpan.FromTicks(Math.Min(storeBackoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                    continue;
                }

                if (leased.Count < free)
                {
                    slots.Release(free - leased.Count);
                }

                foreach (WebhookEventRecord record in leased)
                {
                    Task task = RunAsync(record, slots, stoppingToken);
                    lock (running)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            lock (running)
                            {
                                running.Remove(t);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                if (leased.Count == 0)
                {
                    await _signal.WaitAsync(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining).ConfigureAwait(false);
    }

    private async Task RunAsync(WebhookEventRecord record, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await HandleAsync(record, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    internal async Task HandleAsync(WebhookEventRecord record, CancellationToken stoppingToken)
    {
        string kind = MartechEventKinds.Of(record.Event);
        string provider = record.Event.Provider;
        long started = Stopwatch.GetTimestamp();

        // Handed out more often than it may be tried without ever failing: the process died or a handler hung each
        // time (a lease ran out). Park it instead of crashing the next process too.
        if (record.Attempts > _options.MaxAttempts)
        {
            string error = $"handed to handlers {record.Attempts - 1} times without finishing: the process stopped or a handler ignored cancellation each time.";
            if (await TryStoreAsync(() => _store.ParkAsync(record, error, CancellationToken.None), record, "park").ConfigureAwait(false))
            {
                WebhookLog.Parked(_logger, record.Key, kind, record.Attempts - 1, error);
                MartechTelemetry.RecordWebhookHandled(provider, kind, "parked", 0);
            }

            return;
        }

        SemaphoreSlim? contactLock = record.Event is ContactEvent { ContactId: { Length: > 0 } } contact ? _contactLocks[LockIndexOf(contact)] : null;
        if (contactLock is not null)
        {
            // One event per contact at a time, so the ordering check, the handlers and the recorded version agree.
            try
            {
                await contactLock.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await TryReleaseAsync(record).ConfigureAwait(false);
                return;
            }
        }

        try
        {
            await HandleCoreAsync(record, kind, provider, started, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            contactLock?.Release();
        }
    }

    private async Task HandleCoreAsync(WebhookEventRecord record, string kind, string provider, long started, CancellationToken stoppingToken)
    {
        MartechEvent martechEvent = record.Event;
        int handlers;
        try
        {
            if (martechEvent is ContactEvent contactEvent)
            {
                ContactEvent? current = await ContactEventOrdering.FilterAsync(_store, contactEvent, stoppingToken).ConfigureAwait(false);
                if (current is null)
                {
                    if (await TryStoreAsync(() => _store.CompleteAsync(record, WebhookEventState.Superseded, CancellationToken.None), record, "complete").ConfigureAwait(false))
                    {
                        string resource = ContactEventOrdering.ResourceOf(contactEvent);
                        WebhookLog.Superseded(_logger, record.Key, resource);
                        MartechTelemetry.RecordWebhookHandled(provider, kind, "superseded", Stopwatch.GetElapsedTime(started).TotalSeconds);
                    }

                    return;
                }

                martechEvent = current;
            }

            var context = new MartechEventContext(record.Key, record.Attempts, record.ReceivedAt);
            using var timeout = new CancellationTokenSource(_options.HandlerTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            AsyncServiceScope scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                handlers = await MartechEventHandlers.InvokeAsync(scope.ServiceProvider, martechEvent, context, linked.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: make the event due again at once instead of waiting for its lease to run out.
            _ = ex;
            await TryReleaseAsync(record).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            await FailedAsync(record, kind, provider, started, ex).ConfigureAwait(false);
            return;
        }

        // The handlers succeeded: a store failure from here on is not theirs. The change's version is recorded before the
        // event is completed, so a crash in between leaves the event to be handled again, never a stale change passing.
        if (martechEvent is ContactEvent handled
            && !await TryStoreAsync(() => ContactEventOrdering.RecordAsync(_store, handled, CancellationToken.None), record, "record the version of").ConfigureAwait(false))
        {
            return;
        }

        if (await TryStoreAsync(() => _store.CompleteAsync(record, WebhookEventState.Handled, CancellationToken.None), record, "complete").ConfigureAwait(false))
        {
            double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            WebhookLog.Handled(_logger, record.Key, kind, record.Attempts, handlers, elapsed * 1000);
            MartechTelemetry.RecordWebhookHandled(provider, kind, "handled", elapsed);
        }
    }

    private async Task FailedAsync(WebhookEventRecord record, string kind, string provider, long started, Exception ex)
    {
        string error = ex is OperationCanceledException
            ? $"the handlers did not finish within {_options.HandlerTimeout} (Martech:Webhooks:HandlerTimeout)."
            : $"{ex.GetType().Name}: {ex.Message}";
        double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (record.Attempts >= _options.MaxAttempts)
        {
            if (await TryStoreAsync(() => _store.ParkAsync(record, error, CancellationToken.None), record, "park").ConfigureAwait(false))
            {
                WebhookLog.Parked(_logger, record.Key, kind, record.Attempts, error);
                MartechTelemetry.RecordWebhookHandled(provider, kind, "parked", elapsed);
            }

            return;
        }

        TimeSpan delay = BackoffOf(record.Attempts);
        if (await TryStoreAsync(() => _store.RetryAsync(record, _time.GetUtcNow() + delay, error, CancellationToken.None), record, "schedule a retry of").ConfigureAwait(false))
        {
            WebhookLog.HandlerFailed(_logger, record.Key, kind, record.Attempts, delay.TotalMilliseconds, error);
            MartechTelemetry.RecordWebhookHandled(provider, kind, "retried", elapsed);
        }
    }

    // A store call after the handlers ran. When it fails or the lease was lost, the event's lease runs out and it is
    // handed out again (at least once); the failure is logged, never thrown into the dispatcher loop.
    private async Task<bool> TryStoreAsync(Func<Task<bool>> call, WebhookEventRecord record, string action)
    {
        try
        {
            if (await call().ConfigureAwait(false))
            {
                return true;
            }

            WebhookLog.LeaseLost(_logger, record.Key, action);
            return false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            WebhookLog.StoreCallFailed(_logger, ex, record.Key, action);
            return false;
        }
    }

    private async Task<bool> TryStoreAsync(Func<Task> call, WebhookEventRecord record, string action) =>
        await TryStoreAsync(
            async () =>
            {
                await call().ConfigureAwait(false);
                return true;
            },
            record,
            action).ConfigureAwait(false);

    private static int LockIndexOf(ContactEvent e) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(ContactEventOrdering.ResourceOf(e)) % ContactLockStripes);

    internal TimeSpan BackoffOf(int attempt)
    {
        double exponential = _options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        double capped = Math.Min(exponential, _options.MaxRetryDelay.Ticks);
        double jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Min(capped * jitter, _options.MaxRetryDelay.Ticks));
    }

    private async Task TryReleaseAsync(WebhookEventRecord record)
    {
        try
        {
            await _store.RetryAsync(record, _time.GetUtcNow(), null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease runs out on its own; the event is handed out again then.
        }
    }
}
