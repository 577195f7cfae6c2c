using System.Text.Json;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Salesforce.SalesforceWire;

namespace Martech.Sdk.Providers.Tests.Salesforce;

/// <summary><c>Raw</c> of Salesforce records: each record of the query answer exactly as received.</summary>
public sealed class SalesforceRawJsonWireTests
{
    private const string AdaId = "0035E0000000001AAA";
    private const string LeadId = "00Q5E0000000001AAA";
    private const string CampaignId = "7015E0000000001AAA";

    [Fact]
    public async Task ContactGetAsync_RawIsTheRecordExactlyAsReceived()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        string record = ContactRecord(AdaId, "ada@example.com", "\"Favourite_Colour__c\":\"caf\\u00e9 teal\"", "Analytical Engines");
        wire.ExpectQuery($"SELECT FIELDS(STANDARD), Favourite_Colour__c, Account.Name FROM Contact WHERE Id = '{AdaId}' LIMIT 1")
            .Respond("application/json", QueryResult(record));

        Contact? contact = await wire.Contacts.GetAsync(AdaId);

        Assert.NotNull(contact);
        Assert.Equal(record, contact.Raw.GetRawText());
        Assert.Equal("Contact", contact.Raw.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal("Analytical Engines", contact.Raw.GetProperty("Account").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task LeadGetAsync_RawKeepsTheAttributesTheSdkDoesNotMap()
    {
        await using var wire = Create();
        wire.ExpectDescribe("Lead", ("Id", false, false, false), ("LastName", false, true, true), ("Company", false, true, true), ("Status", false, true, true));
        string record = $$"""{"attributes":{"type":"Lead","url":"/services/data/v62.0/sobjects/Lead/{{LeadId}}"},"Id":"{{LeadId}}","LastName":"Lovelace","Company":"Acme","Status":"Working - Contacted","IsUnreadByOwner":true}""";
        wire.ExpectQuery($"SELECT FIELDS(STANDARD) FROM Lead WHERE Id = '{LeadId}' LIMIT 1").Respond("application/json", QueryResult(record));

        Lead? lead = await wire.Leads.GetAsync(LeadId);

        Assert.NotNull(lead);
        Assert.Equal(record, lead.Raw.GetRawText());
        Assert.Equal("/services/data/v62.0/sobjects/Lead/" + LeadId, lead.Raw.GetProperty("attributes").GetProperty("url").GetString());
        Assert.False(lead.CustomFields.ContainsKey("attributes"));
    }

    [Fact]
    public async Task CampaignGetAsync_RawIsTheRecord()
    {
        await using var wire = Create();
        wire.ExpectDescribe("Campaign", ("Id", false, false, false), ("Name", false, true, true));
        string record = $$"""{"attributes":{"type":"Campaign"},"Id":"{{CampaignId}}","Name":"Spring launch","Status":"Planned","BudgetedCost":2500.5}""";
        wire.ExpectQuery($"SELECT FIELDS(STANDARD) FROM Campaign WHERE Id = '{CampaignId}' LIMIT 1").Respond("application/json", QueryResult(record));

        Campaign? campaign = await wire.Campaigns.GetAsync(CampaignId);

        Assert.NotNull(campaign);
        Assert.Equal(JsonValueKind.Object, campaign.Raw.ValueKind);
        Assert.Equal("Campaign", campaign.Raw.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(2500.5m, campaign.Raw.GetProperty("BudgetedCost").GetDecimal());
    }
}
