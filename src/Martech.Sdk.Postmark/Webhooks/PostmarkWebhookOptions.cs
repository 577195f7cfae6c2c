using System.Net;

namespace Martech.Sdk.Postmark;

/// <summary>Settings of a Postmark instance's webhooks, bound from <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>
/// <para>Postmark does not sign webhooks. Protect the endpoint with HTTP Basic credentials: choose a user name and a long
/// random password, set them here, and give them to Postmark (the webhook's "Basic auth credentials" in the server's
/// Webhooks tab, its <c>HttpAuth</c> in the Webhooks API, or <c>https://user:password@host/path</c>;
/// <see cref="PostmarkWebhookSigner.CreateWebhookUrl"/> builds that URL). Both are compared in constant time.</para>
/// <para>Optionally, <see cref="AllowedAddresses"/> limits the addresses requests may come from. Postmark signs no
/// timestamp, so <see cref="MartechWebhookOptions.PastTolerance"/> and <see cref="MartechWebhookOptions.FutureTolerance"/>
/// do not apply: a captured request can be sent again, and the event's key (the same for the same record) is what
/// recognises it.</para>
/// </remarks>
public sealed class PostmarkWebhookOptions : MartechWebhookOptions
{
    /// <summary>The HTTP Basic user name Postmark sends. It cannot contain a colon.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? Username { get; set; }

    /// <summary>The HTTP Basic password Postmark sends; use a long random one. Never shown by
    /// <see cref="object.ToString"/>, messages or diagnostics.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? Password { get; set; }

    /// <summary>The addresses requests may come from: single addresses (<c>50.31.156.6</c>) or CIDR ranges
    /// (<c>3.134.147.0/24</c>), such as the webhook addresses Postmark publishes. Empty allows any address. A request whose
    /// address is unknown is refused when this is set, so behind a proxy or load balancer the host must put the real client
    /// address in <see cref="WebhookRequest.RemoteAddress"/> (ASP.NET Core: the forwarded-headers middleware, trusting only
    /// your proxy); otherwise every request appears to come from the proxy.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> AllowedAddresses { get; set; } = [];

    /// <summary>Whether a bounce of type <c>Transient</c> ("message delayed") maps to
    /// <see cref="EmailEventType.Deferred"/>, as a delay Postmark keeps retrying, rather than to a soft
    /// <see cref="EmailEventType.Bounced"/>. Postmark does not document whether it retries after a <c>Transient</c> record.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool TransientAsDeferred { get; set; } = true;

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    /// <inheritdoc />
    public override string SecretSettingName => string.IsNullOrEmpty(Username) ? nameof(Username) : nameof(Password);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            yield return $"{configurationPath}:{nameof(Password)} is required when {nameof(Username)} is set: Postmark sends both as HTTP Basic credentials.";
        }

        if (string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            yield return $"{configurationPath}:{nameof(Username)} is required when {nameof(Password)} is set: Postmark sends both as HTTP Basic credentials.";
        }

        if (Username is not null && (Username.Contains(':', StringComparison.Ordinal) || HasControl(Username)))
        {
            yield return $"{configurationPath}:{nameof(Username)} cannot contain a colon or a control character (HTTP Basic credentials are 'user:password').";
        }

        if (Password is not null && HasControl(Password))
        {
            yield return $"{configurationPath}:{nameof(Password)} contains a line break or another control character.";
        }

        if (AllowedAddresses is null)
        {
            yield return $"{configurationPath}:{nameof(AllowedAddresses)} is required (empty allows any address).";
            yield break;
        }

        for (int i = 0; i < AllowedAddresses.Count; i++)
        {
            if (!TryParseNetwork(AllowedAddresses[i], out _))
            {
                yield return $"{configurationPath}:{nameof(AllowedAddresses)}:{i} must be an IP address or a CIDR range such as 3.134.147.0/24 (was '{AllowedAddresses[i]}').";
            }
        }
    }

    /// <summary>Reads an allow-list entry: an address (a network of one) or a CIDR range.</summary>
    internal static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string value = text.Trim();
        if (value.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(value, out network);
        }

        if (!IPAddress.TryParse(value, out IPAddress? address))
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    private static bool HasControl(string value)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
