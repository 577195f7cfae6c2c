namespace Martech.Sdk;

/// <summary>The base of every provider's options. Options bind from the configuration section
/// <c>Martech:&lt;instance name&gt;</c> and are validated when the host starts.</summary>
public abstract class MartechProviderOptions
{
    /// <summary>Checks the options and describes each problem, naming the setting by its configuration path.</summary>
    /// <param name="configurationPath">The section the options bind from, such as <c>Martech:HubSpot</c>.</param>
    /// <returns>One message per problem; none when the options are valid.</returns>
    public virtual IEnumerable<string> Validate(string configurationPath)
    {
        yield break;
    }

    /// <summary>Describes what is wrong with a provider's <c>Resilience</c> settings, for its <see cref="Validate"/>:
    /// missing, or each out-of-range value named by its configuration path.</summary>
    /// <param name="resilience">The provider's resilience options.</param>
    /// <param name="configurationPath">The provider's section, such as <c>Martech:Slack</c>.</param>
    /// <returns>One message per problem; none when the settings are valid.</returns>
    protected static IEnumerable<string> ResilienceProblems(MartechResilienceOptions? resilience, string configurationPath) =>
        resilience is null
            ? [$"{configurationPath}:Resilience is required."]
            : resilience.Problems($"{configurationPath}:Resilience");

    /// <summary>Describes what is wrong with a provider's client-side request budget, the <c>RateLimitPermits</c>
    /// requests per <c>RateLimitWindow</c> most HTTP providers expose, for its <see cref="Validate"/>.</summary>
    /// <param name="permits">The requests allowed per window; at least 1.</param>
    /// <param name="window">The window; positive.</param>
    /// <param name="configurationPath">The provider's section, such as <c>Martech:Twilio</c>.</param>
    /// <returns>One message per problem; none when the settings are valid.</returns>
    protected static IEnumerable<string> RateBudgetProblems(int permits, TimeSpan window, string configurationPath)
    {
        if (permits < 1)
        {
            yield return $"{configurationPath}:RateLimitPermits must be at least 1 (was {permits}).";
        }

        if (window <= TimeSpan.Zero)
        {
            yield return $"{configurationPath}:RateLimitWindow must be positive (was {window}).";
        }
    }

    /// <summary>Names the options type and nothing else: settings include secrets (API keys, tokens), and options
    /// objects end up in logs and debugger displays.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => $"{GetType().Name} (settings not shown)";
}
