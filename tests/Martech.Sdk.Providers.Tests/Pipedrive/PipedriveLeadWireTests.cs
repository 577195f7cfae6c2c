using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Pipedrive.PipedriveWire;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

/// <summary>The exact requests the Pipedrive lead client sends and how it reads Pipedrive's documented answers.</summary>
public sealed class PipedriveLeadWireTests : IDisposable
{
    private const string LeadId = "adf21080-0e10-11eb-879b-05d71fb426ec";
    private readonly MockHttpMessageHandler _mock = NewMock();
    private readonly ServiceProvider _services;

    public PipedriveLeadWireTests()
    {
        _services = Build(_mock);
    }

    private ILeadClient Client => _services.GetRequiredKeyedService<ILeadClient>("Pipedrive");

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }

    [Fact]
    public async Task CreateAsync_WithEmail_CreatesThePersonThenPostsTheLead()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/search").WithExactQueryString("term=ada%40example.com&fields=email&exact_match=true").RespondJson(Ok("""{ "items": [] }"""));
        _mock.Expect(HttpMethod.Post, V2 + "persons").WithJson($$"""
            { "name": "Ada Lovelace", "emails": [ { "value": "ada@example.com", "primary": true, "label": "work" } ], "custom_fields": { "{{CompanyKey}}": "Analytical Engines" } }
            """).RespondJson(Ok(Person()), HttpStatusCode.Created);
        _mock.Expect(HttpMethod.Post, V1 + "leads").WithHeaders("x-api-token", Token).WithJson($$"""
            { "title": "Webinar: Ada", "person_id": 42, "{{LeadStatusKey}}": "new", "{{LeadSourceKey}}": "webinar", "{{LeadScoreKey}}": 40, "{{BudgetKey}}": "50k-100k" }
            """).RespondJson(Ok(Lead(LeadId, status: "new")), HttpStatusCode.Created);
        var lead = new Lead
        {
            Email = EmailAddress.Parse("ada@example.com"),
            FirstName = "Ada",
            LastName = "Lovelace",
            Company = "Analytical Engines",
            Title = "Webinar: Ada",
            Source = "webinar",
            Score = 40,
        };
        lead.CustomFields.Set("Budget band", "50k-100k");

        Lead created = await Client.CreateAsync(lead);

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(LeadId, created.Id);
        Assert.Equal("42", created.ContactId);
        Assert.Equal(LeadStatus.New, created.Status);
        Assert.Equal(("webinar", 40), (created.Source, created.Score));
        Assert.Equal(EmailAddress.Parse("ada@example.com"), created.Email);
        Assert.Equal(("Ada", "Lovelace", "Analytical Engines"), (created.FirstName, created.LastName, created.Company));
        Assert.Equal("50k-100k", created.CustomFields.GetString("Budget band"));
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 8, 0, 0, TimeSpan.Zero), created.CreatedAt);
    }

    [Fact]
    public async Task CreateAsync_NoContactIdNoEmail_ThrowsArgumentExceptionBeforeAnyCall()
    {
        var any = _mock.When("*").Respond(HttpStatusCode.OK);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.CreateAsync(new Lead { FirstName = "Ada" }));

        Assert.Contains("Lead.ContactId", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task GetAsync_ReadsTheLeadAndItsPerson()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V1 + "leads/" + LeadId).WithHeaders("x-api-token", Token).RespondJson(Ok(Lead(LeadId)));
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").WithExactQueryString("include_fields=marketing_status").RespondJson(Ok(Person()));

        Lead? lead = await Client.GetAsync(LeadId.ToUpperInvariant());

        _mock.VerifyNoOutstandingExpectation();
        Assert.NotNull(lead);
        Assert.Equal(LeadStatus.Working, lead.Status);
        Assert.Equal(("Webinar: Ada", "5", "42"), (lead.Title, lead.OwnerId, lead.ContactId));
        Assert.Equal(EmailAddress.Parse("ada@example.com"), lead.Email);
        Assert.Equal(PhoneNumber.Parse("+442079460958"), lead.Phone);
        Assert.Equal(["Budget band"], lead.CustomFields.Keys);
    }

    [Fact]
    public async Task GetAsync_NotFound_ReturnsNull()
    {
        _mock.Expect(HttpMethod.Get, V1 + "leads/" + LeadId).RespondJson(Fail("Lead not found", 404), HttpStatusCode.NotFound);

        Assert.Null(await Client.GetAsync(LeadId));
    }

    [Fact]
    public async Task GetAsync_IdNotAUuid_ThrowsArgumentException()
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.GetAsync("12345"));

        Assert.Contains("UUID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_ThreePages_PagesByStartAndLimitAndReadsPersonsInBatches()
    {
        using var mock = NewMock();
        mock.WhenFields();
        string[] ids = [.. Enumerable.Range(1, 5).Select(i => $"00000000-0000-4000-8000-00000000000{i}")];
        mock.Expect(HttpMethod.Get, V1 + "leads").WithExactQueryString("start=0&limit=2")
            .RespondJson(Ok($"[{Lead(ids[0], 1)},{Lead(ids[1], 2)}]", """{ "pagination": { "start": 0, "limit": 2, "more_items_in_collection": true, "next_start": 2 } }"""));
        mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("ids=1,2&limit=100&include_fields=marketing_status")
            .RespondJson(Ok($"[{Person(1, email: "a@example.com")},{Person(2, email: "b@example.com")}]", """{ "next_cursor": null }"""));
        mock.Expect(HttpMethod.Get, V1 + "leads").WithExactQueryString("start=2&limit=2")
            .RespondJson(Ok($"[{Lead(ids[2], 3)},{Lead(ids[3], 3)}]", """{ "pagination": { "start": 2, "limit": 2, "more_items_in_collection": true, "next_start": 4 } }"""));
        mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("ids=3&limit=100&include_fields=marketing_status")
            .RespondJson(Ok($"[{Person(3, email: "c@example.com")}]", """{ "next_cursor": null }"""));
        mock.Expect(HttpMethod.Get, V1 + "leads").WithExactQueryString("start=4&limit=2")
            .RespondJson(Ok($"[{Lead(ids[4], 99)}]", """{ "pagination": { "start": 4, "limit": 2, "more_items_in_collection": false } }"""));
        mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("ids=99&limit=100&include_fields=marketing_status")
            .RespondJson(Ok("[]", """{ "next_cursor": null }"""));
        using ServiceProvider services = Build(mock, o => o.IncludeArchivedLeads = false);

        var pages = new List<Page<Lead>>();
        await foreach (Page<Lead> page in services.GetRequiredKeyedService<ILeadClient>("Pipedrive").ListAsync(new LeadListOptions { PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(["leads:active:2", "leads:active:4", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal(ids, pages.SelectMany(p => p.Items).Select(l => l.Id));
        Lead[] leads = [.. pages.SelectMany(p => p.Items)];
        Assert.Equal(EmailAddress.Parse("c@example.com"), leads[3].Email);
        Assert.Null(leads[4].Email);
        Assert.Equal("99", leads[4].ContactId);
    }

    [Fact]
    public async Task ListAsync_AfterActiveLeads_ListsArchivedLeads()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V1 + "leads").WithExactQueryString("start=0&limit=100")
            .RespondJson(Ok("null", """{ "pagination": { "start": 0, "limit": 100, "more_items_in_collection": false } }"""));
        _mock.Expect(HttpMethod.Get, V1 + "leads/archived").WithExactQueryString("start=0&limit=100")
            .RespondJson(Ok($"[{Lead(LeadId, 42, status: "converted")}]", """{ "pagination": { "start": 0, "limit": 100, "more_items_in_collection": false } }"""));
        _mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("ids=42&limit=100&include_fields=marketing_status").RespondJson(Ok($"[{Person()}]"));

        var leads = new List<Lead>();
        await foreach (Lead lead in Client.ListAsync())
        {
            leads.Add(lead);
        }

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(LeadStatus.Converted, Assert.Single(leads).Status);
    }

    [Fact]
    public async Task UpdateAsync_PatchesOnlyWhatTheLeadSets()
    {
        _mock.WhenFields();
        _mock.Expect(new HttpMethod("PATCH"), V1 + "leads/" + LeadId).WithJson($$"""
            { "title": "Pricing deep dive", "{{LeadStatusKey}}": "working", "{{LeadScoreKey}}": 80 }
            """).RespondJson(Ok(Lead(LeadId, title: "Pricing deep dive")));
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson(Ok(Person()));

        Lead updated = await Client.UpdateAsync(new Lead { Id = LeadId, Title = "Pricing deep dive", Status = LeadStatus.Working, Score = 80 });

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("Pricing deep dive", updated.Title);
        Assert.Equal("Ada", updated.FirstName);
    }

    [Fact]
    public async Task UpdateAsync_UnknownLead_ThrowsNotFound()
    {
        _mock.WhenFields();
        _mock.Expect(new HttpMethod("PATCH"), V1 + "leads/" + LeadId).RespondJson(Fail("Lead not found", 404), HttpStatusCode.NotFound);

        await Assert.ThrowsAsync<MartechNotFoundException>(() => Client.UpdateAsync(new Lead { Id = LeadId, Title = "x" }));
    }

    [Fact]
    public async Task ConvertAsync_CreateDeal_StartsTheJobAndPollsItsStatus()
    {
        const string conversionId = "5ab4a0a4-0d48-4a8b-9a8f-0c1f1e1d1c1b";
        _mock.Expect(HttpMethod.Get, V1 + "leads/" + LeadId).RespondJson(Ok(Lead(LeadId)));
        _mock.Expect(HttpMethod.Post, V2 + $"leads/{LeadId}/convert/deal").WithHeaders("x-api-token", Token).WithJson("{}")
            .RespondJson(Ok($$"""{ "conversion_id": "{{conversionId}}" }"""));
        _mock.Expect(HttpMethod.Get, V2 + $"leads/{LeadId}/convert/status/{conversionId}")
            .RespondJson(Ok($$"""{ "conversion_id": "{{conversionId}}", "status": "running" }"""));
        _mock.Expect(HttpMethod.Get, V2 + $"leads/{LeadId}/convert/status/{conversionId}")
            .RespondJson(Ok($$"""{ "conversion_id": "{{conversionId}}", "status": "completed", "deal_id": 55 }"""));

        LeadConversionResult result = await Client.ConvertAsync(LeadId, new LeadConversionOptions { CreateDeal = true });

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(new LeadConversionResult(LeadId, "42", "55"), result);
    }

    [Fact]
    public async Task ConvertAsync_WithoutDeal_MarksConvertedAndArchives()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V1 + "leads/" + LeadId).RespondJson(Ok(Lead(LeadId)));
        _mock.Expect(new HttpMethod("PATCH"), V1 + "leads/" + LeadId).WithJson($$"""{ "is_archived": true, "{{LeadStatusKey}}": "converted", "person_id": 7 }""")
            .RespondJson(Ok(Lead(LeadId, 7, status: "converted")));

        LeadConversionResult result = await Client.ConvertAsync(LeadId, new LeadConversionOptions { ExistingContactId = "7" });

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(new LeadConversionResult(LeadId, "7"), result);
    }

    [Fact]
    public async Task ConvertAsync_AlreadyConverted_ThrowsConflictWithoutWriting()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V1 + "leads/" + LeadId).RespondJson(Ok(Lead(LeadId, status: "converted")));
        var patch = _mock.When(new HttpMethod("PATCH"), "*").Respond(HttpStatusCode.OK);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Client.ConvertAsync(LeadId));

        Assert.Equal(("LEAD_ALREADY_CONVERTED", HttpStatusCode.Conflict), (ex.ErrorCode, ex.StatusCode));
        Assert.Equal(0, _mock.GetMatchCount(patch));
    }
}
