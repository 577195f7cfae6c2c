using System.Text;

namespace Martech.Sdk.Teams;

/// <summary>Settings of a Teams instance's outgoing webhook (a team's "Create an outgoing webhook" bot, which Teams
/// calls when someone @mentions it in a channel), bound from <c>Martech:&lt;name&gt;:Webhooks</c>. Outgoing webhooks are
/// unrelated to the Workflows URLs the instance posts to.</summary>
/// <remarks>Teams sends <c>Authorization: HMAC &lt;Base64&gt;</c>: the HMAC-SHA256 of the raw body keyed with the
/// Base64-decoded security token Teams shows once, when the outgoing webhook is created. Teams signs no timestamp and
/// documents no replay window: the receiver checks the signed activity's own <c>timestamp</c> against the tolerances
/// (<see cref="CheckActivityTimestamp"/>), and the activity id is the dedupe key. Teams waits about five seconds for the
/// answer and shows it in the thread as the bot's reply, so the answer is always a message
/// (<see cref="ReplyText"/>).</remarks>
public sealed class TeamsWebhookOptions : MartechWebhookOptions
{
    /// <summary>The default <see cref="ReplyText"/>.</summary>
    public const string DefaultReplyText = "Received";

    private const int MinimumKeyBytes = 16;

    /// <summary>The outgoing webhook's security token, as Teams shows it (Base64, usually 44 characters); secret.</summary>
    /// <value>The default value is <see langword="null"/>: webhooks are not configured and every request is refused.</value>
    public string? SecurityToken { get; set; }

    /// <summary>The text of the reply Teams shows in the thread when a message was received. Teams requires a non-empty
    /// message: an empty one is shown as an error.</summary>
    /// <value>The default value is <see cref="DefaultReplyText"/>.</value>
    public string ReplyText { get; set; } = DefaultReplyText;

    /// <summary>Whether the signed activity's <c>timestamp</c> must be within
    /// <see cref="MartechWebhookOptions.PastTolerance"/> and <see cref="MartechWebhookOptions.FutureTolerance"/> of
    /// this machine's clock, so a captured request cannot be replayed later. Teams signs no header timestamp; the
    /// activity's is inside the signed body.</summary>
    /// <value>The default value is <see langword="true"/>. Turn it off only if Teams' clock and yours disagree by more
    /// than the tolerances; activity ids still deduplicate redeliveries.</value>
    public bool CheckActivityTimestamp { get; set; } = true;

    /// <inheritdoc />
    public override bool IsConfigured => !string.IsNullOrWhiteSpace(SecurityToken);

    /// <inheritdoc />
    public override string SecretSettingName => nameof(SecurityToken);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (SecurityToken is not null && !TryDecodeKey(SecurityToken, out _))
        {
            // The value is a secret: the message describes it, never quotes it.
            yield return $"{configurationPath}:{nameof(SecurityToken)} must be the security token Teams showed when the outgoing webhook was created: Base64 of at least {MinimumKeyBytes} bytes (usually 44 characters ending in '=').";
        }

        if (string.IsNullOrWhiteSpace(ReplyText))
        {
            yield return $"{configurationPath}:{nameof(ReplyText)} must not be empty: Teams shows an empty reply as an error.";
        }
        else if (Encoding.UTF8.GetByteCount(ReplyText) > TeamsOptions.MaxPayloadBytes - 64)
        {
            yield return $"{configurationPath}:{nameof(ReplyText)} is longer than a Teams message may be ({TeamsOptions.MaxPayloadBytes} bytes).";
        }
    }

    /// <summary>Decodes a security token into the HMAC key.</summary>
    internal static bool TryDecodeKey(string token, out byte[] key)
    {
        key = [];
        string trimmed = token.Trim();
        if (trimmed.Length is 0 or > 1024)
        {
            return false;
        }

        var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(trimmed, buffer, out int written) || written < MinimumKeyBytes)
        {
            return false;
        }

        key = buffer[..written];
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        return true;
    }
}
