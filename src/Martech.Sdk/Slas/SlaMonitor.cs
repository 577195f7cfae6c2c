using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>
/// Evaluates the SLA policies over leads listed from the configured leads provider and over the item histories in the
/// <see cref="ISlaStore"/>, hands each new transition (at risk, breached, met) to the <see cref="ISlaTransitionHandler"/>s
/// and the escalation once, and answers queries: the clocks of an item, the open clocks at risk or breached, and volume
/// SLA results. A hosted service runs <see cref="EvaluateAsync"/> every <see cref="SlaOptions.EvaluationInterval"/>;
/// resolve the monitor from DI to query it or to run a pass yourself.
/// </summary>
/// <remarks>
/// Every pass recomputes every clock from history (<see cref="SlaEvaluator"/>), so an edited policy or calendar applies
/// to open and closed clocks alike. What is kept is the notification state per policy and item: a transition is claimed
/// with an atomic compare-and-set before it is handed over, so it is notified once across concurrent passes, monitors
/// and restarts that share the store. <c>docs/slas.md</c> states the rules.
/// </remarks>
public sealed class SlaMonitor
{
    private readonly SlaDefinitions _definitions;
    private readonly ISlaStore _store;
    private readonly IServiceProvider _services;
    private readonly MartechRegistry _registry;
    private readonly SlaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MessageDestination? _destination;
    private readonly ConcurrentDictionary<SlaNotificationKey, SlaNotificationState> _known = new();
    private readonly ConcurrentDictionary<string, IBusinessCalendar> _calendars = new(StringComparer.OrdinalIgnoreCase);
    private volatile SlaEvaluationResult? _last;

    internal SlaMonitor(SlaDefinitions definitions, ISlaStore store, IServiceProvider services, MartechRegistry registry, IOptions<SlaOptions> options, TimeProvider? time, ILogger<SlaMonitor>? logger)
    {
        _definitions = definitions;
        _store = store;
        _services = services;
        _registry = registry;
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        // Validated at start-up; a destination that does not parse means no escalation.
        _destination = MessageDestination.TryParse(_options.Escalation.Destination, out MessageDestination? parsed, out _) ? parsed : null;
    }

    /// <summary>The time policies, from code and configuration.</summary>
    public IReadOnlyList<SlaPolicy> Policies => _definitions.Policies;

    /// <summary>The volume policies, from code and configuration.</summary>
    public IReadOnlyList<SlaVolumePolicy> VolumePolicies => _definitions.Volumes;

    /// <summary>How many notification states this monitor caches (tests check it stays bounded).</summary>
    internal int KnownCount => _known.Count;

    /// <summary>The result of the latest pass; <see langword="null"/> before the first.</summary>
    public SlaEvaluationResult? LastResult => _last;

    /// <summary>The open clocks at risk or breached as of the latest pass, most overdue first.</summary>
    /// <param name="status">Only clocks with this status (<see cref="SlaClockStatus.AtRisk"/> or
    /// <see cref="SlaClockStatus.Breached"/>); <see langword="null"/> for both.</param>
    /// <returns>The clocks; empty before the first pass.</returns>
    public IReadOnlyList<SlaClock> GetOpenClocks(SlaClockStatus? status = null) =>
        _last is not { } last ? []
        : status is null ? last.AtRiskOrBreached
        : [.. last.AtRiskOrBreached.Where(c => c.Status == status)];

    /// <summary>Runs one pass: evaluates every policy over every item, claims and hands over new transitions.</summary>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>What the pass found and did.</returns>
    public async Task<SlaEvaluationResult> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _time.GetUtcNow();
        IReadOnlyList<(SlaPolicy Policy, IBusinessCalendar? Calendar)> policies = PoliciesWithCalendars();
        var atRisk = new List<SlaClock>();
        var transitions = new List<SlaTransition>();
        int items = 0, clocks = 0, failures = 0, evaluationFailures = 0;
        var removed = new Counter();
        var seen = new HashSet<SlaNotificationKey>();
        DateTimeOffset idleBefore = now - _options.ClosedItemRetention;
        await foreach (SlaItem item in ItemsAsync(now, record: true, removed, cancellationToken).ConfigureAwait(false))
        {
            items++;
            bool keep = false;
            foreach ((SlaPolicy policy, IBusinessCalendar? calendar) in policies)
            {
                try
                {
                    IReadOnlyList<SlaClock> cycles = SlaEvaluator.EvaluateValidated(policy, calendar, item, now);
                    if (cycles.Count == 0)
                    {
                        continue;
                    }

                    clocks++;
                    seen.Add(new SlaNotificationKey(policy.Name, item.Kind, item.Id));
                    SlaClock latest = cycles[^1];
                    keep |= latest.IsOpen;
                    if (latest.IsOpen && latest.Status is SlaClockStatus.AtRisk or SlaClockStatus.Breached)
                    {
                        atRisk.Add(latest);
                    }

                    // Every cycle, oldest first: one that ended between two passes still raises its met or late breach
                    // (cycles older than the stored state decide nothing).
                    foreach (SlaClock clock in cycles)
                    {
                        (SlaTransition? transition, bool failed) = await NotifyAsync(policy, item, clock, now, cancellationToken).ConfigureAwait(false);
                        if (transition is not null)
                        {
                            transitions.Add(transition);
                        }

                        failures += failed ? 1 : 0;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One item the policy cannot be evaluated on (a history a calendar cannot count, a store error) must
                    // not stop the pass: it is logged, counted, and tried again on the next pass.
                    evaluationFailures++;
                    keep = true;
                    SlaLog.EvaluationFailed(_logger, ex, policy.Name, item.Kind, item.Id);
                }
            }

            // Retention: an item from the store whose clocks are all closed and whose last event is older than
            // ClosedItemRetention is dropped (leads listed from the provider are the provider's to keep).
            if (!keep && item.History.Count > 0 && item.History[^1].OccurredAt < idleBefore && !(item.Kind == SlaItemKind.Lead && _options.LeadsProvider is not null)
                && await _store.RemoveItemAsync(item.Kind, item.Id, cancellationToken).ConfigureAwait(false))
            {
                removed.Value++;
                foreach ((SlaPolicy policy, _) in policies)
                {
                    seen.Remove(new SlaNotificationKey(policy.Name, item.Kind, item.Id));
                }
            }
        }

        // The cache holds what this pass saw, no more: keys of items gone (or no longer evaluated) are forgotten.
        foreach (SlaNotificationKey key in _known.Keys)
        {
            if (!seen.Contains(key))
            {
                _known.TryRemove(key, out _);
            }
        }

        atRisk.Sort(static (a, b) => (b.OverdueBy ?? TimeSpan.MinValue).CompareTo(a.OverdueBy ?? TimeSpan.MinValue) is var c and not 0 ? c : (a.DueAt ?? DateTimeOffset.MaxValue).CompareTo(b.DueAt ?? DateTimeOffset.MaxValue));
        var result = new SlaEvaluationResult { EvaluatedAt = now, Items = items, Clocks = clocks, AtRiskOrBreached = atRisk, Transitions = transitions, EscalationFailures = failures, EvaluationFailures = evaluationFailures, ItemsRemoved = removed.Value };
        _last = result;
        SlaLog.Pass(_logger, now, items, clocks, atRisk.Count, transitions.Count);
        return result;
    }

    /// <summary>The clocks of one item under every policy, evaluated now from its recorded history (and, for a lead,
    /// what the leads provider says of it).</summary>
    /// <param name="kind">The item's kind.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One clock per policy that applies and started, in policy order.</returns>
    public async Task<IReadOnlyList<SlaClock>> GetClocksAsync(SlaItemKind kind, string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        DateTimeOffset now = _time.GetUtcNow();
        List<SlaItemEvent> history = [.. await _store.GetHistoryAsync(kind, itemId, cancellationToken).ConfigureAwait(false)];
        if (kind == SlaItemKind.Lead && LeadClient() is { } leads && await leads.GetAsync(itemId, cancellationToken).ConfigureAwait(false) is { } lead)
        {
            history.AddRange(Observe(lead, history, now));
        }

        var result = new List<SlaClock>();
        if (history.Count == 0)
        {
            return result;
        }

        var item = new SlaItem(kind, itemId, history);
        foreach ((SlaPolicy policy, IBusinessCalendar? calendar) in PoliciesWithCalendars())
        {
            if (SlaEvaluator.EvaluateValidated(policy, calendar, item, now) is { Count: > 0 } cycles)
            {
                result.Add(cycles[^1]);
            }
        }

        return result;
    }

    /// <summary>Measures a volume policy over the period containing <paramref name="at"/>.</summary>
    /// <param name="policyName">The volume policy's name.</param>
    /// <param name="at">An instant in the period; now when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result; for a bounce rate, one per campaign with messages in the period.</returns>
    /// <exception cref="ArgumentException">No volume policy has that name.</exception>
    public async Task<IReadOnlyList<SlaVolumeResult>> EvaluateVolumeAsync(string policyName, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        SlaVolumePolicy policy = VolumePolicies.FirstOrDefault(v => string.Equals(v.Name, policyName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No volume SLA policy is named '{policyName}'. Volume policies: {SlaDefinitions.Names(VolumePolicies.Select(v => v.Name))}.", nameof(policyName));
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset when = at ?? now;
        switch (policy.Measure)
        {
            case SlaVolumeMeasure.BounceRate:
                return SlaVolumes.BounceRates(policy, await ToListAsync(_store.ListItemsAsync(SlaItemKind.Campaign, cancellationToken)).ConfigureAwait(false), when, now);
            case SlaVolumeMeasure.LeadsReachingStatus:
                List<SlaItem> leads = [.. (await ToListAsync(ItemsAsync(now, record: false, null, cancellationToken)).ConfigureAwait(false)).Where(i => i.Kind == SlaItemKind.Lead)];
                return [SlaVolumes.CountLeadsReachingStatus(policy, leads, when, now)];
            default:
                SlaPolicy clockPolicy = Policies.First(p => string.Equals(p.Name, policy.ClockPolicy, StringComparison.OrdinalIgnoreCase));
                List<SlaItem> items = await ToListAsync(ItemsAsync(now, record: false, null, cancellationToken)).ConfigureAwait(false);
                return [SlaVolumes.Attainment(policy, clockPolicy, CalendarOf(clockPolicy), items, when, now)];
        }
    }

    /// <summary>The events the monitor adds to a lead's history from what the provider says of it: the creation (with
    /// its fields), and a status or owner that differs from the history's, at the lead's <see cref="Lead.UpdatedAt"/>.
    /// Their ids are derived from the values, so monitors that observe the same change record it once.</summary>
    internal static List<SlaItemEvent> Observe(Lead lead, IReadOnlyList<SlaItemEvent> history, DateTimeOffset now)
    {
        var observed = new List<SlaItemEvent>(2);
        string status = lead.Status?.Value ?? LeadStatus.New.Value;
        DateTimeOffset changedAt = lead.UpdatedAt ?? now;
        string? knownStatus = null, knownOwner = null;
        bool created = false;
        foreach (SlaItemEvent e in history)
        {
            created |= e.Type == SlaItemEventType.Created;
            knownStatus = e.Status ?? knownStatus;
            knownOwner = e.OwnerId ?? knownOwner;
        }

        if (!created)
        {
            DateTimeOffset createdAt = lead.CreatedAt ?? now;
            // A lead edited since its creation may have started as new: say so, and change the status when it was edited.
            bool changedSince = lead.UpdatedAt is { } updated && updated > createdAt && !string.Equals(status, LeadStatus.New.Value, StringComparison.OrdinalIgnoreCase);
            observed.Add(new SlaItemEvent
            {
                Id = "observed:created",
                Type = SlaItemEventType.Created,
                OccurredAt = createdAt,
                Status = changedSince ? LeadStatus.New.Value : status,
                OwnerId = lead.OwnerId,
                Source = lead.Source,
                Email = lead.Email,
            });
            knownStatus = changedSince ? LeadStatus.New.Value : status;
            knownOwner = lead.OwnerId ?? knownOwner;
        }

        if (!string.Equals(knownStatus, status, StringComparison.OrdinalIgnoreCase))
        {
            observed.Add(new SlaItemEvent { Id = $"observed:status:{status}:{changedAt.UtcTicks}", Type = SlaItemEventType.StatusChanged, OccurredAt = changedAt, Status = status });
        }

        if (lead.OwnerId is { } owner && !string.Equals(knownOwner, owner, StringComparison.Ordinal))
        {
            observed.Add(new SlaItemEvent { Id = $"observed:owner:{owner}:{changedAt.UtcTicks}", Type = SlaItemEventType.OwnerChanged, OccurredAt = changedAt, OwnerId = owner });
        }

        return observed;
    }

    // Leads listed from the provider (merged with their recorded histories), then every other item with a history.
    // With `removed` (a pass), campaigns whose last event is older than the retention are dropped on the way.
    private async IAsyncEnumerable<SlaItem> ItemsAsync(DateTimeOffset now, bool record, Counter? removed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ILeadClient? leads = LeadClient();
        if (leads is not null)
        {
            await foreach (Lead lead in leads.ListAsync(null, cancellationToken).ConfigureAwait(false))
            {
                if (lead.Id is not { } id)
                {
                    continue;
                }

                IReadOnlyList<SlaItemEvent> history = await _store.GetHistoryAsync(SlaItemKind.Lead, id, cancellationToken).ConfigureAwait(false);
                List<SlaItemEvent> observed = Observe(lead, history, now);
                if (observed.Count > 0)
                {
                    if (record)
                    {
                        await _store.AppendAsync(SlaItemKind.Lead, id, observed, cancellationToken).ConfigureAwait(false);
                    }

                    history = [.. history, .. observed];
                }

                yield return new SlaItem(SlaItemKind.Lead, id, history);
            }
        }

        await foreach (SlaItem item in _store.ListItemsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (item.Kind == SlaItemKind.Campaign && removed is not null && item.History.Count > 0 && item.History[^1].OccurredAt < now - _options.ClosedItemRetention
                && await _store.RemoveItemAsync(item.Kind, item.Id, cancellationToken).ConfigureAwait(false))
            {
                removed.Value++;
            }

            if (item.Kind == SlaItemKind.Campaign || (leads is not null && item.Kind == SlaItemKind.Lead))
            {
                continue;
            }

            yield return item;
        }
    }

    private ILeadClient? LeadClient() =>
        _options.LeadsProvider is { } name ? _services.GetRequiredKeyedService<ILeadClient>(Registered(name)) : null;

    private string Registered(string name) => _registry.TryGet(name, out MartechProviderBuilder? found) ? found!.Name : name;

    private List<(SlaPolicy, IBusinessCalendar?)> PoliciesWithCalendars() => [.. Policies.Select(p => (p, CalendarOf(p)))];

    private IBusinessCalendar? CalendarOf(string policyName) =>
        Policies.FirstOrDefault(p => string.Equals(p.Name, policyName, StringComparison.OrdinalIgnoreCase)) is { } policy ? CalendarOf(policy) : null;

    private IBusinessCalendar? CalendarOf(SlaPolicy policy) =>
        policy.Calendar is not { } name ? null
        : _calendars.GetOrAdd(name, static (n, services) => services.GetRequiredService<IBusinessCalendars>().Get(n), _services);

    private async Task<(SlaTransition? Transition, bool Failed)> NotifyAsync(SlaPolicy policy, SlaItem item, SlaClock clock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = new SlaNotificationKey(policy.Name, item.Kind, item.Id);
        if (_known.TryGetValue(key, out SlaNotificationState? cached) && cached.SendClaimedAt is null && Decide(cached, clock) is null)
        {
            // States only move forward, so what needs nothing against this monitor's last view needs nothing against the
            // store's. A state with an escalation still to send is never trusted from the cache.
            return (null, false);
        }

        SlaNotificationState? state = await _store.GetNotificationAsync(key, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (Decide(state, clock) is not { } decision)
            {
                Remember(key, state);
                if (state is { SendClaimedAt: { } claimedAt, Notified: { } notified } && state.Cycle == clock.Cycle && claimedAt + _options.Escalation.ClaimTimeout <= now)
                {
                    // An escalation claimed and not sent: its send failed, or the host stopped or crashed before it ended.
                    return (null, !await RetryEscalationAsync(key, state, notified, item, clock, now, cancellationToken).ConfigureAwait(false));
                }

                return (null, false);
            }

            SlaNotificationState next = decision.Next;
            bool escalates = decision.Notify is { } notify && Escalates(notify);
            if (escalates)
            {
                next = next with { SendClaimedAt = now };
            }
            else if (decision.Notify is null && state is { SendClaimedAt: not null } && state.Cycle == next.Cycle)
            {
                // Nothing new to notify (the cycle closed): an escalation still to send stays to send.
                next = next with { SendClaimedAt = state.SendClaimedAt };
            }

            if (!await _store.TrySetNotificationAsync(key, state, next, cancellationToken).ConfigureAwait(false))
            {
                // Another pass or monitor moved the state: decide again against what it wrote.
                state = await _store.GetNotificationAsync(key, cancellationToken).ConfigureAwait(false);
                continue;
            }

            Remember(key, next);
            if (decision.Notify is not { } kind)
            {
                return (null, false);
            }

            SlaTransition transition = Transition(kind, item, clock);
            SlaLog.Transition(_logger, kind, policy.Name, item.Kind, item.Id, clock.Cycle);
            await HandleAsync(transition, cancellationToken).ConfigureAwait(false);
            return (transition, escalates && !await SendAsync(key, next, transition, cancellationToken).ConfigureAwait(false));
        }
    }

    private static SlaTransition Transition(SlaTransitionKind kind, SlaItem item, SlaClock clock) => new()
    {
        Kind = kind,
        Clock = clock,
        Item = item,
        OccurredAt = kind switch
        {
            SlaTransitionKind.AtRisk => clock.AtRiskAt ?? clock.EvaluatedAt,
            SlaTransitionKind.Breached => clock.BreachedAt ?? clock.EvaluatedAt,
            _ => clock.MetAt ?? clock.EvaluatedAt,
        },
        Breach = kind == SlaTransitionKind.Breached ? SlaBreach.From(clock, item) : null,
    };

    private bool Escalates(SlaTransitionKind kind) =>
        _options.Escalation.Provider is not null && _destination is not null
        && (kind == SlaTransitionKind.Breached || (kind == SlaTransitionKind.AtRisk && _options.Escalation.AtRisk));

    // Takes over an escalation claimed and not sent (its claim timed out, or its send failed) and sends it; handlers are
    // not run again. True when sent (or nothing is left to send).
    private async Task<bool> RetryEscalationAsync(SlaNotificationKey key, SlaNotificationState state, SlaTransitionKind kind, SlaItem item, SlaClock clock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool stillDue = Escalates(kind) && (kind != SlaTransitionKind.Breached || clock.Status == SlaClockStatus.Breached);
        SlaNotificationState claimed = state with { SendClaimedAt = stillDue ? now : null };
        if (!await _store.TrySetNotificationAsync(key, state, claimed, cancellationToken).ConfigureAwait(false))
        {
            _known.TryRemove(key, out _);
            return true; // another pass or monitor took it
        }

        Remember(key, claimed);
        return !stillDue || await SendAsync(key, claimed, Transition(kind, item, clock), cancellationToken).ConfigureAwait(false);
    }

    // Sends a claimed escalation and settles the claim: sent (or possibly delivered) clears it; a failure, or the host
    // stopping mid-send, marks it to be retried at once by the next pass (of this or any monitor on the store).
    private async Task<bool> SendAsync(SlaNotificationKey key, SlaNotificationState claimed, SlaTransition transition, CancellationToken cancellationToken)
    {
        bool sent;
        try
        {
            sent = await EscalateAsync(transition, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await SettleAsync(key, claimed, sent: false, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await SettleAsync(key, claimed, sent, cancellationToken).ConfigureAwait(false);
        return sent;
    }

    private async Task SettleAsync(SlaNotificationKey key, SlaNotificationState claimed, bool sent, CancellationToken cancellationToken)
    {
        SlaNotificationState settled = claimed with { SendClaimedAt = sent ? null : DateTimeOffset.MinValue };
        if (await _store.TrySetNotificationAsync(key, claimed, settled, cancellationToken).ConfigureAwait(false))
        {
            Remember(key, settled);
        }
        else
        {
            // Another pass or monitor moved the state meanwhile (a newer transition): it owns what is sent now.
            _known.TryRemove(key, out _);
        }
    }

    private void Remember(SlaNotificationKey key, SlaNotificationState? state)
    {
        if (state is not null)
        {
            _known[key] = state;
        }
    }

    /// <summary>What to store and notify for a clock, given the stored state; <see langword="null"/> for nothing.</summary>
    internal static (SlaNotificationState Next, SlaTransitionKind? Notify)? Decide(SlaNotificationState? state, SlaClock clock)
    {
        if (state is not null && state.Cycle > clock.Cycle)
        {
            return null;
        }

        SlaNotificationState? prior = state is not null && state.Cycle == clock.Cycle ? state : null;
        if (prior is { Closed: true })
        {
            return null;
        }

        if (clock.IsOpen)
        {
            SlaTransitionKind? kind = clock.Status switch
            {
                SlaClockStatus.Breached => SlaTransitionKind.Breached,
                SlaClockStatus.AtRisk => SlaTransitionKind.AtRisk,
                _ => null,
            };
            if (prior is null)
            {
                return (new SlaNotificationState(clock.Cycle, kind, false), kind);
            }

            return kind is { } k && (prior.Notified is null || k > prior.Notified) ? (new SlaNotificationState(clock.Cycle, k, false), k) : null;
        }

        if (prior is null)
        {
            // First seen closed (a backfill, a restart with an empty store, a cycle that opened and closed between two
            // passes): recorded without a notification, so old history never floods handlers.
            return (new SlaNotificationState(clock.Cycle, null, true), null);
        }

        SlaTransitionKind? closing = clock.Status switch
        {
            SlaClockStatus.Met => SlaTransitionKind.Met,
            SlaClockStatus.Breached when prior.Notified != SlaTransitionKind.Breached => SlaTransitionKind.Breached,
            _ => null,
        };
        return (new SlaNotificationState(clock.Cycle, closing ?? prior.Notified, true), closing);
    }

    private async Task HandleAsync(SlaTransition transition, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = _services.CreateAsyncScope();
        await using ConfiguredAsyncDisposable disposing = scope.ConfigureAwait(false);
        foreach (ISlaTransitionHandler handler in scope.ServiceProvider.GetServices<ISlaTransitionHandler>())
        {
            try
            {
                await handler.HandleAsync(transition, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                SlaLog.HandlerFailed(_logger, ex, transition.Kind, transition.Clock.Policy, transition.Item.Kind, transition.Item.Id);
            }
        }
    }

    // True when sent (or it may have been delivered); false when the send failed and may be tried again.
    private async Task<bool> EscalateAsync(SlaTransition transition, CancellationToken cancellationToken)
    {
        string provider = _options.Escalation.Provider!;
        try
        {
            IMessageSender sender = _services.GetRequiredKeyedService<IMessageSender>(Registered(provider));
            var message = new OutgoingMessage { Destination = _destination!, Card = SlaEscalation.Card(transition, _options.Escalation.ItemLinkFormat, CalendarOf(transition.Clock.Policy)?.TimeZone), Purpose = SendPurpose.Transactional };
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MartechException ex) when (ex.MayHaveBeenProcessed)
        {
            // It may have been delivered: a second card is worse than none, so the claim stands.
            SlaLog.EscalationFailed(_logger, ex, transition.Kind, transition.Clock.Policy, transition.Item.Kind, transition.Item.Id, provider, "it may have been delivered, so it is not sent again");
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlaLog.EscalationFailed(_logger, ex, transition.Kind, transition.Clock.Policy, transition.Item.Kind, transition.Item.Id, provider, "a later pass tries again");
            return false;
        }
    }

    private sealed class Counter
    {
        public int Value { get; set; }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
