using System.Net;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary><c>Raw</c> of HubSpot objects: the object re-serialized from the SDK's wire type, every member HubSpot sent
/// kept (unknown ones included) and null values of the wire type's named members left out.</summary>
public sealed class HubSpotRawJsonWireTests
{
    private const string LeadQuery = "properties=hs_createdate,hs_lastmodifieddate,hs_lead_label,hs_lead_name,hubspot_owner_id,martech_lead_score,martech_lead_source";
    private const string PersonQuery = "properties=company,email,firstname,lastname,phone";

    private const string Contact101 = """
        {"id":"101","properties":{"email":"ada@example.com","hs_object_id":"101","hs_is_unworked":"true","martech_sms_consent":null},
         "createdAt":"2024-05-01T09:00:00.000Z","updatedAt":"2024-05-02T10:30:00.000Z","archived":false,
         "propertiesWithHistory":{"email":[{"value":"ada@example.com","sourceType":"CRM_UI"}]}}
        """;

    private const string Lead9001 = """
        {"id":"9001","properties":{"hs_lead_name":"Webinar: Ada Lovelace","hs_lead_label":"new","hs_object_id":"9001","hs_pipeline":"lead-pipeline-id"},
         "createdAt":"2024-05-01T09:00:00.000Z","updatedAt":"2024-05-01T09:05:00.000Z","archived":false,
         "associations":{"contacts":{"results":[{"id":"101","type":"lead_to_contact"}]}}}
        """;

    [Fact]
    public async Task ContactGetAsync_RawHoldsSystemPropertiesDatesAndUnknownMembers()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + HubSpotWire.ContactPropertiesQuery).RespondJson(HttpStatusCode.OK, Contact101);

        Contact? contact = await wire.Contacts.GetAsync("101");

        Assert.NotNull(contact);
        JsonElement properties = contact.Raw.GetProperty("properties");
        Assert.Equal("101", properties.GetProperty("hs_object_id").GetString());
        Assert.Equal(JsonValueKind.Null, properties.GetProperty("martech_sms_consent").ValueKind);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), contact.Raw.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(contact.Raw.GetProperty("archived").GetBoolean());
        Assert.Equal("CRM_UI", contact.Raw.GetProperty("propertiesWithHistory").GetProperty("email")[0].GetProperty("sourceType").GetString());
        Assert.False(contact.Raw.TryGetProperty("new", out _));
    }

    [Fact]
    public async Task LeadGetAsync_RawIsTheLeadObjectNotItsContact()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/leads/9001?{LeadQuery}&associations=contacts").RespondJson(HttpStatusCode.OK, Lead9001);
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + PersonQuery).RespondJson(HttpStatusCode.OK, Contact101);

        Lead? lead = await wire.Leads.GetAsync("9001");

        Assert.NotNull(lead);
        Assert.Equal("9001", lead.Raw.GetProperty("id").GetString());
        Assert.Equal("lead-pipeline-id", lead.Raw.GetProperty("properties").GetProperty("hs_pipeline").GetString());
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 5, 0, TimeSpan.Zero), lead.Raw.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal("lead_to_contact", lead.Raw.GetProperty("associations").GetProperty("contacts").GetProperty("results")[0].GetProperty("type").GetString());
    }
}
