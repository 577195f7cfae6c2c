using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// Routes leads to sales owners and hands them off: picks an owner by the first matching rule, existing-owner affinity
/// and a weighted rotation that skips owners who are out of office, off work or at capacity; writes the owner (and a
/// status) through any <see cref="ILeadClient"/>; notifies the owner through any <see cref="IMessageSender"/>.
/// </summary>
/// <remarks>
/// <para>The rotation is a smooth weighted round-robin kept per pool in the <see cref="ILeadRoutingStore"/>: for each
/// lead, every available owner's credit grows by their weight, the owner with the highest credit is picked (a tie goes
/// to the owner listed first in the pool) and loses the total weight of the available owners. Over any run of leads
/// each owner's count stays within one lead of their weighted share; an owner who is skipped gains nothing, so their
/// share is spread over the others in proportion to the others' weights and they do not catch up in a burst on return.
/// No randomness: the same state and leads give the same owners.</para>
/// <para>One router serialises its own routing; routers in several processes over one store save by version and
/// re-apply their changes when another saved first (capacity limits may then be exceeded by the leads routed at the
/// same moment).</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim's wait handle is never created (no AvailableWaitHandle), so it holds nothing to dispose.")]
public sealed class LeadRouter
{
    private const int SaveAttempts = 20;

    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "outlook.com", "hotmail.com", "hotmail.co.uk",
        "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de",
        "t-online.de", "proton.me", "protonmail.com", "mail.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "zoho.com",
    };

    private readonly LeadRoutingOptions _options;
    private readonly ILeadClient _leads;
    private readonly IMessageSender? _messages;
    private readonly IContactClient? _contacts;
    private readonly ILeadRoutingStore _store;
    private readonly IBusinessCalendars? _calendars;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (string Name, LeadPoolOptions Pool)> _pools = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MessageDestination> _destinations = new(StringComparer.Ordinal);

    /// <summary>Creates a router.</summary>
    /// <param name="options">Owners, pools, rules and handoff settings; checked here.</param>
    /// <param name="leads">Where leads are written on handoff.</param>
    /// <param name="messages">Where owners are notified; <see langword="null"/> for no notifications.</param>
    /// <param name="contacts">Where contacts are looked up for <see cref="LeadRoutingAffinityOptions.ContactOwner"/>.</param>
    /// <param name="store">The routing state; <see langword="null"/> for a new <see cref="InMemoryLeadRoutingStore"/>.</param>
    /// <param name="calendars">The business calendars owners name.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem), or contact
    /// affinity is on without <paramref name="contacts"/>.</exception>
    public LeadRouter(
        LeadRoutingOptions options,
        ILeadClient leads,
        IMessageSender? messages = null,
        IContactClient? contacts = null,
        ILeadRoutingStore? store = null,
        IBusinessCalendars? calendars = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(leads);
        IReadOnlyList<string> problems = options.Validate(nameof(LeadRoutingOptions), calendars);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The lead routing options are invalid:\n" + string.Join('\n', problems), nameof(options));
        }

        if (options.Affinity.ContactOwner && contacts is null)
        {
            throw new ArgumentException("LeadRoutingOptions.Affinity.ContactOwner needs a contacts client to look owners up in: pass one, or turn contact affinity off.", nameof(contacts));
        }

        _options = options;
        _leads = leads;
        _messages = messages;
        _contacts = contacts;
        _store = store ?? new InMemoryLeadRoutingStore();
        _calendars = calendars;
        _time = timeProvider ?? TimeProvider.System;
        foreach ((string name, LeadPoolOptions pool) in options.Pools)
        {
            _pools[name] = (name, pool);
        }

        foreach ((string id, LeadOwnerOptions owner) in options.Owners)
        {
            if (owner.Destination is not null)
            {
                _destinations[id] = MessageDestination.Parse(owner.Destination);
            }
        }
    }

    /// <summary>Who would get the lead, and why, without writing, notifying or changing the routing state.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision.</returns>
    public async Task<LeadRoutingDecision> ExplainAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        IReadOnlyList<LeadRoutingDecision> decisions = await ExplainAsync([lead], cancellationToken).ConfigureAwait(false);
        return decisions[0];
    }

    /// <summary>Who would get each lead of a batch, and why, as a handoff of the batch would decide (each lead counts
    /// for the next), without writing, notifying or changing the routing state.</summary>
    /// <param name="leads">The leads.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One decision per lead, in order.</returns>
    /// <exception cref="ArgumentException">A lead is null.</exception>
    public async Task<IReadOnlyList<LeadRoutingDecision>> ExplainAsync(IReadOnlyList<Lead> leads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leads);
        for (int i = 0; i < leads.Count; i++)
        {
            if (leads[i] is null)
            {
                throw new ArgumentException($"leads[{i}] is null.", nameof(leads));
            }
        }

        LeadRoutingState state = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        (IReadOnlyDictionary<EmailAddress, string> contactOwners, string? lookupError) = await ContactOwnersAsync(leads, cancellationToken).ConfigureAwait(false);
        var working = new LeadRoutingWorkingState(state);
        var decisions = new List<LeadRoutingDecision>(leads.Count);
        for (int i = 0; i < leads.Count; i++)
        {
            (LeadRoutingDecision decision, LeadRoutingChange? change) = Decide(leads[i], leads[i].Id ?? $"\0dry-run:{i}", working, now, contactOwners, lookupError);
            if (change is not null)
            {
                working.Apply(change);
            }

            decisions.Add(decision);
        }

        return decisions;
    }

    /// <summary>Routes one lead and hands it off (see <see cref="HandOffAsync(IReadOnlyList{Lead}, CancellationToken)"/>).</summary>
    /// <param name="lead">The lead, with its <see cref="Lead.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentException">The lead has no id.</exception>
    public async Task<LeadHandoffOutcome> HandOffAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        LeadHandoffResult result = await HandOffAsync([lead], cancellationToken).ConfigureAwait(false);
        return result.Outcomes[0];
    }

    /// <summary>
    /// Routes a batch of leads (each counts for the next, so a bulk import spreads by weight) and hands each off: writes
    /// its owner and <see cref="LeadRoutingOptions.AssignedStatus"/> through the leads client, saves the routing state
    /// for the leads whose write succeeded, then notifies their owners (or queues the notification for the owner's
    /// working hours).
    /// </summary>
    /// <param name="leads">The leads, each with its <see cref="Lead.Id"/>, each once.</param>
    /// <param name="cancellationToken">Cancels the call; leads already written stay assigned and in the state.</param>
    /// <returns>One outcome per lead: a failed write is reported with its error, and the owner keeps their turn.</returns>
    /// <exception cref="ArgumentException">A lead is null, has no id, or appears twice.</exception>
    public async Task<LeadHandoffResult> HandOffAsync(IReadOnlyList<Lead> leads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < leads.Count; i++)
        {
            if (leads[i] is null)
            {
                throw new ArgumentException($"leads[{i}] is null.", nameof(leads));
            }

            if (string.IsNullOrWhiteSpace(leads[i].Id))
            {
                throw new ArgumentException($"leads[{i}].Id is required: a lead is handed off by updating it, so store it first (ILeadClient.CreateAsync).", nameof(leads));
            }

            if (!seen.Add(leads[i].Id!))
            {
                throw new ArgumentException($"leads[{i}].Id '{leads[i].Id}' appears twice in the batch: hand each lead off once.", nameof(leads));
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await HandOffLockedAsync(leads, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks a lead as no longer open (worked, converted or disqualified), so it stops counting against its
    /// owner's <see cref="LeadOwnerOptions.MaxOpenLeads"/>.</summary>
    /// <param name="leadId">The lead's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the lead was open.</returns>
    public async Task<bool> ReleaseAsync(string leadId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leadId);
        bool released = false;
        await UpdateStateAsync(w => released = w.Release(leadId), cancellationToken).ConfigureAwait(false);
        return released;
    }

    /// <summary>Marks an owner out of office (<see langword="false"/>) or back (<see langword="true"/>), in the routing
    /// store, over <see cref="LeadOwnerOptions.Available"/>: an unavailable owner's share goes to the others in
    /// proportion to their weights.</summary>
    /// <param name="ownerId">The owner's id.</param>
    /// <param name="available">Whether the owner takes leads.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="ArgumentException">The owner is not one of the configured owners.</exception>
    public Task SetAvailableAsync(string ownerId, bool available, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (!_options.Owners.ContainsKey(ownerId))
        {
            throw new ArgumentException($"'{ownerId}' is not a lead owner: the owners are {string.Join(", ", _options.Owners.Keys)}.", nameof(ownerId));
        }

        return UpdateStateAsync(
            w =>
            {
                w.Availability[ownerId] = available;
                return true;
            },
            cancellationToken);
    }

    /// <summary>Sends the notifications that waited for their owners' working hours and whose time has come. The hosted
    /// service <c>AddLeadRouting()</c> adds calls it every <see cref="LeadRoutingOptions.NotificationInterval"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per notification tried; each is taken from the store before it is sent, so it is sent at
    /// most once (a failed send is reported here, not retried). When the call is cancelled, the notifications not yet
    /// tried, and the one whose send the cancellation cut short (which may therefore arrive twice), are put back in the
    /// store for the next call, and the cancellation is thrown.</returns>
    public async Task<IReadOnlyList<LeadNotificationResult>> SendDueNotificationsAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _time.GetUtcNow();
        List<PendingLeadNotification> due = [];
        await UpdateStateAsync(
            w =>
            {
                due = [.. w.Pending.Where(p => p.NotifyAt <= now)];
                return w.Pending.RemoveAll(p => p.NotifyAt <= now) > 0;
            },
            cancellationToken).ConfigureAwait(false);
        var results = new List<LeadNotificationResult>(due.Count);
        for (int i = 0; i < due.Count; i++)
        {
            PendingLeadNotification notification = due[i];
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                (LeadNotificationStatus status, Exception? error) = await NotifyAsync(notification, cancellationToken).ConfigureAwait(false);
                results.Add(new LeadNotificationResult(notification.OwnerId, notification.LeadId, status, error));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping (the host shutting down): what was not sent goes back for the next pass.
                List<PendingLeadNotification> unsent = due.GetRange(i, due.Count - i);
                await UpdateStateAsync(
                    w =>
                    {
                        w.Pending.AddRange(unsent);
                        return true;
                    },
                    CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        return results;
    }

    private async Task<LeadHandoffResult> HandOffLockedAsync(IReadOnlyList<Lead> leads, CancellationToken cancellationToken)
    {
        LeadRoutingState state = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        (IReadOnlyDictionary<EmailAddress, string> contactOwners, string? lookupError) = await ContactOwnersAsync(leads, cancellationToken).ConfigureAwait(false);
        var working = new LeadRoutingWorkingState(state);
        var plans = new (LeadRoutingDecision Decision, LeadRoutingChange? Change)[leads.Count];
        for (int i = 0; i < leads.Count; i++)
        {
            plans[i] = Decide(leads[i], leads[i].Id!, working, now, contactOwners, lookupError);
            if (plans[i].Change is { } change)
            {
                working.Apply(change);
            }
        }

        var written = new Lead?[leads.Count];
        var errors = new Exception?[leads.Count];
        LeadStatus? status = _options.AssignedStatus is { } text ? LeadStatus.Create(text.Trim()) : null;
        OperationCanceledException? canceled = null;
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, leads.Count).Where(i => plans[i].Change is not null),
                new ParallelOptions { MaxDegreeOfParallelism = _options.HandoffConcurrency, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    try
                    {
                        written[i] = await _leads.UpdateAsync(new Lead { Id = leads[i].Id, OwnerId = plans[i].Decision.OwnerId, Status = status }, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        errors[i] = ex;
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            canceled = ex;
        }

        // Only the leads the CRM took advance the state: a failed lead's owner keeps their turn and capacity. The
        // changes add up, so they apply over whatever another router saved meanwhile.
        LeadRoutingChange[] succeeded = [.. Enumerable.Range(0, leads.Count).Where(i => written[i] is not null).Select(i => plans[i].Change!)];
        if (succeeded.Length > 0)
        {
            await UpdateStateAsync(
                w =>
                {
                    foreach (LeadRoutingChange change in succeeded)
                    {
                        w.Apply(change);
                    }

                    return true;
                },
                CancellationToken.None).ConfigureAwait(false);
        }

        if (canceled is not null)
        {
            throw canceled;
        }

        var outcomes = new LeadHandoffOutcome[leads.Count];
        for (int i = 0; i < leads.Count; i++)
        {
            (LeadRoutingDecision decision, LeadRoutingChange? change) = plans[i];
            if (change is null)
            {
                outcomes[i] = new LeadHandoffOutcome { Lead = leads[i], Decision = decision, Status = LeadHandoffStatus.Unassigned };
                continue;
            }

            if (written[i] is null)
            {
                outcomes[i] = new LeadHandoffOutcome { Lead = leads[i], Decision = decision, Status = LeadHandoffStatus.WriteFailed, Error = errors[i] };
                continue;
            }

            LeadNotificationStatus notification = LeadNotificationStatus.None;
            Exception? notificationError = null;
            if (change.Notification is not null)
            {
                notification = LeadNotificationStatus.Deferred;
            }
            else if (CanNotify(change.OwnerId))
            {
                PendingLeadNotification card = LeadRoutingCard.Build(leads[i], decision, change.OwnerId, _options.Owners[change.OwnerId].Name, _options.LeadLinkFormat, now);
                (notification, notificationError) = await NotifyAsync(card, cancellationToken).ConfigureAwait(false);
            }

            outcomes[i] = new LeadHandoffOutcome
            {
                Lead = leads[i],
                Decision = decision,
                Status = LeadHandoffStatus.Assigned,
                Updated = written[i],
                Notification = notification,
                NotificationError = notificationError,
            };
        }

        return new LeadHandoffResult { Outcomes = outcomes };
    }

    private (LeadRoutingDecision Decision, LeadRoutingChange? Change) Decide(
        Lead lead,
        string leadKey,
        LeadRoutingWorkingState state,
        DateTimeOffset now,
        IReadOnlyDictionary<EmailAddress, string> contactOwners,
        string? lookupError)
    {
        var reasons = new List<string>();
        string? ruleName = null;
        LeadRoutingRule? rule = null;
        for (int i = 0; i < _options.Rules.Count && rule is null; i++)
        {
            LeadRoutingRule candidate = _options.Rules[i];
            if (candidate.Conditions.All(c => c.Matches(lead)))
            {
                rule = candidate;
                ruleName = candidate.Name ?? $"Rules:{i}";
            }
        }

        reasons.Add(rule is null ? "no rule matched" : $"rule '{ruleName}' matched");
        var candidates = new List<LeadRoutingCandidate>();
        if (rule?.Owner is { } ruleOwner)
        {
            Availability owner = Evaluate(ruleOwner, state, now);
            candidates.Add(owner.Candidate(0, 0, 0));
            if (owner.Skip == LeadRoutingSkipReason.None)
            {
                reasons.Add($"its owner '{ruleOwner}' takes the lead");
                return Finish(lead, leadKey, ruleName, null, ruleOwner, LeadRoutingMethod.RuleOwner, owner, new Dictionary<string, long>(), candidates, reasons, now);
            }

            reasons.Add($"its owner '{ruleOwner}' is skipped ({owner.Detail})");
        }

        (string pool, LeadPoolOptions poolOptions) = _pools[rule?.Pool ?? _options.DefaultPool!];
        reasons.Add($"pool '{pool}'");
        var members = new List<Availability>(poolOptions.Owners.Count);
        foreach (string member in poolOptions.Owners)
        {
            members.Add(Evaluate(member, state, now));
        }

        List<Availability> available = [.. members.Where(m => m.Skip == LeadRoutingSkipReason.None)];
        long total = available.Sum(m => (long)Weight(poolOptions, m.OwnerId));
        Availability? picked = null;
        LeadRoutingMethod method = LeadRoutingMethod.Rotation;
        foreach ((LeadRoutingMethod kind, string label, string? id) in AffinityOwners(lead, state, contactOwners))
        {
            if (id is null)
            {
                continue;
            }

            Availability? member = members.FirstOrDefault(m => string.Equals(m.OwnerId, id, StringComparison.Ordinal));
            if (member is null)
            {
                reasons.Add($"the {label} '{id}' is not in pool '{pool}'");
            }
            else if (member.Skip != LeadRoutingSkipReason.None)
            {
                reasons.Add($"the {label} '{id}' is skipped ({member.Detail})");
            }
            else
            {
                picked = member;
                method = kind;
                reasons.Add($"the {label} '{id}' keeps the lead");
                break;
            }
        }

        if (lookupError is not null)
        {
            reasons.Add($"contact owners could not be looked up ({lookupError})");
        }

        if (available.Count == 0)
        {
            candidates.AddRange(members.Select(m => m.Candidate(Weight(poolOptions, m.OwnerId), state.Credit(pool, m.OwnerId), state.Credit(pool, m.OwnerId))));
            reasons.Add($"no owner is available: {string.Join("; ", members.Select(m => $"{m.OwnerId} {m.Detail}"))}");
            return (new LeadRoutingDecision
            {
                LeadId = lead.Id,
                Method = LeadRoutingMethod.None,
                Rule = ruleName,
                Pool = pool,
                Reason = string.Join("; ", reasons),
                Candidates = candidates,
                DecidedAt = now,
            }, null);
        }

        var after = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Availability member in available)
        {
            after[member.OwnerId] = state.Credit(pool, member.OwnerId) + Weight(poolOptions, member.OwnerId);
        }

        if (picked is null)
        {
            // The highest credit wins; a tie goes to the owner listed first in the pool (available keeps pool order).
            foreach (Availability member in available)
            {
                if (picked is null || after[member.OwnerId] > after[picked.OwnerId])
                {
                    picked = member;
                }
            }

            reasons.Add($"rotation picked '{picked!.OwnerId}' (credit {after[picked.OwnerId].ToString(CultureInfo.InvariantCulture)}, the highest of {available.Count} available)");
        }

        after[picked.OwnerId] -= total;
        var delta = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Availability member in members)
        {
            long before = state.Credit(pool, member.OwnerId);
            long credit = after.TryGetValue(member.OwnerId, out long a) ? a : before;
            delta[member.OwnerId] = credit - before;
            candidates.Add(member.Candidate(Weight(poolOptions, member.OwnerId), before, credit));
        }

        return Finish(lead, leadKey, ruleName, pool, picked.OwnerId, method, picked, delta, candidates, reasons, now);
    }

    private (LeadRoutingDecision, LeadRoutingChange) Finish(
        Lead lead,
        string leadKey,
        string? rule,
        string? pool,
        string ownerId,
        LeadRoutingMethod method,
        Availability owner,
        Dictionary<string, long> delta,
        List<LeadRoutingCandidate> candidates,
        List<string> reasons,
        DateTimeOffset now)
    {
        var decision = new LeadRoutingDecision
        {
            LeadId = lead.Id,
            OwnerId = ownerId,
            Method = method,
            Rule = rule,
            Pool = pool,
            Reason = string.Join("; ", reasons),
            Candidates = candidates,
            DecidedAt = now,
            NotifyAt = owner.NotifyAt,
        };
        PendingLeadNotification? deferred = owner.NotifyAt is { } at && CanNotify(ownerId)
            ? LeadRoutingCard.Build(lead, decision, ownerId, _options.Owners[ownerId].Name, _options.LeadLinkFormat, at)
            : null;
        return (decision, new LeadRoutingChange(pool, delta, leadKey, ownerId, owner.Day, CompanyDomain(lead), deferred));
    }

    private IEnumerable<(LeadRoutingMethod Kind, string Label, string? Id)> AffinityOwners(Lead lead, LeadRoutingWorkingState state, IReadOnlyDictionary<EmailAddress, string> contactOwners)
    {
        LeadRoutingAffinityOptions affinity = _options.Affinity;
        if (affinity.LeadOwner)
        {
            yield return (LeadRoutingMethod.LeadOwner, "lead's owner", string.IsNullOrWhiteSpace(lead.OwnerId) ? null : lead.OwnerId);
        }

        if (affinity.ContactOwner)
        {
            yield return (LeadRoutingMethod.ContactOwner, "contact's owner", lead.Email is { } email && contactOwners.TryGetValue(email, out string? owner) ? owner : null);
        }

        if (affinity.CompanyDomainOwner)
        {
            yield return (LeadRoutingMethod.CompanyDomainOwner, "company domain's owner", CompanyDomain(lead) is { } domain && state.Domains.TryGetValue(domain, out string? owner) ? owner : null);
        }
    }

    private Availability Evaluate(string ownerId, LeadRoutingWorkingState state, DateTimeOffset now)
    {
        LeadOwnerOptions owner = _options.Owners[ownerId];
        IBusinessCalendar? calendar = owner.Calendar is { } name ? _calendars!.Get(name) : null;
        DateOnly day = DateOnly.FromDateTime(calendar is null ? now.UtcDateTime : TimeZoneInfo.ConvertTime(now, calendar.TimeZone).DateTime);
        int open = state.OpenCounts.GetValueOrDefault(ownerId);
        int today = state.LeadsOn(ownerId, day);
        var result = new Availability(ownerId, open, today, day);
        if (!state.Availability.GetValueOrDefault(ownerId, owner.Available))
        {
            return result with { Skip = LeadRoutingSkipReason.Unavailable, Detail = "out of office" };
        }

        if (calendar is not null && !calendar.IsWorkingTime(now))
        {
            DateTimeOffset next = calendar.NextWorkingTime(now);
            if (_options.OutsideHours == LeadRoutingOutsideHours.Skip)
            {
                return result with { Skip = LeadRoutingSkipReason.OutsideWorkingHours, Detail = $"off until {SlaEscalation.Instant(next, calendar.TimeZone)}" };
            }

            result = result with { NotifyAt = next, Detail = $"off until {SlaEscalation.Instant(next, calendar.TimeZone)}: notified then" };
        }

        if (owner.MaxOpenLeads is { } maxOpen && open >= maxOpen)
        {
            return result with { Skip = LeadRoutingSkipReason.AtOpenLeadLimit, Detail = $"holds {open} open leads, the limit" };
        }

        if (owner.MaxLeadsPerDay is { } maxDay && today >= maxDay)
        {
            return result with { Skip = LeadRoutingSkipReason.AtDailyLimit, Detail = $"got {today} leads on {day:yyyy-MM-dd}, the daily limit" };
        }

        return result;
    }

    private int Weight(LeadPoolOptions pool, string ownerId) =>
        pool.Strategy == LeadRoutingStrategy.RoundRobin ? 1 : _options.Owners[ownerId].Weight;

    private bool CanNotify(string ownerId) => _messages is not null && _destinations.ContainsKey(ownerId);

    private async Task<(LeadNotificationStatus, Exception?)> NotifyAsync(PendingLeadNotification notification, CancellationToken cancellationToken)
    {
        if (_messages is null || !_destinations.TryGetValue(notification.OwnerId, out MessageDestination? destination))
        {
            return (LeadNotificationStatus.None, null);
        }

        try
        {
            await _messages.SendAsync(LeadRoutingCard.Message(notification, destination), cancellationToken).ConfigureAwait(false);
            return (LeadNotificationStatus.Sent, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (LeadNotificationStatus.Failed, ex);
        }
    }

    private async Task<(IReadOnlyDictionary<EmailAddress, string> Owners, string? Error)> ContactOwnersAsync(IReadOnlyList<Lead> leads, CancellationToken cancellationToken)
    {
        if (!_options.Affinity.ContactOwner || _contacts is null)
        {
            return (new Dictionary<EmailAddress, string>(), null);
        }

        EmailAddress[] emails = [.. leads.Where(l => l.Email is not null).Select(l => l.Email!.Value).Distinct()];
        if (emails.Length == 0)
        {
            return (new Dictionary<EmailAddress, string>(), null);
        }

        try
        {
            IReadOnlyDictionary<EmailAddress, Contact> found = await _contacts.FindByEmailsAsync(emails, cancellationToken).ConfigureAwait(false);
            var owners = new Dictionary<EmailAddress, string>();
            foreach ((EmailAddress email, Contact contact) in found)
            {
                if (!string.IsNullOrWhiteSpace(contact.OwnerId))
                {
                    owners[email] = contact.OwnerId;
                }
            }

            return (owners, null);
        }
        catch (MartechException ex)
        {
            // Affinity is a preference: without the lookup the rotation still routes, and the decision says why.
            return (new Dictionary<EmailAddress, string>(), ex.Message);
        }
    }

    // Reads, changes and saves the state by version, again from a fresh read when another router saved first; an update
    // that changes nothing (returns false) saves nothing.
    private async Task UpdateStateAsync(Func<LeadRoutingWorkingState, bool> update, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < SaveAttempts; attempt++)
        {
            LeadRoutingState state = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
            var working = new LeadRoutingWorkingState(state);
            if (!update(working) || await _store.TrySaveAsync(working.ToState(), state.Version, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The lead routing state could not be saved: other routers saved first {SaveAttempts} times in a row. Leads already written keep their owners; hand off the rest again.");
    }

    private string? CompanyDomain(Lead lead) =>
        _options.Affinity.CompanyDomainOwner && lead.Email is { } email && !FreeMailDomains.Contains(email.Domain) ? email.Domain.ToLowerInvariant() : null;

    private sealed record Availability(string OwnerId, int Open, int Today, DateOnly Day)
    {
        public LeadRoutingSkipReason Skip { get; init; }

        public string? Detail { get; init; }

        public DateTimeOffset? NotifyAt { get; init; }

        public LeadRoutingCandidate Candidate(int weight, long before, long after) => new(OwnerId, weight, before, after, Open, Today, Skip, Detail);
    }
}
