namespace Martech.Sdk.Tests.Http.Transport;

/// <summary>The resilience settings every HTTP provider shares are checked once, in the core, and each problem names
/// its setting by configuration path.</summary>
public class ResilienceOptionsValidationTests
{
    private sealed class VendorOptions : MartechProviderOptions
    {
        public MartechResilienceOptions? Resilience { get; set; } = new();

        public int RateLimitPermits { get; set; } = 10;

        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

        public override IEnumerable<string> Validate(string configurationPath) =>
            RateBudgetProblems(RateLimitPermits, RateLimitWindow, configurationPath).Concat(ResilienceProblems(Resilience, configurationPath));
    }

    [Fact]
    public void Problems_Defaults_None()
    {
        Assert.Empty(new MartechResilienceOptions().Problems("Martech:Vendor:Resilience"));
        Assert.Empty(new VendorOptions().Validate("Martech:Vendor"));
    }

    [Fact]
    public void Problems_EverySettingOutOfRange_EachReportedByPath()
    {
        var options = new MartechResilienceOptions
        {
            MaxRetryAttempts = 21,
            BaseDelay = TimeSpan.FromSeconds(5),
            MaxDelay = TimeSpan.FromSeconds(1),
            MaxRetryAfter = TimeSpan.FromSeconds(-1),
            AttemptTimeout = TimeSpan.Zero,
            CircuitBreakerFailureRatio = double.NaN,
            CircuitBreakerMinimumThroughput = 1,
            CircuitBreakerSamplingDuration = TimeSpan.FromMilliseconds(499),
            CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(10),
        };

        string[] problems = [.. options.Problems("Martech:Slack:Resilience")];

        string[] settings =
        [
            "MaxRetryAttempts", "BaseDelay", "MaxRetryAfter", "AttemptTimeout", "CircuitBreakerFailureRatio",
            "CircuitBreakerMinimumThroughput", "CircuitBreakerSamplingDuration", "CircuitBreakerBreakDuration",
        ];
        Assert.Equal(settings.Select(s => "Martech:Slack:Resilience:" + s), problems.Select(p => p[..p.IndexOfAny([' ', '('])].TrimEnd()));
        Assert.Equal("Martech:Slack:Resilience:MaxRetryAttempts must be between 0 and 20 (was 21).", problems[0]);
    }

    [Fact]
    public void Validate_ThrowsForTheFirstProblem_NamingTheInstance()
    {
        var options = new MartechResilienceOptions { MaxRetryAttempts = -1, CircuitBreakerMinimumThroughput = 0 };

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate("Slack"));

        Assert.Equal("Provider 'Slack' resilience: MaxRetryAttempts must be between 0 and 20 (was -1).", error.Message);
    }

    [Fact]
    public void ResilienceProblems_Missing_IsRequired()
    {
        Assert.Equal(["Martech:Vendor:Resilience is required."], new VendorOptions { Resilience = null }.Validate("Martech:Vendor"));
    }

    [Fact]
    public void ResilienceProblems_OutOfRange_NamedUnderTheProvidersSection()
    {
        var options = new VendorOptions { Resilience = new MartechResilienceOptions { MaxRetryAttempts = 99 } };

        Assert.Equal(["Martech:Vendor:Resilience:MaxRetryAttempts must be between 0 and 20 (was 99)."], options.Validate("Martech:Vendor"));
    }

    [Fact]
    public void RateBudgetProblems_BothOutOfRange_EachNamedByPath()
    {
        var options = new VendorOptions { RateLimitPermits = 0, RateLimitWindow = TimeSpan.Zero };

        Assert.Equal(
            ["Martech:Vendor:RateLimitPermits must be at least 1 (was 0).", "Martech:Vendor:RateLimitWindow must be positive (was 00:00:00)."],
            options.Validate("Martech:Vendor"));
    }
}
