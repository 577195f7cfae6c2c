using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>A v2 person as Pipedrive returns it; properties the SDK does not name are kept in
/// <see cref="AdditionalProperties"/>. Written back through the source-generated
/// context, it is the <see cref="Contact.Raw"/> of contacts read from Pipedrive.</summary>
internal sealed class PipedrivePerson
{
    public long Id { get; set; }

    public string? Name { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public long? OwnerId { get; set; }

    public long? OrgId { get; set; }

    public string? AddTime { get; set; }

    public string? UpdateTime { get; set; }

    public List<PipedriveContactDetail>? Emails { get; set; }

    public List<PipedriveContactDetail>? Phones { get; set; }

    public bool? IsDeleted { get; set; }

    /// <summary><c>no_consent</c>, <c>unsubscribed</c>, <c>subscribed</c>, <c>archived</c>; present only with
    /// <c>include_fields=marketing_status</c> and Pipedrive Campaigns.</summary>
    public string? MarketingStatus { get; set; }

    /// <summary>Custom field values by 40-character hash key.</summary>
    public Dictionary<string, JsonElement>? CustomFields { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
