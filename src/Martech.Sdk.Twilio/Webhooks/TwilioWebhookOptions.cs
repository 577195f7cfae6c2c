namespace Martech.Sdk.Twilio;

/// <summary>Settings of a Twilio instance's webhooks (status callbacks and incoming messages), bound from
/// <c>Martech:&lt;name&gt;:Webhooks</c>.</summary>
/// <remarks>
/// <para>Twilio signs every webhook with the auth token of the account that owns the number or sent the message
/// (<c>X-Twilio-Signature</c>). By default the instance's own <see cref="TwilioOptions.AuthToken"/> is that key, so
/// webhooks work with no extra setting. Set <see cref="AuthToken"/> when they are signed with another token: a
/// subaccount's numbers post signed with the subaccount's token, and while you rotate the token (Console &gt; Account
/// &gt; API keys &amp; tokens, "secondary auth token") the new one signs before the instance sends with it.</para>
/// <para>Twilio signs no timestamp, so <see cref="MartechWebhookOptions.PastTolerance"/> and
/// <see cref="MartechWebhookOptions.FutureTolerance"/> are not used: a replayed request carries the same event ids as
/// the original and is dropped by the inbox's dedupe (see <c>docs/providers/twilio.md</c>).</para>
/// </remarks>
public sealed class TwilioWebhookOptions : MartechWebhookOptions
{
    /// <summary>The auth token webhooks are signed with, when it is not the instance's
    /// <see cref="TwilioOptions.AuthToken"/> (a subaccount's token, or the new token during a rotation). A secret, never
    /// printed.</summary>
    /// <value>The default value is <see langword="null"/>: the instance's <see cref="TwilioOptions.AuthToken"/>.</value>
    public string? AuthToken { get; set; }

    /// <inheritdoc />
    public override bool IsConfigured => SigningToken is not null;

    /// <inheritdoc />
    public override string SecretSettingName => nameof(AuthToken);

    /// <summary>The instance these settings belong to, whose auth token is the default key.</summary>
    internal TwilioOptions? Account { get; set; }

    /// <summary>The token that verifies signatures: <see cref="AuthToken"/>, else the instance's.</summary>
    internal string? SigningToken =>
        !string.IsNullOrWhiteSpace(AuthToken) ? AuthToken
        : !string.IsNullOrWhiteSpace(Account?.AuthToken) ? Account.AuthToken
        : null;

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (AuthToken is not null && (string.IsNullOrWhiteSpace(AuthToken) || AuthToken.AsSpan().ContainsAny('\r', '\n')))
        {
            yield return $"{configurationPath}:{nameof(AuthToken)} must be an auth token without line breaks, or unset to use the instance's AuthToken.";
        }
    }
}
