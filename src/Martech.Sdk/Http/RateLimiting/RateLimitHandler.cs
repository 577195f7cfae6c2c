using System.Net;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>
/// Takes a permit from the instance's rate budget before each attempt, and feeds the budget what the response says:
/// the vendor's rate-limit headers, and a 429's <c>Retry-After</c>, which pauses every request sharing the budget.
/// It never retries: the resilience handler above it does.
/// </summary>
internal sealed class RateLimitHandler : DelegatingHandler
{
    private readonly MartechTransportContext _context;

    public RateLimitHandler(MartechTransportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        MartechRateBudget budget = _context.Budget;
        TimeSpan waited = await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        MartechTelemetry.RecordRateLimitWait(_context, waited);
        if (waited > TimeSpan.Zero && _context.Logger.IsEnabled(LogLevel.Debug))
        {
            TransportLog.RateLimitWaited(_context.Logger, _context.Name, waited.TotalMilliseconds);
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Observe(budget, response);
        return response;
    }

    private void Observe(MartechRateBudget budget, HttpResponseMessage response)
    {
        bool tooMany = response.StatusCode == HttpStatusCode.TooManyRequests;
        IRateLimitHeaderReader? reader = _context.Options.RateLimitHeaders;
        if (reader is null && !tooMany)
        {
            return;
        }

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

        if (RetryAfter(response, now) is { } retryAfter)
        {
            budget.ObserveRetryAfter(retryAfter);
        }
        else if (!told)
        {
            // A 429 that says nothing about when: the vendor's window is full, so nothing is left for now.
            budget.Observe(new RateLimitSnapshot(null, 0, null));
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
