using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk;

/// <summary>
/// The front of the webhook inbox: verifies a request with the provider instance's <see cref="IWebhookReceiver"/>,
/// records its events in the <see cref="IWebhookEventStore"/> (dropping redeliveries), wakes the dispatcher, and says
/// what to answer the vendor — all before any handler runs, so a slow handler never makes a vendor time out.
/// <c>MapMartechWebhooks()</c> calls it for each request; a host without ASP.NET Core (a queue trigger, a function) can
/// call it directly. Registered by <c>AddWebhooks()</c>.
/// </summary>
/// <remarks>The answer is: the receiver's rejection status (401, 400, 413, Mailgun's 406, …) for a rejected request;
/// 503 with <c>Retry-After</c> when the store cannot record (the vendor delivers again, so nothing acknowledged is
/// lost); otherwise the receiver's response (200, Slack's challenge, an acknowledgement), duplicates included.</remarks>
public sealed class MartechWebhookInbox
{
    private readonly IServiceProvider _services;
    private readonly IWebhookEventStore _store;
    private readonly WebhookDispatchSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Counters> _counters = new(StringComparer.OrdinalIgnoreCase);

    internal MartechWebhookInbox(IServiceProvider services, IWebhookEventStore store, WebhookDispatchSignal signal, MartechRegistry registry, TimeProvider? timeProvider, ILogger<MartechWebhookInbox>? logger)
    {
        _services = services;
        _store = store;
        _signal = signal;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Providers = [.. registry.ProvidersOf(typeof(IWebhookReceiver))];
    }

    /// <summary>The provider instances that supply <see cref="IWebhookReceiver"/>.</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>The store events are recorded in.</summary>
    public IWebhookEventStore Store => _store;

    /// <summary>Gets an instance's receiver.</summary>
    /// <param name="provider">The instance name.</param>
    /// <returns>The receiver, with the instance's middleware.</returns>
    /// <exception cref="ArgumentException">No instance of that name supplies <see cref="IWebhookReceiver"/>.</exception>
    public IWebhookReceiver GetReceiver(string provider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        return _services.GetKeyedService<IWebhookReceiver>(provider)
            ?? throw new ArgumentException($"No Martech provider instance named '{provider}' supplies IWebhookReceiver. Instances that do: {(Providers.Count == 0 ? "none" : string.Join(", ", Providers))}.", nameof(provider));
    }

    /// <summary>Gets an instance's webhook settings.</summary>
    /// <param name="provider">The instance name.</param>
    /// <returns>Its settings, or <see langword="null"/> when its receiver does not expose any.</returns>
    public MartechWebhookOptions? GetOptions(string provider) =>
        GetReceiver(provider).GetService(typeof(MartechWebhookOptions)) as MartechWebhookOptions;

    /// <summary>Verifies a request, records its new events and says what to answer the vendor.</summary>
    /// <param name="provider">The instance the request was sent to.</param>
    /// <param name="request">The raw request.</param>
    /// <param name="cancellationToken">Cancels the call (the vendor gets no answer, and delivers again).</param>
    /// <returns>The answer, with what was accepted or why the request was rejected.</returns>
    /// <exception cref="ArgumentException">No instance of that name supplies <see cref="IWebhookReceiver"/>.</exception>
    public async Task<WebhookInboxResult> ReceiveAsync(string provider, WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IWebhookReceiver receiver = GetReceiver(provider);
        Counters counters = _counters.GetOrAdd(provider, static _ => new Counters());
        WebhookReceiveResult received;
        try
        {
            received = await receiver.ReceiveAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (WebhookVerificationException ex)
        {
            counters.Rejected(ex.Reason, _time.GetUtcNow());
            WebhookLog.Rejected(_logger, provider, ex.Reason, ex.StatusCode, ex.Message);
            if (ex.Diagnostic is { } diagnostic)
            {
                // Only when the instance's IncludeDiagnostics is on: it can hold personal data, never a secret.
                WebhookLog.RejectedDiagnostic(_logger, provider, ex.Reason, diagnostic);
            }

            MartechTelemetry.RecordWebhookRequest(provider, "rejected", ex.Reason.ToString());
            return new WebhookInboxResult { StatusCode = ex.StatusCode, Rejection = ex };
        }

        int accepted = 0, duplicates = 0;
        if (received.Events.Count > 0)
        {
            IReadOnlyList<bool> added;
            try
            {
                added = await _store.AddAsync(received.Events, cancellationToken).ConfigureAwait(false);
            }
            catch (WebhookStoreFullException)
            {
                counters.Unavailable();
                WebhookLog.StoreFull(_logger, provider);
                MartechTelemetry.RecordWebhookRequest(provider, "unavailable", "store_full");
                return new WebhookInboxResult { StatusCode = 503, RetryAfterSeconds = 30 };
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                counters.Unavailable();
                WebhookLog.StoreFailed(_logger, ex, provider, received.Events.Count);
                MartechTelemetry.RecordWebhookRequest(provider, "unavailable", "store_failed");
                return new WebhookInboxResult { StatusCode = 503, RetryAfterSeconds = 10 };
            }

            for (int i = 0; i < added.Count; i++)
            {
                bool isNew = added[i];
                if (isNew)
                {
                    accepted++;
                }
                else
                {
                    duplicates++;
                }

                MartechTelemetry.RecordWebhookEvent(provider, MartechEventKinds.Of(received.Events[i]), isNew ? "new" : "duplicate");
            }

            if (accepted > 0)
            {
                _signal.Notify();
            }
        }

        counters.Accepted(_time.GetUtcNow());
        WebhookLog.Accepted(_logger, provider, accepted, duplicates);
        MartechTelemetry.RecordWebhookRequest(provider, "accepted", null);
        WebhookResponse response = received.Response;
        return new WebhookInboxResult
        {
            StatusCode = response.StatusCode,
            ContentType = response.ContentType,
            Body = response.Body,
            Accepted = accepted,
            Duplicates = duplicates,
        };
    }

    /// <summary>Lists the parked events: those whose handlers kept failing.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The parked records, oldest first, with their last error.</returns>
    public IAsyncEnumerable<WebhookEventRecord> ListParkedAsync(CancellationToken cancellationToken = default) =>
        _store.ListAsync(WebhookEventState.Parked, cancellationToken);

    /// <summary>Hands a parked (or already handled) event to its handlers again, with its attempts reset.</summary>
    /// <param name="key">The event's key (<see cref="WebhookEventRecord.Key"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when no such event is held or it is already waiting.</returns>
    public async Task<bool> ReplayAsync(string key, CancellationToken cancellationToken = default)
    {
        bool requeued = await _store.RequeueAsync(key, cancellationToken).ConfigureAwait(false);
        if (requeued)
        {
            _signal.Notify();
        }

        return requeued;
    }

    /// <summary>What an instance's endpoint has seen since the process started.</summary>
    /// <param name="provider">The instance.</param>
    /// <returns>Its counts and last outcomes.</returns>
    public WebhookEndpointStatus GetStatus(string provider)
    {
        bool configured = GetOptions(provider)?.IsConfigured ?? true;
        return _counters.TryGetValue(provider, out Counters? c)
            ? c.Snapshot(provider, configured)
            : new WebhookEndpointStatus(provider, configured, 0, 0, 0, null, null, null);
    }

    private sealed class Counters
    {
        private readonly Lock _gate = new();
        private long _accepted;
        private long _rejected;
        private long _unavailable;
        private DateTimeOffset? _lastAccepted;
        private DateTimeOffset? _lastRejected;
        private WebhookRejectionReason? _lastReason;

        public void Accepted(DateTimeOffset at)
        {
            lock (_gate)
            {
                _accepted++;
                _lastAccepted = at;
            }
        }

        public void Rejected(WebhookRejectionReason reason, DateTimeOffset at)
        {
            lock (_gate)
            {
                _rejected++;
                _lastRejected = at;
                _lastReason = reason;
            }
        }

        public void Unavailable()
        {
            lock (_gate)
            {
                _unavailable++;
            }
        }

        public WebhookEndpointStatus Snapshot(string provider, bool configured)
        {
            lock (_gate)
            {
                return new WebhookEndpointStatus(provider, configured, _accepted, _rejected, _unavailable, _lastAccepted, _lastRejected, _lastReason);
            }
        }
    }
}
