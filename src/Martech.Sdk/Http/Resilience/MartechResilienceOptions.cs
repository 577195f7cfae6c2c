namespace Martech.Sdk;

/// <summary>
/// The transport's one retry layer and its timeouts and circuit breaker (Polly v8, outermost first: total timeout,
/// retry, circuit breaker, attempt timeout).
/// </summary>
/// <remarks>
/// A request is retried only when sending it again cannot duplicate work: safe or idempotent methods, responses
/// the vendor documents as "not processed" (429 always), connection failures before the request was sent, and
/// requests that carry an idempotency key the vendor honours. A POST that may have reached the vendor is never
/// resent; its failure surfaces to the caller.
/// </remarks>
public sealed class MartechResilienceOptions
{
    /// <summary>Retries after the first attempt. The default value is 3; 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay, doubled each retry with jitter. The default value is 500 milliseconds.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay. The default value is 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Retry-After</c> the transport waits out; a longer one fails the request with
    /// <see cref="MartechRateLimitedException"/> at once. The default value is 60 seconds.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The time one attempt may take. The default value is 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time a request may take over all its attempts and waits. The default value is 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether the circuit breaker is on. The default value is <see langword="true"/>.</summary>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>The failure ratio that opens the circuit. The default value is 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Requests in the sampling window before the breaker may open. The default value is 20.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window failures are counted over. The default value is 30 seconds.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open. The default value is 15 seconds.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Checks the options.</summary>
    /// <param name="instance">The provider instance, named in messages.</param>
    /// <exception cref="InvalidOperationException">A value is out of range.</exception>
    public void Validate(string instance)
    {
        foreach (string problem in Messages())
        {
            throw new InvalidOperationException($"Provider '{instance}' resilience: {problem}");
        }
    }

    /// <summary>Describes every out-of-range setting, each named by its configuration path, for a provider's
    /// <see cref="MartechProviderOptions.Validate(string)"/>.</summary>
    /// <param name="configurationPath">The section these options bind from, such as <c>Martech:Slack:Resilience</c>.</param>
    /// <returns>One message per problem, such as <c>Martech:Slack:Resilience:MaxRetryAttempts must be between 0 and 20
    /// (was 25).</c>; none when the options are valid.</returns>
    public IEnumerable<string> Problems(string configurationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationPath);
        return Messages().Select(message => $"{configurationPath}:{message}");
    }

    private IEnumerable<string> Messages()
    {
        if (MaxRetryAttempts is < 0 or > 20)
        {
            yield return $"MaxRetryAttempts must be between 0 and 20 (was {MaxRetryAttempts}).";
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            yield return $"BaseDelay ({BaseDelay}) must be non-negative and at most MaxDelay ({MaxDelay}).";
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            yield return $"MaxRetryAfter cannot be negative (was {MaxRetryAfter}).";
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            yield return $"AttemptTimeout ({AttemptTimeout}) must be positive and at most TotalTimeout ({TotalTimeout}).";
        }

        if (CircuitBreakerFailureRatio is not (> 0 and <= 1))
        {
            yield return $"CircuitBreakerFailureRatio must be in (0, 1] (was {CircuitBreakerFailureRatio}).";
        }

        if (CircuitBreakerMinimumThroughput < 2)
        {
            yield return $"CircuitBreakerMinimumThroughput must be at least 2 (was {CircuitBreakerMinimumThroughput}).";
        }

        if (CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"CircuitBreakerSamplingDuration must be at least 500 ms (was {CircuitBreakerSamplingDuration}).";
        }

        if (CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"CircuitBreakerBreakDuration must be at least 500 ms (was {CircuitBreakerBreakDuration}).";
        }
    }
}
