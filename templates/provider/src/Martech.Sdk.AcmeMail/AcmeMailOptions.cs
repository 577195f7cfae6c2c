namespace Martech.Sdk.AcmeMail;

/// <summary>The settings of one AcmeMail instance, bound from <c>Martech:&lt;name&gt;</c> and validated when the host
/// starts.</summary>
public sealed class AcmeMailOptions : MartechProviderOptions
{
    /// <summary>Gets or sets the API key, sent as <c>Authorization: Bearer …</c>. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the API's address.</summary>
    /// <value>The default value is <c>https://api.acmemail.example/</c>.</value>
    public Uri BaseAddress { get; set; } = new("https://api.acmemail.example/");

    /// <summary>Gets or sets how many requests the instance sends per <see cref="RateLimitWindow"/>: the vendor's
    /// published limit, so the SDK waits instead of collecting 429s.</summary>
    /// <value>The default value is 10.</value>
    public int RateLimitPermits { get; set; } = 10;

    /// <summary>Gets or sets the window of <see cref="RateLimitPermits"/>.</summary>
    /// <value>The default value is one second.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets retries, timeouts and the circuit breaker. A send is never retried once it may have
    /// reached the vendor, whatever is set here.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return $"{configurationPath}:ApiKey is required: an API key from the AcmeMail dashboard.";
        }
        else if (ApiKey.AsSpan().ContainsAny('\r', '\n'))
        {
            yield return $"{configurationPath}:ApiKey contains a line break.";
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("https" or "http"))
        {
            yield return $"{configurationPath}:BaseAddress must be an absolute http(s) address such as https://api.acmemail.example/.";
        }
        else if (!BaseAddress.AbsolutePath.EndsWith('/'))
        {
            yield return $"{configurationPath}:BaseAddress must end with '/' (was '{BaseAddress}').";
        }

        foreach (string problem in RateBudgetProblems(RateLimitPermits, RateLimitWindow, configurationPath))
        {
            yield return problem;
        }

        foreach (string problem in ResilienceProblems(Resilience, configurationPath))
        {
            yield return problem;
        }
    }
}
