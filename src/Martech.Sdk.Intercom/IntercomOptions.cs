namespace Martech.Sdk.Intercom;

/// <summary>
/// Settings of an Intercom provider instance, bound from <c>Martech:&lt;name&gt;</c> (by default
/// <c>Martech:Intercom</c>) and validated when the host starts.
/// </summary>
public sealed class IntercomOptions : MartechProviderOptions
{
    /// <summary>The access token sent as a bearer token. Required; a secret, never printed.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The id of the admin that conversation replies and messages are sent as. Required.</summary>
    public string? AdminId { get; set; }

    /// <summary>The workspace's region; it picks the API address unless <see cref="BaseAddress"/> is set.</summary>
    /// <value>The default value is <see cref="IntercomRegion.US"/>.</value>
    public IntercomRegion Region { get; set; } = IntercomRegion.US;

    /// <summary>An explicit API address (ending with '/') that overrides <see cref="Region"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>The value of the <c>Intercom-Version</c> header sent with every request.</summary>
    /// <value>The default value is <c>2.14</c>.</value>
    public string IntercomVersion { get; set; } = "2.14";

    /// <summary>How messages to a <see cref="MessageDestinationKind.User"/> destination are delivered.</summary>
    /// <value>The default value is <see cref="IntercomMessageType.InApp"/>.</value>
    public IntercomMessageType UserMessageType { get; set; } = IntercomMessageType.InApp;

    /// <summary>The <c>message_type</c> value sent for <see cref="IntercomMessageType.InApp"/> messages. Unconfirmed
    /// ([U]): the 2.14 specification's request enum says <c>in_app</c>, while its request examples, its required-field
    /// rules and its response enum say <c>inapp</c>; set <c>in_app</c> if your workspace rejects the default.</summary>
    /// <value>The default value is <c>inapp</c>.</value>
    public string InAppMessageTypeValue { get; set; } = "inapp";

    /// <summary>The <c>template</c> of email messages (<c>plain</c> or <c>personal</c>); Intercom requires it with
    /// <c>message_type</c> <c>email</c>.</summary>
    /// <value>The default value is <c>plain</c>.</value>
    public string EmailTemplate { get; set; } = "plain";

    /// <summary>The recipient <c>type</c> of messages to a <see cref="MessageDestinationKind.User"/> destination:
    /// <c>user</c> or <c>lead</c>, the contact's role. Whether Intercom accepts <c>user</c> for a lead's id is
    /// unconfirmed ([U]); set <c>lead</c> for an instance that messages leads.</summary>
    /// <value>The default value is <c>user</c>.</value>
    public string RecipientType { get; set; } = "user";

    /// <summary>Requests per <see cref="RateLimitWindow"/> this instance sends at most (Intercom's documented
    /// default is 10,000 per minute per app, spread over 10-second windows: 1,000 per minute is 167 per window).
    /// The vendor's <c>X-RateLimit-*</c> headers correct the budget as responses arrive.</summary>
    /// <value>The default value is 166.</value>
    public int RateLimitPermits { get; set; } = 166;

    /// <summary>The window <see cref="RateLimitPermits"/> applies to.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries, timeouts and the circuit breaker of this instance's HTTP transport.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>Webhook notifications: the app's client secret that signs them, the tolerances on their
    /// <c>created_at</c>, the endpoint path (<c>Martech:&lt;name&gt;:Webhooks</c>). Without a client secret, webhooks are
    /// refused.</summary>
    public IntercomWebhookOptions Webhooks { get; set; } = new();

    /// <summary>The API address in effect: <see cref="BaseAddress"/> or the <see cref="Region"/>'s address.</summary>
    /// <returns>The absolute API address.</returns>
    public Uri ResolveBaseAddress() => BaseAddress ?? Region switch
    {
        IntercomRegion.EU => new Uri("https://api.eu.intercom.io/"),
        IntercomRegion.AU => new Uri("https://api.au.intercom.io/"),
        _ => new Uri("https://api.intercom.io/"),
    };

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            yield return $"{configurationPath}:AccessToken is required: an Intercom access token.";
        }
        else if (AccessToken.AsSpan().ContainsAny('\r', '\n'))
        {
            yield return $"{configurationPath}:AccessToken contains a line break.";
        }

        if (string.IsNullOrWhiteSpace(AdminId))
        {
            yield return $"{configurationPath}:AdminId is required: the admin replies and messages are sent as.";
        }

        if (string.IsNullOrWhiteSpace(IntercomVersion))
        {
            yield return $"{configurationPath}:IntercomVersion is required (for example 2.14).";
        }

        else if (IntercomVersion.AsSpan().ContainsAny('\r', '\n'))
        {
            yield return $"{configurationPath}:IntercomVersion contains a line break.";
        }

        if (InAppMessageTypeValue is not ("inapp" or "in_app"))
        {
            yield return $"{configurationPath}:InAppMessageTypeValue must be inapp or in_app (was '{InAppMessageTypeValue}').";
        }

        if (EmailTemplate is not ("plain" or "personal"))
        {
            yield return $"{configurationPath}:EmailTemplate must be plain or personal (was '{EmailTemplate}').";
        }

        if (RecipientType is not ("user" or "lead"))
        {
            yield return $"{configurationPath}:RecipientType must be user or lead (was '{RecipientType}').";
        }

        if (!Enum.IsDefined(Region))
        {
            yield return $"{configurationPath}:Region must be US, EU or AU (was {Region}).";
        }

        if (!Enum.IsDefined(UserMessageType))
        {
            yield return $"{configurationPath}:UserMessageType must be InApp or Email (was {UserMessageType}).";
        }

        if (BaseAddress is not null && (!BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("https" or "http") || !BaseAddress.AbsolutePath.EndsWith('/')))
        {
            yield return $"{configurationPath}:BaseAddress must be an absolute http(s) address ending with '/' (was '{BaseAddress}').";
        }

        foreach (string problem in RateBudgetProblems(RateLimitPermits, RateLimitWindow, configurationPath))
        {
            yield return problem;
        }

        foreach (string problem in ResilienceProblems(Resilience, configurationPath))
        {
            yield return problem;
        }

        if (Webhooks is null)
        {
            yield return $"{configurationPath}:Webhooks is required.";
        }
        else
        {
            foreach (string problem in Webhooks.Validate($"{configurationPath}:Webhooks"))
            {
                yield return problem;
            }
        }
    }
}
