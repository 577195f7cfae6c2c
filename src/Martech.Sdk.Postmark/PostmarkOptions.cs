namespace Martech.Sdk.Postmark;

/// <summary>
/// Settings of a Postmark provider instance, bound from <c>Martech:&lt;name&gt;</c> (by default
/// <c>Martech:Postmark</c>) and validated when the host starts.
/// </summary>
/// <remarks>
/// Values marked "assumed" are not published by Postmark; they are the SDK's working assumption, and you can change
/// them here if Postmark tells you otherwise.
/// </remarks>
public sealed class PostmarkOptions : MartechProviderOptions
{
    /// <summary>The request header that carries <see cref="ServerToken"/>.</summary>
    public const string ServerTokenHeader = "X-Postmark-Server-Token";

    /// <summary>The most messages Postmark accepts in one <c>/email/batch</c> or <c>/email/batchWithTemplates</c>
    /// request.</summary>
    public const int MaxBatchSize = 500;

    /// <summary>The largest batch request body Postmark accepts: 50 MB, attachments included.</summary>
    public const long MaxBatchBytes = 50L * 1024 * 1024;

    /// <summary>The largest <c>TextBody</c> or <c>HtmlBody</c> Postmark accepts: 5 MB each.</summary>
    public const long MaxBodyBytes = 5L * 1024 * 1024;

    /// <summary>The largest message Postmark accepts: 10 MB, attachments counted after base64 encoding.</summary>
    public const long MaxMessageBytes = 10L * 1024 * 1024;

    /// <summary>The most addresses Postmark accepts in one suppression create or delete request.</summary>
    public const int MaxSuppressionBatchSize = 50;

    /// <summary>The server API token, from the API Tokens tab of the Postmark server. Required; sent as
    /// <c>X-Postmark-Server-Token</c>. Use <c>POSTMARK_API_TEST</c> to have Postmark validate sends without
    /// delivering them.</summary>
    public string? ServerToken { get; set; }

    /// <summary>Postmark's API address.</summary>
    /// <value>The default value is <c>https://api.postmarkapp.com/</c>.</value>
    public Uri BaseAddress { get; set; } = new("https://api.postmarkapp.com/");

    /// <summary>The message stream for transactional mail (<see cref="SendPurpose.Transactional"/>).</summary>
    /// <value>The default value is <c>"outbound"</c>, the default transactional stream of every Postmark server.</value>
    public string MessageStream { get; set; } = "outbound";

    /// <summary>
    /// The message stream for marketing mail (<see cref="SendPurpose.Marketing"/>, the default purpose of an
    /// <see cref="EmailMessage"/>). Postmark's terms require bulk and marketing mail to go through a broadcast stream,
    /// which adds unsubscribe handling; sending it through a transactional stream risks the account.
    /// </summary>
    /// <value>The default value is <c>"broadcast"</c>, the broadcast stream Postmark creates with a new server.</value>
    public string BroadcastMessageStream { get; set; } = "broadcast";

    /// <summary>Whether Postmark tracks opens (its <c>TrackOpens</c> field); <see langword="null"/> leaves it to the
    /// server's setting.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public bool? TrackOpens { get; set; }

    /// <summary>Which links Postmark tracks (its <c>TrackLinks</c> field); <see langword="null"/> leaves it to the
    /// server's setting.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public PostmarkLinkTracking? TrackLinks { get; set; }

    /// <summary>The <c>Metadata</c> key that carries <see cref="EmailMessage.CampaignId"/>, so Postmark's webhook
    /// events bring it back.</summary>
    /// <value>The default value is <c>"campaign_id"</c>.</value>
    public string CampaignIdMetadataKey { get; set; } = "campaign_id";

    /// <summary>The most recipients (To, Cc and Bcc together) of one message, checked before sending. Assumed:
    /// Postmark documents 50 per message.</summary>
    /// <value>The default value is 50.</value>
    public int MaxRecipientsPerMessage { get; set; } = 50;

    /// <summary>Requests per <see cref="RateLimitWindow"/> this instance sends at most. Assumed: Postmark publishes
    /// no request rate, only that it answers 429 when throttling; one batch request carries up to 500 messages.</summary>
    /// <value>The default value is 10.</value>
    public int RateLimitPermits { get; set; } = 10;

    /// <summary>The window <see cref="RateLimitPermits"/> applies to.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries, timeouts and the circuit breaker of this instance's HTTP transport. Sends are never
    /// retried once they may have reached Postmark, whatever is set here.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>The webhooks: the HTTP Basic credentials Postmark sends, an optional address allow-list and the
    /// endpoint path (<c>Martech:&lt;name&gt;:Webhooks</c>). Without credentials, webhooks are refused.</summary>
    public PostmarkWebhookOptions Webhooks { get; set; } = new();

    /// <summary>The offset from UTC of the days Postmark's statistics count in: Postmark documents its stats in EST and
    /// does not say whether they follow daylight saving, so it is an option.</summary>
    /// <value>The default value is −05:00 (EST).</value>
    public TimeSpan StatsUtcOffset { get; set; } = TimeSpan.FromHours(-5);

    /// <summary>The message stream whose statistics <see cref="ICampaignStatsClient"/> reads (<c>messagestream</c>);
    /// <see langword="null"/> leaves it out, and Postmark decides.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? StatsMessageStream { get; set; }

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        if (string.IsNullOrWhiteSpace(ServerToken))
        {
            yield return $"{configurationPath}:ServerToken is required: the server API token from the API Tokens tab of your Postmark server.";
        }
        else if (ServerToken.AsSpan().ContainsAny('\r', '\n'))
        {
            yield return $"{configurationPath}:ServerToken contains a line break.";
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("https" or "http"))
        {
            yield return $"{configurationPath}:BaseAddress must be an absolute http(s) address such as https://api.postmarkapp.com/.";
        }
        else if (!BaseAddress.AbsolutePath.EndsWith('/'))
        {
            yield return $"{configurationPath}:BaseAddress must end with '/' (was '{BaseAddress}').";
        }

        if (StreamProblem(MessageStream) is { } messageStream)
        {
            yield return $"{configurationPath}:MessageStream {messageStream}";
        }

        if (StreamProblem(BroadcastMessageStream) is { } broadcast)
        {
            yield return $"{configurationPath}:BroadcastMessageStream {broadcast}";
        }

        if (StatsUtcOffset < TimeSpan.FromHours(-14) || StatsUtcOffset > TimeSpan.FromHours(14) || StatsUtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            yield return $"{configurationPath}:StatsUtcOffset must be whole minutes between -14:00 and +14:00 (was {StatsUtcOffset}).";
        }

        if (StatsMessageStream is not null && StreamProblem(StatsMessageStream) is { } statsStream)
        {
            yield return $"{configurationPath}:StatsMessageStream {statsStream}";
        }

        if (string.IsNullOrWhiteSpace(CampaignIdMetadataKey))
        {
            yield return $"{configurationPath}:CampaignIdMetadataKey must not be empty.";
        }

        if (MaxRecipientsPerMessage < 1)
        {
            yield return $"{configurationPath}:MaxRecipientsPerMessage must be at least 1 (was {MaxRecipientsPerMessage}).";
        }

        foreach (string problem in RateBudgetProblems(RateLimitPermits, RateLimitWindow, configurationPath))
        {
            yield return problem;
        }

        foreach (string problem in ResilienceProblems(Resilience, configurationPath))
        {
            yield return problem;
        }

        foreach (string problem in Webhooks is null ? [$"{configurationPath}:{nameof(Webhooks)} is required."] : Webhooks.Validate($"{configurationPath}:{nameof(Webhooks)}"))
        {
            yield return problem;
        }
    }

    // Postmark stream ids (its error 1227): a letter first, at most 30 characters.
    private static string? StreamProblem(string? stream)
    {
        if (string.IsNullOrWhiteSpace(stream))
        {
            return "must not be empty.";
        }

        if (stream.Length > 30 || !char.IsAsciiLetter(stream[0]) || stream.Any(char.IsWhiteSpace))
        {
            return $"'{stream}' is not a Postmark stream id (a letter first, no spaces, at most 30 characters).";
        }

        return null;
    }
}
