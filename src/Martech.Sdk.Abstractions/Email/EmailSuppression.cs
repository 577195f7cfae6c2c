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

    /// <summary>The vendor's own object.</summary>
    [JsonIgnore]
    public object? RawRepresentation { get; init; }
}
