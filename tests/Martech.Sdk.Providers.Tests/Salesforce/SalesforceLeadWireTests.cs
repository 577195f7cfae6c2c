using System.Net;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Salesforce.SalesforceWire;

namespace Martech.Sdk.Providers.Tests.Salesforce;

public sealed class SalesforceLeadWireTests
{
    private const string LeadId = "00Q5E0000000001AAA";
    private const string Select = "SELECT FIELDS(STANDARD), Score__c FROM Lead";

    [Fact]
    public async Task CreateAsync_PostsMappedFieldsWithDefaultsThenReadsBack()
    {
        await using var wire = Create(o => o.LeadScoreField = "Score__c");
        wire.Mock.Expect(HttpMethod.Post, $"{Data}/sobjects/Lead/")
            .WithJsonBody("""{"Email":"ada@example.com","Phone":"+442079460958","FirstName":"Ada","Title":"Webinar: pricing","LeadSource":"webinar","Score__c":40,"Status":"Open - Not Contacted","LastName":"[not provided]","Company":"[not provided]"}""")
            .Respond(HttpStatusCode.Created, "application/json", $$"""{"id":"{{LeadId}}","success":true,"errors":[]}""");
        ExpectLeadDescribe(wire);
        wire.ExpectQuery($"{Select} WHERE Id = '{LeadId}' LIMIT 1").Respond("application/json", QueryResult(LeadRecord("Open - Not Contacted")));

        Lead created = await wire.Leads.CreateAsync(new Lead
        {
            ContactId = "0035E0000000001AAA",
            Email = EmailAddress.Parse("ada@example.com"),
            Phone = PhoneNumber.Parse("+44 20 7946 0958"),
            FirstName = "Ada",
            Title = "Webinar: pricing",
            Source = "webinar",
            Score = 40,
        });

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal((LeadId, LeadStatus.New, 40, "Acme", "0035E0000000009AAA"), (created.Id, created.Status, created.Score, created.Company, created.ContactId));
        Assert.Equal("Hot", created.CustomFields.GetString("Rating"));
    }

    [Fact]
    public async Task UpdateAsync_PatchesOnlyWhatIsSet_StatusThroughTheMap()
    {
        await using var wire = Create(o => o.LeadScoreField = "Score__c");
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Lead/{LeadId}")
            .WithJsonBody("""{"Status":"Working - Contacted","Score__c":80}""")
            .Respond(HttpStatusCode.NoContent);
        ExpectLeadDescribe(wire);
        wire.ExpectQuery($"{Select} WHERE Id = '{LeadId}' LIMIT 1").Respond("application/json", QueryResult(LeadRecord("Working - Contacted")));

        Lead updated = await wire.Leads.UpdateAsync(new Lead { Id = LeadId, Status = LeadStatus.Working, Score = 80 });

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal(LeadStatus.Working, updated.Status);
    }

    [Fact]
    public async Task ListAsync_StatusFilter_MappedPicklistValueInSoql()
    {
        await using var wire = Create(o =>
        {
            o.LeadScoreField = "Score__c";
            o.LeadStatusMap = new Dictionary<string, string> { ["qualified"] = "Sales Qualified" };
        });
        ExpectLeadDescribe(wire);
        wire.ExpectQuery($"{Select} WHERE Status = 'Sales Qualified' ORDER BY Id").Respond("application/json", QueryResult(LeadRecord("Sales Qualified"), LeadRecord("Brand New Status")));

        var leads = await ReadAllAsync(wire.Leads.ListAsync(new LeadListOptions { Status = LeadStatus.Qualified }));

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal(LeadStatus.Qualified, leads[0].Status);

        // A picklist value the map does not know is kept as it is.
        Assert.Equal("Brand New Status", leads[1].Status?.Value);
    }

    [Fact]
    public async Task ConvertAsync_NotSupported_NoCall()
    {
        await using var wire = Create(expectToken: false);

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => wire.Leads.ConvertAsync(LeadId));

        Assert.Contains("no lead-conversion resource", ex.Message, StringComparison.Ordinal);
        wire.Mock.VerifyNoOutstandingRequest();
    }

    [Fact]
    public async Task CreateAsync_WithId_ArgumentExceptionNoCall()
    {
        await using var wire = Create(expectToken: false);

        await Assert.ThrowsAsync<ArgumentException>(() => wire.Leads.CreateAsync(new Lead { Id = LeadId }));

        wire.Mock.VerifyNoOutstandingRequest();
    }

    private static void ExpectLeadDescribe(SalesforceWire wire) => wire.ExpectDescribe(
        "Lead",
        ("Id", false, false, false),
        ("LastName", false, true, true),
        ("Company", false, true, true),
        ("Status", false, true, true),
        ("Rating", false, true, true),
        ("Score__c", true, true, true));

    private static string LeadRecord(string status) =>
        $$"""{"attributes":{"type":"Lead"},"Id":"{{LeadId}}","Email":"ada@example.com","LastName":"Lovelace","Company":"Acme","Status":"{{status}}","Rating":"Hot","Score__c":{{(status == "Open - Not Contacted" ? "40.0" : "80")}},"ConvertedContactId":"0035E0000000009AAA","CreatedDate":"2025-03-01T12:30:00.000+0000"}""";

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> source)
    {
        var all = new List<T>();
        await foreach (T item in source)
        {
            all.Add(item);
        }

        return all;
    }
}
