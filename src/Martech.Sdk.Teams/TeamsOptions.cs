namespace Martech.Sdk.Teams;

/// <summary>
/// Settings of a Microsoft Teams provider instance, bound from <c>Martech:&lt;Name&gt;</c> (by default <c>Martech:Teams</c>).
/// Teams is reached through Power Automate Workflows webhooks ("Post to a channel when a webhook request is received"):
/// each webhook URL posts to one channel, so <see cref="Channels"/> maps the channel names the application uses to their
/// URLs.
/// </summary>
/// <remarks>A webhook URL is a secret: a Workflows URL carries its credential in the <c>sig</c> query parameter, a legacy
/// Office 365 connector URL (<c>*.webhook.office.com/webhookb2/…/IncomingWebhook/…</c>) in its path. The provider shows
/// URLs in logs, traces and messages only as scheme and host (<c>https://host/***</c>), masks every id, key and
/// signature of a configured URL in any text it writes, and <see cref="MartechProviderOptions.ToString"/> shows no
/// settings.</remarks>
public sealed class TeamsOptions : MartechProviderOptions
{
    /// <summary>The largest webhook payload Teams accepts, in bytes (28 KB, the Teams limit for messages posted
    /// through webhooks).</summary>
    public const int MaxPayloadBytes = 28 * 1024;

    /// <summary>The channel name that stands for <see cref="DefaultChannel"/> in a destination:
    /// <c>MessageDestination.Channel("default")</c> posts to the default channel.</summary>
    public const string DefaultChannelAlias = "default";

    /// <summary>The channels the provider can post to: the name the application uses (for example <c>#new-leads</c> or
    /// <c>sales</c>, compared without regard to case) mapped to the channel's Workflows webhook URL.</summary>
    /// <value>Empty by default; at least one channel is required unless the instance only receives outgoing webhooks
    /// (<see cref="TeamsWebhookOptions.SecurityToken"/> set). Bound from <c>Martech:&lt;Name&gt;:Channels:&lt;channel&gt;</c>;
    /// in code, use <see cref="AddChannel"/> or assign a dictionary.</value>
    public IReadOnlyDictionary<string, Uri> Channels { get; set; } = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The channel (a key of <see cref="Channels"/>) that a destination named <c>default</c> posts to.</summary>
    /// <value><see langword="null"/> by default: no default channel.</value>
    public string? DefaultChannel { get; set; }

    /// <summary>The most requests per <see cref="RateLimitWindow"/>, across all channels of this instance.</summary>
    /// <value>4 by default: the Teams connector limit of 4 requests per second; Microsoft documents no separate limit
    /// for Workflows webhooks (an assumption).</value>
    public int RateLimitPermits { get; set; } = 4;

    /// <summary>The window of <see cref="RateLimitPermits"/>.</summary>
    /// <value>One second by default.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries and timeouts of the HTTP transport.</summary>
    /// <value>The transport defaults.</value>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>The team's outgoing webhook (the bot Teams calls when it is @mentioned in a channel): its security token,
    /// reply, tolerances and endpoint path (<c>Martech:&lt;name&gt;:Webhooks</c>). Without a security token, webhooks are
    /// refused. An instance with a security token may have no <see cref="Channels"/>: it only receives.</summary>
    /// <value>Not configured by default.</value>
    public TeamsWebhookOptions Webhooks { get; set; } = new();

    /// <summary>Adds (or replaces) a channel in <see cref="Channels"/>.</summary>
    /// <param name="channel">The channel name the application uses, for example <c>#new-leads</c>.</param>
    /// <param name="webhookUrl">The channel's Workflows webhook URL (a secret).</param>
    /// <returns>These options, to add more channels.</returns>
    public TeamsOptions AddChannel(string channel, Uri webhookUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(webhookUrl);
        var channels = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, Uri> existing in Channels ?? new Dictionary<string, Uri>())
        {
            channels[existing.Key] = existing.Value;
        }

        channels[channel] = webhookUrl;
        Channels = channels;
        return this;
    }

    /// <summary>Finds the webhook URL of a channel name, resolving <see cref="DefaultChannelAlias"/> to
    /// <see cref="DefaultChannel"/>.</summary>
    /// <param name="channel">The channel name.</param>
    /// <returns>The URL, or <see langword="null"/> when the channel is not configured.</returns>
    public Uri? FindWebhook(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (Lookup(channel) is { } url)
        {
            return url;
        }

        return string.Equals(channel, DefaultChannelAlias, StringComparison.OrdinalIgnoreCase) && DefaultChannel is { } name ? Lookup(name) : null;
    }

    /// <inheritdoc/>
    public override IEnumerable<string> Validate(string configurationPath)
    {
        // An instance that only receives outgoing webhooks posts nowhere.
        if ((Channels is null || Channels.Count == 0) && Webhooks?.IsConfigured != true)
        {
            yield return $"{configurationPath}:Channels must name at least one channel: set {configurationPath}:Channels:<name> to the channel's Workflows webhook URL (\"Post to a channel when a webhook request is received\"), or set {configurationPath}:Webhooks:SecurityToken for an instance that only receives outgoing webhooks.";
        }

        foreach (KeyValuePair<string, Uri> channel in Channels ?? new Dictionary<string, Uri>())
        {
            string path = $"{configurationPath}:Channels:{channel.Key}";
            if (string.IsNullOrWhiteSpace(channel.Key) || channel.Key.AsSpan().ContainsAny('\r', '\n'))
            {
                yield return $"{configurationPath}:Channels has a channel with an empty name or a line break in its name.";
            }
            else if (WebhookProblem(channel.Value) is { } problem)
            {
                // The URL is a secret (sig=): it is never part of the message.
                yield return $"{path} {problem}";
            }
        }

        if (DefaultChannel is not null && Lookup(DefaultChannel) is null)
        {
            yield return $"{configurationPath}:DefaultChannel names '{DefaultChannel}', which is not a key of {configurationPath}:Channels.";
        }

        foreach (string problem in RateBudgetProblems(RateLimitPermits, RateLimitWindow, configurationPath))
        {
            yield return problem;
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

    // Channel names compare without regard to case, whatever dictionary was assigned.
    private Uri? Lookup(string channel)
    {
        if (Channels is null)
        {
            return null;
        }

        if (Channels.TryGetValue(channel, out Uri? url))
        {
            return url;
        }

        foreach (KeyValuePair<string, Uri> entry in Channels)
        {
            if (string.Equals(entry.Key, channel, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }

    // https everywhere; http only to a loopback host (an emulator or a local relay).
    private static string? WebhookProblem(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return "must be the channel's absolute Workflows webhook URL.";
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        {
            return "must be an https URL (http is allowed only to a loopback host).";
        }

        return url.UserInfo.Length > 0 ? "must not carry user information." : null;
    }
}
