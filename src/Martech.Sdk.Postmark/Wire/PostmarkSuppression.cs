using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Postmark;

/// <summary>One suppression in a dump: <c>{"EmailAddress","SuppressionReason","Origin","CreatedAt"}</c>.</summary>
internal sealed class PostmarkSuppression
{
    public string? EmailAddress { get; set; }

    /// <summary><c>HardBounce</c>, <c>SpamComplaint</c> or <c>ManualSuppression</c>.</summary>
    public string? SuppressionReason { get; set; }

    /// <summary><c>Recipient</c>, <c>Customer</c> or <c>Admin</c>.</summary>
    public string? Origin { get; set; }

    /// <summary>ISO 8601 with an offset, such as <c>2019-12-17T08:58:33-05:00</c>; kept as text so an odd value does
    /// not break a listing.</summary>
    public string? CreatedAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
