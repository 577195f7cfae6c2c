using System.Net;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>The exact requests the HubSpot lead client sends: leads associated with a contact (type 578), person data
/// read from and written to that contact, and listings with one contact batch read per page.</summary>
public sealed class HubSpotLeadClientWireTests
{
    private const string LeadQuery = "properties=hs_createdate,hs_lastmodifieddate,hs_lead_label,hs_lead_name,hubspot_owner_id,martech_lead_score,martech_lead_source";
    private const string PersonQuery = "properties=company,email,firstname,lastname,phone";
    private const string Association = """[{"to":{"id":"101"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":578}]}]""";

    private const string AdaContact = """
        {"id":"101","properties":{"company":"Analytical Engines","email":"ada@example.com","firstname":"Ada","lastname":"Lovelace","phone":"+442079460958"}}
        """;

    private static string Lead(string id, string status = "new", string extra = "") => $$"""
        {"id":"{{id}}","properties":{"hs_lead_name":"Webinar: Ada Lovelace","hs_lead_label":"{{status}}","martech_lead_source":"webinar","martech_lead_score":"40",
          "hubspot_owner_id":"9001","hs_object_id":"{{id}}","hs_createdate":"2024-05-01T09:00:00.000Z","hs_lastmodifieddate":"2024-05-01T09:05:00.000Z","budget_band":"50k"{{extra}} },
         "createdAt":"2024-05-01T09:00:00.000Z","updatedAt":"2024-05-01T09:05:00.000Z","archived":false,
         "associations":{"contacts":{"results":[{"id":"101","type":"lead_to_contact"}]} } }
        """;

    [Fact]
    public async Task CreateAsync_WithContactIdAndPersonFields_WritesOnlyChangedPersonDataThenCreatesAssociatedLead()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + PersonQuery)
            .RespondJson(HttpStatusCode.OK, AdaContact.Replace("Analytical Engines", "Old Co", StringComparison.Ordinal));
        wire.Expect(HttpMethod.Patch, "crm/v3/objects/contacts/101", """{"properties":{"company":"Analytical Engines"}}""")
            .RespondJson(HttpStatusCode.OK, AdaContact);
        wire.Expect(HttpMethod.Post, "crm/v3/objects/leads", $$"""
            {"properties":{"hs_lead_name":"Webinar: Ada Lovelace","hs_lead_label":"new","martech_lead_source":"webinar","budget_band":"50k"},
             "associations":{{Association}}}
            """).RespondJson(HttpStatusCode.Created, Lead("9001"));
        var lead = new Lead
        {
            ContactId = "101",
            Email = EmailAddress.Parse("ADA@example.com"),
            Phone = PhoneNumber.Parse("+44 20 7946 0958"),
            FirstName = "Ada",
            LastName = "Lovelace",
            Company = "Analytical Engines",
            Title = "Webinar: Ada Lovelace",
            Source = "webinar",
        };
        lead.CustomFields.Set("budget_band", "50k");

        Lead created = await wire.Leads.CreateAsync(lead);

        wire.Verify();
        Assert.Equal(("9001", "101"), (created.Id, created.ContactId));
        Assert.Equal(LeadStatus.New, created.Status);
        Assert.Equal((EmailAddress.Parse("ada@example.com"), "Ada", "Analytical Engines"), (created.Email, created.FirstName, created.Company));
        Assert.Equal(PhoneNumber.Parse("+442079460958"), created.Phone);
        Assert.Equal(("webinar", 40, "9001"), (created.Source, created.Score, created.OwnerId));
        Assert.Equal("50k", created.CustomFields.GetString("budget_band"));
    }

    [Fact]
    public async Task CreateAsync_EmailOnly_UpsertsContactByEmailAndNamesLeadAfterIt()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"id":"ada@example.com","idProperty":"email","properties":{"email":"ada@example.com","firstname":"Ada","lastname":"Lovelace"}}]}""")
            .RespondJson(HttpStatusCode.OK, $$"""{"status":"COMPLETE","results":[{{AdaContact.Replace("\"id\":\"101\"", "\"id\":\"101\",\"new\":true", StringComparison.Ordinal)}}]}""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/leads", $$"""{"properties":{"hs_lead_name":"Ada Lovelace","hs_lead_label":"working"},"associations":{{Association}}}""")
            .RespondJson(HttpStatusCode.Created, Lead("9001", "working"));

        Lead created = await wire.Leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@example.com"), FirstName = "Ada", LastName = "Lovelace", Status = LeadStatus.Working });

        wire.Verify();
        Assert.Equal(LeadStatus.Working, created.Status);
        Assert.Equal("101", created.ContactId);
    }

    [Fact]
    public async Task CreateAsync_ContactIdOnly_ReadsContactForPersonData()
    {
        await using var wire = new HubSpotWire(o =>
        {
            o.LeadContactAssociationTypeId = 1234;
            o.LeadContactAssociationCategory = "USER_DEFINED";
        });
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + PersonQuery).RespondJson(HttpStatusCode.OK, AdaContact);
        wire.Expect(HttpMethod.Post, "crm/v3/objects/leads", """
            {"properties":{"hs_lead_name":"Ada Lovelace","hs_lead_label":"new"},
             "associations":[{"to":{"id":"101"},"types":[{"associationCategory":"USER_DEFINED","associationTypeId":1234}]}]}
            """).RespondJson(HttpStatusCode.Created, Lead("9001"));

        Lead created = await wire.Leads.CreateAsync(new Lead { ContactId = "101" });

        wire.Verify();
        Assert.Equal(EmailAddress.Parse("ada@example.com"), created.Email);
    }

    [Fact]
    public async Task CreateAsync_NoContactNoEmailOrUnstorableMember_ThrowsBeforeAnyRequest()
    {
        await using var wire = new HubSpotWire(o => o.LeadProperties.Score = "");

        var noContact = await Assert.ThrowsAsync<ArgumentException>(() => wire.Leads.CreateAsync(new Lead { FirstName = "Ada" }));
        var score = await Assert.ThrowsAsync<ArgumentException>(() => wire.Leads.CreateAsync(new Lead { ContactId = "101", Score = 10 }));
        await Assert.ThrowsAsync<ArgumentException>(() => wire.Leads.CreateAsync(new Lead { Id = "1", ContactId = "101" }));

        Assert.Contains("associated with a contact", noContact.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:HubSpot:LeadProperties:Score", score.Message, StringComparison.Ordinal);
        wire.Verify();
    }

    [Fact]
    public async Task GetAsync_ReadsLeadWithAssociationsThenItsContact()
    {
        await using var wire = new HubSpotWire(o => o.LeadStatusValues = new Dictionary<string, string> { ["working"] = "ATTEMPTING" });
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/leads/9001?{LeadQuery}&associations=contacts").RespondJson(HttpStatusCode.OK, Lead("9001", "ATTEMPTING"));
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + PersonQuery).RespondJson(HttpStatusCode.OK, AdaContact);

        Lead? lead = await wire.Leads.GetAsync("9001");

        wire.Verify();
        Assert.NotNull(lead);
        Assert.Equal(LeadStatus.Working, lead.Status);
        Assert.Equal(("Webinar: Ada Lovelace", "Lovelace"), (lead.Title, lead.LastName));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 5, 0, TimeSpan.Zero), lead.UpdatedAt);
    }

    [Fact]
    public async Task GetAsync_UnknownLead_ReturnsNull()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/leads/1?{LeadQuery}&associations=contacts").Respond(HttpStatusCode.NotFound);

        Assert.Null(await wire.Leads.GetAsync("1"));
    }

    [Fact]
    public async Task ListAsync_ThreePages_ReadsContactsOncePerPageAndFiltersStatus()
    {
        await using var wire = new HubSpotWire();
        string ListUri(string? after) => $"crm/v3/objects/leads?limit=2{(after is null ? "" : "&after=" + after)}&{LeadQuery}&associations=contacts";
        const string ReadContacts = """{"inputs":[{"id":"101"}],"properties":["company","email","firstname","lastname","phone"]}""";
        wire.Expect(HttpMethod.Get, ListUri(null)).RespondJson(HttpStatusCode.OK, $$"""{"results":[{{Lead("1")}},{{Lead("2", "working")}}],"paging":{"next":{"after":"Mg%3D%3D"} } }""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/read", ReadContacts).RespondJson(HttpStatusCode.OK, $$"""{"status":"COMPLETE","results":[{{AdaContact}}]}""");
        wire.Expect(HttpMethod.Get, ListUri("Mg%3D%3D")).RespondJson(HttpStatusCode.OK, $$"""{"results":[{{Lead("3")}},{{Lead("4")}}],"paging":{"next":{"after":"NA%3D%3D"} } }""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/read", ReadContacts).RespondJson(HttpStatusCode.OK, $$"""{"status":"COMPLETE","results":[{{AdaContact}}]}""");
        wire.Expect(HttpMethod.Get, ListUri("NA%3D%3D")).RespondJson(HttpStatusCode.OK, $$"""{"results":[{{Lead("5", "working")}}]}""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/read", ReadContacts).RespondJson(HttpStatusCode.OK, $$"""{"status":"COMPLETE","results":[{{AdaContact}}]}""");

        var pages = new List<Page<Lead>>();
        await foreach (Page<Lead> page in wire.Leads.ListAsync(new LeadListOptions { PageSize = 2, Status = LeadStatus.Working }).AsPages())
        {
            pages.Add(page);
        }

        wire.Verify();
        Assert.Equal([["2"], [], ["5"]], pages.Select(p => p.Items.Select(l => l.Id!).ToArray()));
        Assert.Equal(["Mg%3D%3D", "NA%3D%3D", null], pages.Select(p => p.ContinuationToken));
        Assert.All(pages.SelectMany(p => p.Items), l => Assert.Equal(EmailAddress.Parse("ada@example.com"), l.Email));
    }

    [Fact]
    public async Task UpdateAsync_LeadMembers_PatchesLeadThenReadsItBack()
    {
        await using var wire = new HubSpotWire(o => o.LeadStatusValues = new Dictionary<string, string> { ["Qualified"] = "QUALIFIED_STAGE" });
        wire.Expect(HttpMethod.Patch, "crm/v3/objects/leads/9001", """{"properties":{"hs_lead_label":"QUALIFIED_STAGE","martech_lead_score":"80"}}""")
            .RespondJson(HttpStatusCode.OK, Lead("9001", "QUALIFIED_STAGE"));
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/leads/9001?{LeadQuery}&associations=contacts").RespondJson(HttpStatusCode.OK, Lead("9001", "QUALIFIED_STAGE"));
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + PersonQuery).RespondJson(HttpStatusCode.OK, AdaContact);

        Lead updated = await wire.Leads.UpdateAsync(new Lead { Id = "9001", Status = LeadStatus.Qualified, Score = 80 });

        wire.Verify();
        Assert.Equal(LeadStatus.Qualified, updated.Status);
    }

    [Fact]
    public async Task UpdateAsync_PersonFields_GoToTheLeadsOwnContact()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/leads/9001?{LeadQuery}&associations=contacts").RespondJson(HttpStatusCode.OK, Lead("9001"));
        wire.Expect(HttpMethod.Patch, "crm/v3/objects/leads/9001", """{"properties":{}}""").RespondJson(HttpStatusCode.OK, Lead("9001"));
        wire.Expect(HttpMethod.Patch, "crm/v3/objects/contacts/101", """{"properties":{"company":"Babbage & Co"}}""").RespondJson(HttpStatusCode.OK, AdaContact);
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/leads/9001?{LeadQuery}&associations=contacts").RespondJson(HttpStatusCode.OK, Lead("9001"));
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + PersonQuery).RespondJson(HttpStatusCode.OK, AdaContact.Replace("Analytical Engines", "Babbage & Co", StringComparison.Ordinal));

        Lead updated = await wire.Leads.UpdateAsync(new Lead { Id = "9001", Company = "Babbage & Co" });

        wire.Verify();
        Assert.Equal("Babbage & Co", updated.Company);
    }

    [Fact]
    public async Task UpdateAsync_AnotherContactId_NotSupportedBeforeAnyWrite()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/leads/9001?{LeadQuery}&associations=contacts").RespondJson(HttpStatusCode.OK, Lead("9001"));

        await Assert.ThrowsAsync<NotSupportedException>(() => wire.Leads.UpdateAsync(new Lead { Id = "9001", ContactId = "202", FirstName = "Grace" }));

        wire.Verify();
    }

    [Fact]
    public async Task UpdateAsync_UnknownLead_ThrowsNotFound()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Patch, "crm/v3/objects/leads/1", """{"properties":{"martech_lead_score":"5"}}""").RespondJson(HttpStatusCode.NotFound,
            """{"status":"error","message":"resource not found","correlationId":"6d7a3f44-0000-0000-0000-000000000001","category":"OBJECT_NOT_FOUND"}""");

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => wire.Leads.UpdateAsync(new Lead { Id = "1", Score = 5 }));

        Assert.Equal("OBJECT_NOT_FOUND", ex.ErrorCode);
    }

    [Fact]
    public async Task ConvertAsync_Always_NotSupportedWithoutRequest()
    {
        await using var wire = new HubSpotWire();

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => wire.Leads.ConvertAsync("9001"));

        Assert.Contains("no lead conversion API", ex.Message, StringComparison.Ordinal);
        wire.Verify();
    }
}
