using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Reads the Salesforce Campaign and CampaignMember sObjects. A campaign's <c>Name</c>, <c>Type</c>, <c>StartDate</c> and
/// <c>EndDate</c> (dates, read as midnight UTC) and <c>CreatedDate</c> are mapped; <c>Status</c> maps Salesforce's default
/// picklist (<c>Planned</c>, <c>In Progress</c>, <c>Completed</c>, <c>Aborted</c>) to <see cref="CampaignStatus"/>, other
/// values are kept as they are; everything else (<c>NumberSent</c>, <c>NumberOfResponses</c>, <c>BudgetedCost</c>, custom
/// fields, …) is in <see cref="Campaign.CustomFields"/>.
/// </summary>
internal static class CampaignMapping
{
    public const string Type = "Campaign";

    public const string MemberType = "CampaignMember";

    /// <summary>The fields a member listing selects.</summary>
    public const string MemberFields = "Id, CampaignId, ContactId, Status, CreatedDate";

    /// <summary>The SOQL field list: standard fields and the described custom fields.</summary>
    /// <param name="description">The Campaign describe.</param>
    /// <returns>The field list.</returns>
    public static string SelectList(SObjectDescription description) =>
        string.Join(", ", description.CustomFieldNames.Prepend("FIELDS(STANDARD)"));

    /// <summary>Reads a Campaign record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The campaign.</returns>
    public static Campaign Read(JsonElement record)
    {
        string? id = null, name = null, type = null;
        CampaignStatus status = CampaignStatus.Planned;
        DateTimeOffset? starts = null, ends = null, created = null;
        var custom = new CustomFieldCollection();
        foreach (JsonProperty property in record.EnumerateObject())
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "attributes":
                    continue;
                case "Id":
                    id = SalesforceValues.String(value);
                    continue;
                case "Name":
                    name = SalesforceValues.String(value);
                    continue;
                case "Type":
                    type = SalesforceValues.String(value);
                    continue;
                case "Status":
                    status = ToStatus(SalesforceValues.String(value));
                    continue;
                case "StartDate":
                    starts = SalesforceValues.Date(value);
                    continue;
                case "EndDate":
                    ends = SalesforceValues.Date(value);
                    continue;
                case "CreatedDate":
                    created = SalesforceValues.DateTime(value);
                    continue;
                default:
                    custom.SetRaw(property.Name, value);
                    continue;
            }
        }

        return new Campaign
        {
            Id = id,
            Name = name ?? string.Empty,
            Status = status,
            Type = type,
            StartsAt = starts,
            EndsAt = ends,
            CreatedAt = created,
            CustomFields = custom,
            Raw = record,
        };
    }

    /// <summary>Reads a CampaignMember record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The member.</returns>
    public static CampaignMember ReadMember(JsonElement record) => new(
        Text(record, "CampaignId") ?? string.Empty,
        Text(record, "ContactId") ?? string.Empty,
        Text(record, "Status"),
        record.TryGetProperty("CreatedDate", out JsonElement created) ? SalesforceValues.DateTime(created) : null);

    private static CampaignStatus ToStatus(string? value) => value switch
    {
        null or "" => CampaignStatus.Planned,
        "Planned" => CampaignStatus.Planned,
        "In Progress" => CampaignStatus.Active,
        "Completed" => CampaignStatus.Completed,
        "Aborted" => CampaignStatus.Aborted,
        _ => new CampaignStatus(value),
    };

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out JsonElement value) ? SalesforceValues.String(value) : null;
}
