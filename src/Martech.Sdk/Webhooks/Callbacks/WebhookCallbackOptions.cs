namespace Martech.Sdk;

/// <summary>
/// Makes a test double (the in-memory provider, a vendor emulator) call back with signed webhooks for what it was sent,
/// as the vendor would: processed and delivered for every recipient, then opens and clicks, and bounces, unsubscribes and
/// spam reports for the addresses listed here; SMS status for messages. Redelivery and out-of-order options reproduce
/// what real vendors do, so dedupe and ordering are tested end to end.
/// </summary>
public sealed class WebhookCallbackOptions
{
    /// <summary>Where to post the webhooks, such as <c>http://127.0.0.1:5080/webhooks/sendgrid</c>.</summary>
    /// <value>The default value is <see langword="null"/>: no webhooks are sent.</value>
    public Uri? Url { get; set; }

    /// <summary>How many extra times each webhook request is posted (with the same events, signed again), as vendors
    /// redeliver when an answer is slow or lost.</summary>
    /// <value>The default value is 0.</value>
    public int Redeliveries { get; set; }

    /// <summary>Whether the requests of one send are posted in a shuffled order (delivered after opened, and so on).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OutOfOrder { get; set; }

    /// <summary>The seed of the shuffle, so an out-of-order run can be repeated.</summary>
    /// <value>The default value is 12345.</value>
    public int Seed { get; set; } = 12345;

    /// <summary>Whether every delivered message is opened.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Opens { get; set; } = true;

    /// <summary>Whether the first link of every opened message is clicked (or <see cref="ClickUrl"/> when the message
    /// has none).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Clicks { get; set; } = true;

    /// <summary>The URL clicked in messages without a link of their own.</summary>
    /// <value>The default value is <c>https://example.com/</c>.</value>
    public Uri ClickUrl { get; set; } = new("https://example.com/");

    /// <summary>Addresses that hard-bounce: no delivered, open or click.</summary>
    public ISet<string> BounceAddresses { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Addresses whose opens come from Apple Mail Privacy Protection (the vendor flags them as machine opens).</summary>
    public ISet<string> MachineOpenAddresses { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Addresses that unsubscribe after opening.</summary>
    public ISet<string> UnsubscribeAddresses { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Addresses that report the message as spam after opening.</summary>
    public ISet<string> SpamReportAddresses { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Phone numbers whose SMS fail (status <c>undelivered</c> with error 30003) instead of being delivered.</summary>
    public ISet<string> UndeliveredNumbers { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How long after a send its webhooks start.</summary>
    /// <value>The default value is zero.</value>
    public TimeSpan Delay { get; set; }

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:InMemory:Webhooks:Callback</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        if (Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"{configurationPath}:{nameof(Url)} must be an absolute http(s) URL (was '{Url}').";
        }

        if (Redeliveries is < 0 or > 10)
        {
            yield return $"{configurationPath}:{nameof(Redeliveries)} must be between 0 and 10 (was {Redeliveries}).";
        }

        if (Delay < TimeSpan.Zero)
        {
            yield return $"{configurationPath}:{nameof(Delay)} cannot be negative (was {Delay}).";
        }

        if (ClickUrl is null || !ClickUrl.IsAbsoluteUri)
        {
            yield return $"{configurationPath}:{nameof(ClickUrl)} must be an absolute URL.";
        }
    }
}
