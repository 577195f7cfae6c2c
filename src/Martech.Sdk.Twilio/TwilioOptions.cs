namespace Martech.Sdk.Twilio;

/// <summary>
/// Settings of a Twilio Messaging provider instance, bound from <c>Martech:&lt;name&gt;</c> (by default
/// <c>Martech:Twilio</c>) and validated when the host starts.
/// </summary>
/// <remarks>
/// Values marked "assumed" are not published by Twilio as fixed numbers; they are the SDK's working assumption, and
/// you can change them here if your account's limits differ.
/// </remarks>
public sealed class TwilioOptions : MartechProviderOptions
{
    /// <summary>The most characters Twilio accepts in a message <c>Body</c>.</summary>
    public const int MaxBodyLength = 1600;

    /// <summary>The prefix Twilio uses for WhatsApp channel addresses.</summary>
    public const string WhatsAppPrefix = "whatsapp:";

    private TwilioWebhookOptions? _webhooks;

    /// <summary>The account SID (<c>AC</c> and 32 hex digits), the user name of HTTP Basic authentication and part of
    /// every path. Required.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token, the password of HTTP Basic authentication. Required; a secret, never
    /// printed.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sender: a Twilio phone number in E.164 format (<c>+14155550100</c>). Set this,
    /// <see cref="MessagingServiceSid"/>, or both.</summary>
    public string? From { get; set; }

    /// <summary>The Messaging Service (<c>MG</c> and 32 hex digits) that picks the sender from its pool. Set this,
    /// <see cref="From"/>, or both.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>The absolute http(s) URL Twilio posts message status changes to (<c>StatusCallback</c>);
    /// <see langword="null"/> sends none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? StatusCallback { get; set; }

    /// <summary>Whether messages go over WhatsApp: <c>To</c> and <c>From</c> get the <c>whatsapp:</c> prefix.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool WhatsApp { get; set; }

    /// <summary>Twilio's API address.</summary>
    /// <value>The default value is <c>https://api.twilio.com/</c>.</value>
    public Uri BaseAddress { get; set; } = new("https://api.twilio.com/");

    /// <summary>The most SMS segments one message may use; a longer body is refused, or cut when
    /// <see cref="OverLimit"/> is <see cref="OverLimitBehavior.Truncate"/>. A segment holds 160 GSM-7 or 70 UCS-2
    /// characters alone, 153 or 67 when concatenated.</summary>
    /// <value>The default value is 10, Twilio's recommended maximum.</value>
    public int MaxSegments { get; set; } = 10;

    /// <summary>What happens to a body over <see cref="MaxSegments"/> or Twilio's 1,600 characters: refused with an
    /// <see cref="ArgumentException"/> before any request, or cut at the last whole line that fits, ending with an
    /// ellipsis, with <see cref="MessageSendResult.Truncations"/> saying what was cut.</summary>
    /// <value>The default value is <see cref="OverLimitBehavior.Refuse"/>.</value>
    public OverLimitBehavior OverLimit { get; set; } = OverLimitBehavior.Refuse;

    /// <summary>Requests per <see cref="RateLimitWindow"/> this instance sends at most. Assumed: Twilio limits
    /// concurrent API requests per account (error 20429) and queues messages per sender, but publishes no request
    /// rate.</summary>
    /// <value>The default value is 30.</value>
    public int RateLimitPermits { get; set; } = 30;

    /// <summary>The window <see cref="RateLimitPermits"/> applies to.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries, timeouts and the circuit breaker of this instance's HTTP transport. A send is never retried
    /// once it may have reached Twilio, whatever is set here; a 429 is.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>Webhooks (status callbacks and incoming messages): an optional separate signing token, the endpoint path
    /// and diagnostics (<c>Martech:&lt;name&gt;:Webhooks</c>). Signatures are checked with <see cref="AuthToken"/> unless
    /// <see cref="TwilioWebhookOptions.AuthToken"/> is set.</summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public TwilioWebhookOptions Webhooks
    {
        get => _webhooks ??= new TwilioWebhookOptions { Account = this };
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Account = this;
            _webhooks = value;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        if (string.IsNullOrWhiteSpace(AccountSid))
        {
            yield return $"{configurationPath}:AccountSid is required: the account SID (AC…) from the Twilio Console.";
        }
        else if (!IsSid(AccountSid, "AC"))
        {
            yield return $"{configurationPath}:AccountSid must be 'AC' followed by 32 hexadecimal digits (was '{AccountSid}').";
        }

        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return $"{configurationPath}:AuthToken is required: the account's auth token from the Twilio Console.";
        }
        else if (AuthToken.AsSpan().ContainsAny('\r', '\n'))
        {
            yield return $"{configurationPath}:AuthToken contains a line break.";
        }

        if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            yield return $"{configurationPath}:From or {configurationPath}:MessagingServiceSid is required: a Twilio number in E.164 format or a Messaging Service SID (MG…).";
        }

        if (!string.IsNullOrWhiteSpace(From) && !PhoneNumber.TryParse(From, out _, out string? phoneError))
        {
            yield return $"{configurationPath}:From must be a phone number in E.164 format such as +14155550100 ({phoneError}).";
        }

        if (!string.IsNullOrWhiteSpace(MessagingServiceSid) && !IsSid(MessagingServiceSid, "MG"))
        {
            yield return $"{configurationPath}:MessagingServiceSid must be 'MG' followed by 32 hexadecimal digits (was '{MessagingServiceSid}').";
        }

        if (StatusCallback is not null && (!StatusCallback.IsAbsoluteUri || StatusCallback.Scheme is not ("https" or "http")))
        {
            yield return $"{configurationPath}:StatusCallback must be an absolute http(s) URL (was '{StatusCallback}').";
        }

        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("https" or "http"))
        {
            yield return $"{configurationPath}:BaseAddress must be an absolute http(s) address such as https://api.twilio.com/.";
        }
        else if (!BaseAddress.AbsolutePath.EndsWith('/'))
        {
            yield return $"{configurationPath}:BaseAddress must end with '/' (was '{BaseAddress}').";
        }

        if (MaxSegments is < 1 or > SmsSegments.MaxSegmentsForBody)
        {
            yield return $"{configurationPath}:MaxSegments must be between 1 and {SmsSegments.MaxSegmentsForBody} (was {MaxSegments}).";
        }

        if (!Enum.IsDefined(OverLimit))
        {
            yield return $"{configurationPath}:OverLimit must be Refuse or Truncate (was {OverLimit}).";
        }

        foreach (string problem in RateBudgetProblems(RateLimitPermits, RateLimitWindow, configurationPath))
        {
            yield return problem;
        }

        foreach (string problem in ResilienceProblems(Resilience, configurationPath))
        {
            yield return problem;
        }

        foreach (string problem in Webhooks.Validate($"{configurationPath}:Webhooks"))
        {
            yield return problem;
        }
    }

    private static bool IsSid(string value, string prefix)
    {
        if (value.Length != 34 || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in value.AsSpan(2))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
