using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>An address on a vendor's suppression list: marketing email to it is withheld, and vendors drop sends to it.</summary>
public sealed record EmailSuppression
{
    /// <summary>The suppressed address.</summary>
    public required EmailAddress Email { get; init; }

    /// <summary>Why it is suppressed, which is also which list it is on.</summary>
    public required SuppressionKind Kind { get; init; }

    /// <summary>For <see cref="SuppressionKind.GroupUnsubscribe"/>: the group (SendGrid unsubscribe group id, Postmark
    /// message stream, Mailgun tag) the address left.</summary>
    public string? GroupId { get; init; }

    /// <summary>The vendor's reason text, such as a bounce message.</summary>
    public string? Reason { get; init; }

    /// <summary>When the address was suppressed.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The vendor's own JSON for this suppression, for reading what the SDK does not map (such as the SMTP
    /// <c>code</c> of a Mailgun bounce); <see cref="JsonValueKind.Undefined"/> when the suppression was not read from a vendor (built in
    /// code, or stored by the in-memory provider).</summary>
    /// <remarks>
    /// Each provider says in its documentation whether this is the record exactly as received or re-serialized from the
    /// provider's source-generated wire type. It is never written out: JSON serialization (and so Trace logging) leaves
    /// it out. A <c>with</c> copy shares the same element. The element is kept as given, not copied: one set by hand
    /// must outlive its <see cref="JsonDocument"/> (give it <see cref="JsonElement.Clone"/> when in doubt).
    /// </remarks>
    [JsonIgnore]
    public JsonElement Raw { get; init; }
}
