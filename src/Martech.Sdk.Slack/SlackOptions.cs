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

    /// <summary>The instance-wide budget: the most requests per <see cref="RateLimitWindow"/> of <c>chat.postMessage</c>
    /// (on top of <see cref="PostMessagePerSecond"/>) and of any Web API method without a budget of its own.
    /// <c>conversations.list</c> has its own budget (<see cref="ConversationsListPerMinute"/>) and does not count against
    /// this one.</summary>
    /// <value>1 by default [U]: Slack limits posting per channel and, by an amount it does not publish, per workspace;
    /// one request a second for the whole instance is the safe reading. Raise it, with <see cref="PostMessagePerSecond"/>,
    /// when posting to many channels; Slack's 429 with <c>Retry-After</c> is honoured either way.</value>
    public int RateLimitPermits { get; set; } = 1;

    /// <summary>The window of <see cref="RateLimitPermits"/>.</summary>
    /// <value>One second by default.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The budget of <c>chat.postMessage</c> per channel: the most posts a second to one channel (the
    /// destination id as given, so <c>#leads</c> and its <c>C…</c> id count apart), in bursts of up to this many. Posts
    /// also wait on the instance-wide budget (<see cref="RateLimitPermits"/>), which caps all channels together.</summary>
    /// <value>1 by default: Slack publishes about one message a second per channel (and a workspace limit it does not
    /// quantify, which <see cref="RateLimitPermits"/> stands for).</value>
    public int PostMessagePerSecond { get; set; } = 1;

    /// <summary>The budget of <c>conversations.list</c>: the most calls (pages) a minute, spread evenly (one every
    /// 60 ÷ this many seconds), so paging a large workspace waits a few seconds a page instead of collecting 429s, and
    /// no page waits a whole minute. Independent of the instance-wide budget: listing neither waits for posts nor holds
    /// them back.</summary>
    /// <value>20 by default: Slack's Tier 2 (20+ per minute) [U: that conversations.list is in Tier 2 is unconfirmed].</value>
    public int ConversationsListPerMinute { get; set; } = 20;

    /// <summary>What happens to a message Block Kit's limits would cut (a header over 150 characters, a field over
    /// 2,000, a button label over 75, more than 50 blocks, text over 40,000): refused with an
    /// <see cref="ArgumentException"/> before any request, or cut and sent with
    /// <see cref="MessageSendResult.Truncations"/> saying what was cut. Splitting long text over several sections, and
    /// fields and links over several blocks, loses nothing and is always done.</summary>
    /// <value>The default value is <see cref="OverLimitBehavior.Refuse"/>.</value>
    public OverLimitBehavior OverLimit { get; set; } = OverLimitBehavior.Refuse;

    /// <summary>Retries and timeouts of the HTTP transport. A post is retried only after a 429 (Slack did not process it),
    /// after <c>Retry-After</c>, up to <see cref="MartechResilienceOptions.MaxRetryAfter"/>.</summary>
    /// <value>The transport defaults.</value>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>The app's request URLs (Events API, slash commands, interactivity): its Signing Secret, tolerances and
    /// endpoint path (<c>Martech:&lt;name&gt;:Webhooks</c>). Without a signing secret, webhooks are refused.</summary>
    /// <value>Not configured by default.</value>
    public SlackWebhookOptions Webhooks { get; set; } = new();

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

        foreach (string problem in RateBudgetProblems(RateLimitPermits, RateLimitWindow, configurationPath))
        {
            yield return problem;
        }

        if (!Enum.IsDefined(OverLimit))
        {
            yield return $"{configurationPath}:OverLimit must be Refuse or Truncate (was {OverLimit}).";
        }

        if (PostMessagePerSecond < 1)
        {
            yield return $"{configurationPath}:PostMessagePerSecond must be at least 1 (was {PostMessagePerSecond}).";
        }

        if (ConversationsListPerMinute < 1)
        {
            yield return $"{configurationPath}:ConversationsListPerMinute must be at least 1 (was {ConversationsListPerMinute}).";
        }

        foreach (string problem in ResilienceProblems(Resilience, configurationPath))
        {
            yield return problem;
        }

        foreach (string problem in Webhooks is null ? [$"{configurationPath}:Webhooks is required."] : Webhooks.Validate($"{configurationPath}:Webhooks"))
        {
            yield return problem;
        }
    }
}
