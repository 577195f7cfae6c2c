using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>What kind of bounce an <see cref="EmailEventType.Bounced"/> event reports.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EmailBounceKind>))]
public enum EmailBounceKind
{
    /// <summary>The vendor did not say.</summary>
    Unknown,

    /// <summary>Permanent: the address or domain does not exist, or the mailbox is closed. Do not send again.</summary>
    Hard,

    /// <summary>Temporary (mailbox full, server unavailable) and the vendor gave up retrying.</summary>
    Soft,

    /// <summary>The receiving server refused the sender or the content (reputation, policy, spam filter), not the
    /// address.</summary>
    Block,
}
