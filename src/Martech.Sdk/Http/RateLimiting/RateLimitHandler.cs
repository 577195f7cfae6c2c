using System.Net;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>
/// Takes a permit from the instance's rate budget before each attempt, and feeds the budget what the response says:
/// the vendor's rate-limit headers, and a 429's <c>Retry-After</c>, which pauses every request sharing the budget.
/// A request of an operation with a budget of its own (<see cref="MartechRateLimitOptions.Operations"/>) takes a permit
/// from that budget (of its partition) first, then from the instance's when the operation shares it, and the response
/// is fed to each budget it took from. It never retries: the resilience handler above it does.
/// A budget shared through a store (<see cref="MartechRateBudget.Shared"/>) takes its permit from the store, and what the
/// response says is reported to the store as <see cref="SharedRateFeedback"/> (awaited; a failed report is counted and
/// never fails the request).
/// </summary>
internal sealed class RateLimitHandler : DelegatingHandler
{
    private readonly MartechTransportContext _context;

    public RateLimitHandler(MartechTransportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The fast path (no operation budgets) costs one null check.
        if (_context.OperationBudgets is { } operations
            && MartechRequestOptions.Of(request) is { Operation: { } name } options
            && operations.TryGetValue(name, out MartechOperationBudget? operation))
        {
            return SendWithOperationBudgetAsync(request, operation, options.RateLimitPartition, cancellationToken);
        }

        if (_context.Budget.Shared is not null)
        {
            return SendWithSharedInstanceBudgetAsync(request, cancellationToken);
        }

        return SendWithInstanceBudgetAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithSharedInstanceBudgetAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        MartechRateBudget budget = _context.Budget;
        RateGrant grant = await budget.Shared!.AcquireAsync(cancellationToken).ConfigureAwait(false);
        RecordWait(request, grant.Waited);
        long grantedAt = _context.Time.GetTimestamp();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await ObserveAsync(budget, grant, response, grantedAt, null, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private async Task<HttpResponseMessage> SendWithInstanceBudgetAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        MartechRateBudget budget = _context.Budget;
        TimeSpan waited = await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        RecordWait(request, waited);
        long grantedAt = _context.Time.GetTimestamp();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Observe(budget, response, grantedAt, null);
        return response;
    }

    private async Task<HttpResponseMessage> SendWithOperationBudgetAsync(
        HttpRequestMessage request, MartechOperationBudget operation, string? partition, CancellationToken cancellationToken)
    {
        TimeProvider time = _context.Time;
        long start = time.GetTimestamp();
        MartechRateBudget budget;
        RateGrant grant;
        if (operation.IsShared)
        {
            budget = operation.BudgetOf(partition);
            grant = await AcquireAsync(budget, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            TimeSpan operationWait = await operation.AcquireAsync(partition, out budget, cancellationToken).ConfigureAwait(false);
            grant = new RateGrant(operationWait, null, budget);
        }

        TimeSpan waited = grant.Waited;
        RateGrant? instanceGrant = null;
        if (operation.SharesInstanceBudget)
        {
            RateGrant instance = await AcquireAsync(_context.Budget, cancellationToken).ConfigureAwait(false);
            if (instance.Waited > TimeSpan.Zero && grant.Local is { } local)
            {
                // The operation's permit was granted before this wait; the request starts only now. A lower bound of the
                // grant time: the start plus the operation wait, less one unit for rounding. (A store's permit cannot be
                // moved: the contract has no such call, so a shared operation budget counts it from its grant.)
                long grantedFrom = start + Math.Max(0, (long)(waited.TotalSeconds * time.TimestampFrequency) - 1);
                local.Restamp(grantedFrom);
            }

            waited += instance.Waited;
            instanceGrant = instance;
        }

        RecordWait(request, waited);
        long grantedAt = time.GetTimestamp();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await ObserveAsync(budget, grant, response, grantedAt, MartechRequestOptions.Of(request)?.Operation, cancellationToken).ConfigureAwait(false);
        if (instanceGrant is { } instanceGranted)
        {
            await ObserveAsync(_context.Budget, instanceGranted, response, grantedAt, null, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Takes a permit from a budget: from its store when it is shared, else in process.</summary>
    private static async ValueTask<RateGrant> AcquireAsync(MartechRateBudget budget, CancellationToken cancellationToken)
    {
        if (budget.Shared is { } shared)
        {
            return await shared.AcquireAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RateGrant(await budget.AcquireAsync(cancellationToken).ConfigureAwait(false), null, budget);
    }

    /// <summary>Feeds a response to the budget that granted the request's permit: the store when it did, else the
    /// in-process budget (the budget itself, or a shared budget's local share).</summary>
    private async ValueTask ObserveAsync(
        MartechRateBudget budget, RateGrant grant, HttpResponseMessage response, long grantedAt, string? operation, CancellationToken cancellationToken)
    {
        if (grant.StoreGrantedAt is not long storeGrantedAt)
        {
            Observe(grant.Local ?? budget, response, grantedAt, operation);
            return;
        }

        if (Feedback(budget, response, storeGrantedAt) is { } feedback)
        {
            await budget.Shared!.ReportAsync(feedback, cancellationToken).ConfigureAwait(false);
            RateBudgetTelemetry.RecordPermitLimit(_context, budget, operation);
        }
    }

    /// <summary>What a response says, for the shared store: the same reading as <see cref="ObserveResponse"/>; <see
    /// langword="null"/> when it says nothing (no round trip then).</summary>
    private SharedRateFeedback? Feedback(MartechRateBudget budget, HttpResponseMessage response, long storeGrantedAt)
    {
        bool tooMany = response.StatusCode == HttpStatusCode.TooManyRequests;
        IRateLimitHeaderReader? reader = _context.Options.RateLimitHeaders;
        if (reader is null && !tooMany)
        {
            return null;
        }

        DateTimeOffset now = _context.Time.GetUtcNow();
        long? remaining = null;
        TimeSpan? resetAfter = null;
        TimeSpan? pause = null;
        long? ceiling = null;
        if (reader is not null && reader.TryRead(response, now, out RateLimitSnapshot snapshot))
        {
            remaining = snapshot.Remaining;
            resetAfter = remaining is null ? null : snapshot.ResetAfter;
            if (snapshot.Limit is long stated && snapshot.Window is TimeSpan window && window > TimeSpan.Zero)
            {
                ceiling = budget.StatedCeiling(stated, window);
            }

            if (remaining <= 0 && resetAfter > TimeSpan.Zero)
            {
                pause = resetAfter; // nothing left until the vendor's reset
            }
        }

        bool exhausted = false;
        if (tooMany)
        {
            if (RetryAfter(response, now) is { } retryAfter)
            {
                if (retryAfter > TimeSpan.Zero && (pause is null || retryAfter > pause))
                {
                    pause = retryAfter;
                }
            }
            else if (remaining is null)
            {
                // A 429 that says nothing about when: the vendor's window is full, so nothing is left for now.
                exhausted = true;
            }
        }

        if (!tooMany && remaining is null && ceiling is null)
        {
            return null;
        }

        return new SharedRateFeedback
        {
            GrantedAt = storeGrantedAt,
            TooManyRequests = tooMany,
            PauseFor = pause,
            Remaining = remaining,
            ResetAfter = resetAfter,
            Ceiling = ceiling,
            Exhausted = exhausted,
        };
    }

    private void RecordWait(HttpRequestMessage request, TimeSpan waited)
    {
        MartechTelemetry.RecordRateLimitWait(_context, waited);
        _context.Observer?.RateLimitWaited(_context, MartechRequestOptions.Of(request)?.Operation ?? request.Method.Method, waited);
        if (waited > TimeSpan.Zero && _context.Logger.IsEnabled(LogLevel.Debug))
        {
            TransportLog.RateLimitWaited(_context.Logger, _context.Name, waited.TotalMilliseconds);
        }
    }

    private void Observe(MartechRateBudget budget, HttpResponseMessage response, long grantedAt, string? operation)
    {
        bool tooMany = response.StatusCode == HttpStatusCode.TooManyRequests;
        IRateLimitHeaderReader? reader = _context.Options.RateLimitHeaders;
        if (reader is null && !tooMany)
        {
            return;
        }

        ObserveResponse(budget, response, tooMany, reader, grantedAt);
        RateBudgetTelemetry.RecordPermitLimit(_context, budget, operation);
    }

    private void ObserveResponse(MartechRateBudget budget, HttpResponseMessage response, bool tooMany, IRateLimitHeaderReader? reader, long grantedAt)
    {

        DateTimeOffset now = _context.Time.GetUtcNow();
        bool told = false;
        if (reader is not null && reader.TryRead(response, now, out RateLimitSnapshot snapshot))
        {
            budget.Observe(snapshot);
            told = snapshot.Remaining is not null;
        }

        if (!tooMany)
        {
            return;
        }

        budget.ObserveTooManyRequests(grantedAt);
        if (RetryAfter(response, now) is { } retryAfter)
        {
            budget.ObserveRetryAfter(retryAfter);
        }
        else if (!told)
        {
            // A 429 that says nothing about when: the vendor's window is full, so nothing is left for now.
            budget.ObserveExhausted();
        }
    }

    /// <summary>The <c>Retry-After</c> of a response, as seconds or an HTTP date.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        if (header.Date is { } date)
        {
            TimeSpan after = date - now;
            return after > TimeSpan.Zero ? after : TimeSpan.Zero;
        }

        return null;
    }
}
