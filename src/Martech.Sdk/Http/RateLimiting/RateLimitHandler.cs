using System.Net;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>
/// Takes a permit from the instance's rate budget before each attempt, and feeds the budget what the response says:
/// the vendor's rate-limit headers, and a 429's <c>Retry-After</c>, which pauses every request sharing the budget.
/// A request of an operation with a budget of its own (<see cref="MartechRateLimitOptions.Operations"/>) takes a permit
/// from that budget (of its partition) first, then from the instance's when the operation shares it, and the response
/// is fed to each budget it took from. It never retries: the resilience handler above it does.
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
        // The tenant's budgets on an instance with per-tenant credentials; the fast path (no tenants, no operation
        // budgets) costs two null checks.
        MartechTransportContext context = _context.Tenants is null ? _context : _context.For(request);
        if (context.OperationBudgets is { } operations
            && MartechRequestOptions.Of(request) is { Operation: { } name } options
            && operations.TryGetValue(name, out MartechOperationBudget? operation))
        {
            return SendWithOperationBudgetAsync(context, request, operation, options.RateLimitPartition, cancellationToken);
        }

        return SendWithInstanceBudgetAsync(context, request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithInstanceBudgetAsync(MartechTransportContext context, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        MartechRateBudget budget = context.Budget;
        TimeSpan waited = await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        RecordWait(context, request, waited);
        long grantedAt = context.Time.GetTimestamp();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Observe(context, budget, response, grantedAt, null);
        return response;
    }

    private async Task<HttpResponseMessage> SendWithOperationBudgetAsync(
        MartechTransportContext context, HttpRequestMessage request, MartechOperationBudget operation, string? partition, CancellationToken cancellationToken)
    {
        TimeProvider time = context.Time;
        long start = time.GetTimestamp();
        TimeSpan waited = await operation.AcquireAsync(partition, out MartechRateBudget budget, cancellationToken).ConfigureAwait(false);
        if (operation.SharesInstanceBudget)
        {
            TimeSpan instanceWait = await context.Budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
            if (instanceWait > TimeSpan.Zero)
            {
                // The operation's permit was granted before this wait; the request starts only now. A lower bound of the
                // grant time: the start plus the operation wait, less one unit for rounding.
                long grantedFrom = start + Math.Max(0, (long)(waited.TotalSeconds * time.TimestampFrequency) - 1);
                budget.Restamp(grantedFrom);
            }

            waited += instanceWait;
        }

        RecordWait(context, request, waited);
        long grantedAt = time.GetTimestamp();
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Observe(context, budget, response, grantedAt, MartechRequestOptions.Of(request)?.Operation);
        if (operation.SharesInstanceBudget)
        {
            Observe(context, context.Budget, response, grantedAt, null);
        }

        return response;
    }

    private static void RecordWait(MartechTransportContext context, HttpRequestMessage request, TimeSpan waited)
    {
        MartechTelemetry.RecordRateLimitWait(context, waited);
        context.Observer?.RateLimitWaited(context, MartechRequestOptions.Of(request)?.Operation ?? request.Method.Method, waited);
        if (waited > TimeSpan.Zero && context.Logger.IsEnabled(LogLevel.Debug))
        {
            TransportLog.RateLimitWaited(context.Logger, context.Name, waited.TotalMilliseconds);
        }
    }

    private static void Observe(MartechTransportContext context, MartechRateBudget budget, HttpResponseMessage response, long grantedAt, string? operation)
    {
        bool tooMany = response.StatusCode == HttpStatusCode.TooManyRequests;
        IRateLimitHeaderReader? reader = context.Options.RateLimitHeaders;
        if (reader is null && !tooMany)
        {
            return;
        }

        ObserveResponse(context, budget, response, tooMany, reader, grantedAt);
        RateBudgetTelemetry.RecordPermitLimit(context, budget, operation);
    }

    private static void ObserveResponse(MartechTransportContext context, MartechRateBudget budget, HttpResponseMessage response, bool tooMany, IRateLimitHeaderReader? reader, long grantedAt)
    {

        DateTimeOffset now = context.Time.GetUtcNow();
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
