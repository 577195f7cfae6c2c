namespace Martech.Sdk.Salesforce;

/// <summary>Settings of a Salesforce instance's outbound-message endpoint, bound from
/// <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>
/// Salesforce pushes record changes as Outbound Messages: SOAP notifications posted by a flow or workflow rule, with no
/// signature. The receiver accepts a message only when the URL carries the shared <see cref="Token"/> (put it in the
/// outbound message's Endpoint URL, such as <c>https://example.com/webhooks/salesforce?token=…</c>; compared in constant
/// time) and the message's <c>OrganizationId</c> is <see cref="OrganizationId"/>. Neither is a signature of the body: use
/// https only, and add Salesforce's client certificate or an IP allow-list at your proxy where you can. There is no
/// signed timestamp, so <see cref="MartechWebhookOptions.PastTolerance"/> and
/// <see cref="MartechWebhookOptions.FutureTolerance"/> are not used; Salesforce redelivers a notification with the same
/// id, which the event store's deduplication recognises.
/// </remarks>
public sealed class SalesforceWebhookOptions : MartechWebhookOptions
{
    /// <summary>The query parameter <see cref="Token"/> travels in unless <see cref="TokenParameterName"/> says
    /// otherwise.</summary>
    public const string DefaultTokenParameterName = "token";

    /// <summary>The smallest accepted token length.</summary>
    public const int MinTokenLength = 16;

    /// <summary>Your org's id (Setup &gt; Company Information &gt; Salesforce.com Organization ID), 15 or 18 characters
    /// starting with <c>00D</c>; a message from another org (a sandbox, say) is refused.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? OrganizationId { get; set; }

    /// <summary>The shared token that must be in the endpoint URL's query: at least <see cref="MinTokenLength"/> URL-safe
    /// characters (letters, digits, <c>-</c>, <c>.</c>, <c>_</c>, <c>~</c>); generate a random one. A secret: never
    /// printed. It sits in a URL, so keep it out of proxy access logs.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? Token { get; set; }

    /// <summary>The query parameter that carries <see cref="Token"/>.</summary>
    /// <value>The default value is <c>token</c>.</value>
    public string TokenParameterName { get; set; } = DefaultTokenParameterName;

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(OrganizationId) && !string.IsNullOrWhiteSpace(Token);

    /// <inheritdoc />
    public override string SecretSettingName => string.IsNullOrWhiteSpace(Token) ? nameof(Token) : nameof(OrganizationId);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (OrganizationId is not null && !IsOrganizationId(OrganizationId))
        {
            yield return $"{configurationPath}:{nameof(OrganizationId)} must be a Salesforce organization id: 15 or 18 letters and digits starting with 00D (was '{OrganizationId}').";
        }

        if (Token is not null && (Token.Length < MinTokenLength || !Token.All(IsUrlSafe)))
        {
            yield return $"{configurationPath}:{nameof(Token)} must be at least {MinTokenLength} URL-safe characters (letters, digits, '-', '.', '_', '~'): it is the endpoint's only secret. Generate a random one and put it in the outbound message's endpoint URL too.";
        }

        if (string.IsNullOrWhiteSpace(TokenParameterName) || !TokenParameterName.All(IsUrlSafe))
        {
            yield return $"{configurationPath}:{nameof(TokenParameterName)} must be a query parameter name of letters, digits, '-', '.', '_' or '~' (was '{TokenParameterName}').";
        }

        if (string.IsNullOrWhiteSpace(OrganizationId) != string.IsNullOrWhiteSpace(Token))
        {
            yield return $"{configurationPath}:{nameof(OrganizationId)} and {configurationPath}:{nameof(Token)} must be set together.";
        }
    }

    internal static bool IsOrganizationId(string value) =>
        value.Length is 15 or 18 && value.StartsWith("00D", StringComparison.Ordinal) && value.All(char.IsAsciiLetterOrDigit);

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
