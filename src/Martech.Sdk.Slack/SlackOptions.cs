namespace Martech.Sdk.Slack;

/// <summary>Settings of a Slack provider instance, bound from <c>Martech:&lt;Name&gt;</c> (by default <c>Martech:Slack</c>).</summary>
public sealed class SlackOptions : MartechProviderOptions
{
    /// <summary>The bot token (<c>xoxb-…</c>) sent as <c>Authorization: Bearer …</c>; required and secret.</summary>
    /// <value><see langword="null"/> by default.</value>
    public string? BotToken { get; set; }

    /// <summary>The Web API base address.</summary>
    /// <value><c>https://slack.com/api/</c> by default.</value>
    public Uri BaseAddress { get; set; } = new("https://slack.com/api/");

    /// <summary>The most requests per <see cref="RateLimitWindow"/> for this instance (chat.postMessage and
    /// conversations.list share the budget).</summary>
    /// <value>1 by default: Slack documents chat.postMessage at about one message per second per channel; applying it to
    /// the whole instance is an assumption, the safe choice. Raise it when posting to many channels; Slack's 429 with
    /// <c>Retry-After</c> is honoured either way.</value>
    public int RateLimitPermits { get; set; } = 1;

    /// <summary>The window of <see cref="RateLimitPermits"/>.</summary>
    /// <value>One second by default.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries and timeouts of the HTTP transport. A post is retried only after a 429 (Slack did not process it),
    /// after <c>Retry-After</c>, up to <see cref="MartechResilienceOptions.MaxRetryAfter"/>.</summary>
    /// <value>The transport defaults.</value>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <inheritdoc/>
    public override IEnumerable<string> Validate(string configurationPath)
    {
        if (string.IsNullOrWhiteSpace(BotToken))
        {
            yield return $"{configurationPath}:BotToken is required: set it to the app's bot token (xoxb-…).";
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            yield return $"{configurationPath}:BaseAddress must be an absolute URL.";
        }

        if (RateLimitPermits < 1)
        {
            yield return $"{configurationPath}:RateLimitPermits must be at least 1 (was {RateLimitPermits}).";
        }

        if (RateLimitWindow <= TimeSpan.Zero)
        {
            yield return $"{configurationPath}:RateLimitWindow must be positive (was {RateLimitWindow}).";
        }

        foreach (string problem in ResilienceProblems(Resilience, configurationPath))
        {
            yield return problem;
        }
    }
}
