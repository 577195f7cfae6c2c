using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Martech.Sdk;

/// <summary>Builds an instance's Polly pipeline: total timeout → retry → circuit breaker → attempt timeout.</summary>
internal static class MartechResiliencePipeline
{
    /// <summary>The call being made: its request (so the retry rules can see its method, headers and options) and
    /// its deadline (the total timeout), in one object so a call sets one property and boxes nothing.</summary>
    public static readonly ResiliencePropertyKey<MartechCall> CallKey = new("Martech.Sdk.Call");

    /// <summary>
    /// The total timeout is enforced without a timer of its own: each attempt's timeout is cut to what is left of
    /// the call's deadline, and no retry is started (nor delay slept) past it. One timer per attempt instead of two
    /// keeps the transport within its performance budget.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(MartechTransportContext context)
    {
        MartechResilienceOptions o = context.Options.Resilience;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = context.Name,
            InstanceName = context.ProviderType,
            TimeProvider = context.Time,
        };

        if (o.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = o.MaxRetryAttempts,
                ShouldHandle = args => ValueTask.FromResult(RetryReason(context, args.Context, args.Outcome) is not null && Remaining(context, args.Context) > TimeSpan.Zero),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(context, args.Context, args.Outcome, args.AttemptNumber)),
                OnRetry = args => OnRetry(context, args),
            });
        }

        if (o.CircuitBreakerEnabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "circuit-breaker",
                FailureRatio = o.CircuitBreakerFailureRatio,
                MinimumThroughput = o.CircuitBreakerMinimumThroughput,
                SamplingDuration = o.CircuitBreakerSamplingDuration,
                BreakDuration = o.CircuitBreakerBreakDuration,

                // Unhealthiness, not throttling: 429 and client errors do not open the circuit.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } response } => RetrySafety.IsTransient(response.StatusCode),
                    _ => false,
                }),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "attempt",
            TimeoutGenerator = args =>
            {
                TimeSpan remaining = Remaining(context, args.Context);
                TimeSpan attempt = remaining < o.AttemptTimeout ? remaining : o.AttemptTimeout;
                return ValueTask.FromResult(attempt > TimeSpan.Zero ? attempt : TimeSpan.FromMilliseconds(1));
            },
        });
        return builder.Build();
    }

    /// <summary>What is left of the call's total timeout.</summary>
    internal static TimeSpan Remaining(MartechTransportContext context, ResilienceContext resilience) =>
        resilience.Properties.TryGetValue(CallKey, out MartechCall? call)
            ? context.Time.GetElapsedTime(context.Time.GetTimestamp(), call.Deadline)
            : context.Options.Resilience.TotalTimeout;

    /// <summary>
    /// The delay before the next attempt: the vendor's <c>Retry-After</c> exactly, else exponential backoff with
    /// jitter (half to all of <c>BaseDelay · 2^attempt</c>, at most <c>MaxDelay</c>); never past the deadline.
    /// </summary>
    internal static TimeSpan Delay(MartechTransportContext context, ResilienceContext resilience, Outcome<HttpResponseMessage> outcome, int attempt)
    {
        MartechResilienceOptions o = context.Options.Resilience;
        TimeSpan delay;
        if (outcome.Result is { } response && RetrySafety.RetryAfter(response, context.Time.GetUtcNow()) is { } retryAfter)
        {
            delay = retryAfter;
        }
        else
        {
            double exponential = o.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
            double capped = Math.Min(exponential, o.MaxDelay.TotalMilliseconds);
            delay = TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
        }

        TimeSpan remaining = Remaining(context, resilience);
        return delay < remaining ? delay : remaining;
    }

    /// <summary>Why the outcome may be retried, or <see langword="null"/> when it must not be.</summary>
    internal static string? RetryReason(MartechTransportContext context, ResilienceContext resilience, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is { IsSuccessStatusCode: true } || !resilience.Properties.TryGetValue(CallKey, out MartechCall? call))
        {
            return null;
        }

        HttpRequestMessage request = call.Request;

        MartechHttpOptions options = context.Options;
        switch (outcome)
        {
            case { Result: { } response }:
                if (RetrySafety.IsNotProcessed(response, options))
                {
                    // A Retry-After beyond the cap, or past the call's deadline, is not waited out: the caller gets
                    // the rate-limit error at once and can reschedule.
                    TimeSpan? retryAfter = RetrySafety.RetryAfter(response, context.Time.GetUtcNow());
                    return retryAfter > options.Resilience.MaxRetryAfter || retryAfter >= Remaining(context, resilience)
                        ? null
                        : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }

                return RetrySafety.IsTransient(response.StatusCode) && RetrySafety.IsIdempotent(request, options)
                    ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
                    : null;

            case { Exception: HttpRequestException http }:
                if (RetrySafety.FailedBeforeSending(http))
                {
                    return "connection_failed";
                }

                return RetrySafety.IsIdempotent(request, options) ? "connection_lost" : null;

            case { Exception: TimeoutRejectedException }:
                // The attempt timed out: the vendor may have processed it, so only idempotent requests go again.
                return RetrySafety.IsIdempotent(request, options) ? "attempt_timeout" : null;

            default:
                return null;
        }
    }

    private static ValueTask OnRetry(MartechTransportContext context, OnRetryArguments<HttpResponseMessage> args)
    {
        string reason = RetryReason(context, args.Context, args.Outcome) ?? "unknown";
        string operation = args.Context.Properties.TryGetValue(CallKey, out MartechCall? call)
            ? MartechRequestOptions.Of(call.Request)?.Operation ?? call.Request.Method.Method
            : "request";

        // The failed response is not returned to anyone: release its connection.
        args.Outcome.Result?.Dispose();
        if (MartechTelemetry.Retries.Enabled)
        {
            MartechTelemetry.Retries.Add(1, context.Tags.Provider, context.Tags.ProviderType, new(MartechTelemetry.OperationTag, operation), new(MartechTelemetry.RetryReasonTag, reason));
        }

        context.Observer?.Retried(context, operation, reason);

        System.Diagnostics.Activity.Current?.AddEvent(new("martech.retry", tags: new System.Diagnostics.ActivityTagsCollection
        {
            { "martech.retry.attempt", args.AttemptNumber + 1 },
            { MartechTelemetry.RetryReasonTag, reason },
            { "martech.retry.delay_ms", args.RetryDelay.TotalMilliseconds },
        }));
        TransportLog.Retrying(context.Logger, context.Name, operation, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
        return ValueTask.CompletedTask;
    }
}
