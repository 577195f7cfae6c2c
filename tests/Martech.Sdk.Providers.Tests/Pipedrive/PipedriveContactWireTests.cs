using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Pipedrive.PipedriveWire;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

/// <summary>The exact requests the Pipedrive contact client sends and how it reads Pipedrive's documented answers.</summary>
public sealed class PipedriveContactWireTests : IDisposable
{
    private readonly MockHttpMessageHandler _mock = NewMock();
    private readonly ServiceProvider _services;

    public PipedriveContactWireTests()
    {
        _services = Build(_mock);
    }

    private IContactClient Client => _services.GetRequiredKeyedService<IContactClient>("Pipedrive");

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }

    [Fact]
    public async Task GetAsync_ExistingPerson_SendsTokenHeaderAndMapsEveryField()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").WithExactQueryString("include_fields=marketing_status").WithHeaders("x-api-token", Token).RespondJson(Ok(Person()));

        Contact? contact = await Client.GetAsync("42");

        _mock.VerifyNoOutstandingExpectation();
        Assert.NotNull(contact);
        Assert.Equal("42", contact.Id);
        Assert.Equal(EmailAddress.Parse("ada@example.com"), contact.Email);
        Assert.Equal(PhoneNumber.Parse("+442079460958"), contact.Phone);
        Assert.Equal(("Ada", "Lovelace"), (contact.FirstName, contact.LastName));
        Assert.Equal("Analytical Engines", contact.Company);
        Assert.Null(contact.JobTitle);
        Assert.Equal(LifecycleStage.Lead, contact.LifecycleStage);
        Assert.Equal(ConsentStatus.Granted, contact.EmailConsent?.Status);
        Assert.Equal(ConsentStatus.Denied, contact.SmsConsent?.Status);
        Assert.Equal("5", contact.OwnerId);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 30, 0, TimeSpan.Zero), contact.CreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 0, 0, TimeSpan.Zero), contact.UpdatedAt);

        // Custom fields read under their Pipedrive names; an unknown hash keeps its key; named properties are not repeated.
        Assert.Equal(["Favourite colour", UnknownKey], contact.CustomFields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("teal", contact.CustomFields.GetString("Favourite colour"));
        Assert.True(contact.CustomFields.TryGetInt64(UnknownKey, out long unknown) && unknown == 17);
        Assert.Equal(3, contact.Raw.GetProperty("visible_to").GetInt32());
    }

    [Fact]
    public async Task GetAsync_UnknownMarketingStatusAndNameOnlyEmail_KeepsStatusAndLeavesNamesEmpty()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson(Ok(Person(name: "ada@example.com", first: "ada@example.com", last: "", marketing: "archived")));

        Contact? contact = await Client.GetAsync("42");

        Assert.Equal(new ConsentStatus("archived"), contact?.EmailConsent?.Status);
        Assert.False(contact?.EmailConsent?.AllowsMarketing);
        Assert.Equal((null, null), (contact?.FirstName, contact?.LastName));
    }

    [Fact]
    public async Task GetAsync_NotFound_ReturnsNull()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/999").RespondJson(Fail("Person not found", 404), HttpStatusCode.NotFound);

        Assert.Null(await Client.GetAsync("999"));
        _mock.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-4")]
    [InlineData("1.5")]
    public async Task GetAsync_IdNotAPersonId_ThrowsArgumentExceptionBeforeAnyCall(string id)
    {
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.GetAsync(id));

        Assert.Equal("id", ex.ParamName);
        Assert.Contains("person id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindByEmailAsync_SearchesExactEmailThenReadsThePerson()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/search").WithExactQueryString("term=ada%40example.com&fields=email&exact_match=true").WithHeaders("x-api-token", Token)
            .RespondJson(Ok("""
                { "items": [
                  { "result_score": 0.9, "item": { "id": 50, "type": "person", "name": "Other Ada", "phones": [], "emails": ["ada@example.com.au"], "visible_to": 3, "owner": { "id": 5 }, "organization": null, "custom_fields": [], "notes": [] } },
                  { "result_score": 1.0, "item": { "id": 42, "type": "person", "name": "Ada Lovelace", "phones": ["+442079460958"], "emails": ["Ada@Example.com"], "visible_to": 3, "owner": { "id": 5 }, "organization": null, "custom_fields": [], "notes": [] } }
                ] }
                """, """{ "next_cursor": null }"""));
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").WithExactQueryString("include_fields=marketing_status").RespondJson(Ok(Person()));

        Contact? contact = await Client.FindByEmailAsync(EmailAddress.Parse("ada@example.com"));

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("42", contact?.Id);
    }

    [Fact]
    public async Task UpsertAsync_NewEmail_SearchesThenPostsThePerson()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/search").WithExactQueryString("term=ada%40example.com&fields=email&exact_match=true")
            .RespondJson(Ok("""{ "items": [] }""", """{ "next_cursor": null }"""));
        _mock.Expect(HttpMethod.Post, V2 + "persons").WithHeaders("x-api-token", Token).WithJson($$"""
            {
              "name": "Ada Lovelace",
              "owner_id": 5,
              "emails": [ { "value": "ada@example.com", "primary": true, "label": "work" } ],
              "phones": [ { "value": "+442079460958", "primary": true, "label": "mobile" } ],
              "marketing_status": "subscribed",
              "custom_fields": { "{{CompanyKey}}": "Analytical Engines", "{{StageKey}}": 2, "{{SmsKey}}": "denied", "{{ColourKey}}": "teal" }
            }
            """).RespondJson(Ok(Person()), HttpStatusCode.Created);
        var contact = new Contact
        {
            Email = EmailAddress.Parse("ada@example.com"),
            Phone = PhoneNumber.Parse("+44 20 7946 0958"),
            FirstName = "Ada",
            LastName = "Lovelace",
            Company = "Analytical Engines",
            LifecycleStage = LifecycleStage.Lead,
            EmailConsent = Consent.Granted("webinar"),
            SmsConsent = Consent.Denied(),
            OwnerId = "5",
        };
        contact.CustomFields.Set("Favourite colour", "teal");

        var result = await Client.UpsertAsync(contact);

        _mock.VerifyNoOutstandingExpectation();
        Assert.True(result.Created);
        Assert.Equal("42", result.Value.Id);
        Assert.Equal("Analytical Engines", result.Value.Company);
    }

    [Fact]
    public async Task UpsertAsync_ExistingEmail_PatchesOnlyWhatChanged()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/search").RespondJson(Ok("""{ "items": [ { "result_score": 1, "item": { "id": 42, "name": "Ada Lovelace", "emails": ["ada@example.com"] } } ] }"""));
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson(Ok(Person()));
        _mock.Expect(new HttpMethod("PATCH"), V2 + "persons/42").WithJson($$"""
            {
              "name": "Augusta Lovelace",
              "phones": [ { "value": "+14155550100", "primary": true, "label": "mobile" } ],
              "custom_fields": { "{{JobTitleKey}}": "Analyst", "{{ColourKey}}": null }
            }
            """).RespondJson(Ok(Person(name: "Augusta Lovelace", first: "Augusta")));
        var contact = new Contact
        {
            Email = EmailAddress.Parse("ADA@example.com"),
            FirstName = "Augusta",
            Phone = PhoneNumber.Parse("+1 415 555 0100"),
            Company = "Analytical Engines",
            JobTitle = "Analyst",
            EmailConsent = Consent.Granted(),
        };
        contact.CustomFields.Set("Favourite colour", null);

        var result = await Client.UpsertAsync(contact);

        _mock.VerifyNoOutstandingExpectation();
        Assert.False(result.Created);
        Assert.Equal("Augusta", result.Value.FirstName);
    }

    [Fact]
    public async Task UpsertAsync_NewPrimaryEmail_KeepsTheOtherAddresses()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson(Ok(Person()));
        _mock.Expect(new HttpMethod("PATCH"), V2 + "persons/42").WithJson("""
            { "emails": [ { "value": "ada@newmail.example", "primary": true, "label": "work" }, { "value": "ada.private@example.org", "primary": false, "label": "home" } ] }
            """).RespondJson(Ok(Person(email: "ada@newmail.example")));

        var result = await Client.UpsertAsync(new Contact { Id = "42", Email = EmailAddress.Parse("ada@newmail.example") });

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal(EmailAddress.Parse("ada@newmail.example"), result.Value.Email);
    }

    [Fact]
    public async Task UpsertAsync_NothingChanged_SendsNoPatch()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson(Ok(Person()));
        var patch = _mock.When(new HttpMethod("PATCH"), "*").RespondJson(Ok(Person()));

        var result = await Client.UpsertAsync(new Contact { Id = "42", FirstName = "Ada", Company = "Analytical Engines", EmailConsent = Consent.Granted() });

        _mock.VerifyNoOutstandingExpectation();
        Assert.False(result.Created);
        Assert.Equal(0, _mock.GetMatchCount(patch));
    }

    [Fact]
    public async Task UpsertAsync_UnknownCustomField_ThrowsArgumentExceptionAndWritesNothing()
    {
        var fields = _mock.WhenFields();
        var contact = new Contact { Email = EmailAddress.Parse("ada@example.com") };
        contact.CustomFields.Set("Shoe size", 38L);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.UpsertAsync(contact));

        Assert.Contains("Shoe size", ex.Message, StringComparison.Ordinal);
        Assert.Equal("contact", ex.ParamName);
        Assert.Equal(1, _mock.GetMatchCount(fields));
    }

    [Fact]
    public async Task ListAsync_ThreePages_FollowsNextCursorAndIssuesResumableTokens()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("limit=2&include_fields=marketing_status")
            .RespondJson(Ok($"[{Person(1, email: "a@example.com")},{Person(2, email: "b@example.com")}]", """{ "next_cursor": "eyJpZCI6M30" }"""));
        _mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("limit=2&cursor=eyJpZCI6M30&include_fields=marketing_status")
            .RespondJson(Ok($"[{Person(3, email: "c@example.com")},{Person(4, email: "d@example.com")}]", """{ "next_cursor": "eyJpZCI6NX0" }"""));
        _mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("limit=2&cursor=eyJpZCI6NX0&include_fields=marketing_status")
            .RespondJson(Ok($"[{Person(5, email: "e@example.com")}]", """{ "next_cursor": null }"""));

        var pages = new List<Page<Contact>>();
        await foreach (Page<Contact> page in Client.ListAsync(new ContactListOptions { PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(["persons:eyJpZCI6M30", "persons:eyJpZCI6NX0", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal(["1", "2", "3", "4", "5"], pages.SelectMany(p => p.Items).Select(c => c.Id));
    }

    [Fact]
    public async Task ListAsync_UpdatedSinceAndStage_SendsRfc3339AndFiltersStageLocally()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons").WithExactQueryString("limit=500&updated_since=2024-05-01T00%3A00%3A00Z&include_fields=marketing_status")
            .RespondJson(Ok($"[{Person(1)},{Person(2).Replace("\"" + StageKey + "\": 2", "\"" + StageKey + "\": 3", StringComparison.Ordinal)}]", """{ "next_cursor": null }"""));

        var listed = await Client.ListAllAsync(new ContactListOptions
        {
            PageSize = 10_000,
            UpdatedSince = new DateTimeOffset(2024, 5, 1, 2, 0, 0, TimeSpan.FromHours(2)),
            LifecycleStage = LifecycleStage.Customer,
        });

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal("2", Assert.Single(listed).Id);
    }

    [Fact]
    public void ListAsync_ForeignContinuationToken_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Client.ListAsync(new ContactListOptions { ContinuationToken = "leads:active:0" }));
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        _mock.Expect(HttpMethod.Delete, V2 + "persons/42").WithHeaders("x-api-token", Token).RespondJson(Ok("""{ "id": 42 }"""));
        _mock.Expect(HttpMethod.Delete, V2 + "persons/42").RespondJson(Fail("Person not found", 404), HttpStatusCode.NotFound);

        Assert.True(await Client.DeleteAsync("42"));
        Assert.False(await Client.DeleteAsync("42"));
        _mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task DeleteAsync_Erase_ThrowsNotSupportedBeforeAnyCall()
    {
        var any = _mock.When("*").Respond(HttpStatusCode.OK);

        await Assert.ThrowsAsync<NotSupportedException>(() => Client.DeleteAsync("42", new ContactDeleteOptions { Erase = true }));

        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task UpsertManyAsync_SameEmailTwice_SecondReusesTheCreatedPerson()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/search").RespondJson(Ok("""{ "items": [] }"""));
        _mock.Expect(HttpMethod.Post, V2 + "persons").RespondJson(Ok(Person()));
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson(Ok(Person()));
        _mock.Expect(new HttpMethod("PATCH"), V2 + "persons/42").WithJson($$"""{ "custom_fields": { "{{JobTitleKey}}": "CTO" } }""").RespondJson(Ok(Person()));
        Contact[] input =
        [
            new() { Email = EmailAddress.Parse("ada@example.com"), FirstName = "Ada", LastName = "Lovelace" },
            new() { Email = EmailAddress.Parse("Ada@Example.com"), JobTitle = "CTO" },
            new() { Email = EmailAddress.Parse("ada@example.com"), Id = "not-an-id" },
        ];

        BulkResult<Contact> result = await Client.UpsertManyAsync(input, new ContactUpsertOptions { MaxConcurrency = 4 });

        _mock.VerifyNoOutstandingExpectation();
        Assert.Equal([BulkItemStatus.Created, BulkItemStatus.Updated, BulkItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.Equal(("INVALID_ID", "Id"), (result.Items[2].Error?.Code, result.Items[2].Error?.Field));
    }

    [Fact]
    public async Task GetAsync_Unauthorized_ThrowsAuthenticationExceptionWithPipedriveErrorAndNoToken()
    {
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson(Fail("unauthorized access", 401), HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => Client.GetAsync("42"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("401", ex.ErrorCode);
        Assert.Contains("unauthorized access", ex.Message, StringComparison.Ordinal);
        Assert.Contains("developers.pipedrive.com", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal("Pipedrive", ex.Provider);
    }

    [Fact]
    public async Task GetAsync_RateLimited_ThrowsRateLimitedWithRetryAfter()
    {
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").Respond(
            HttpStatusCode.TooManyRequests,
            [new KeyValuePair<string, string>("Retry-After", "7"), new KeyValuePair<string, string>("x-ratelimit-limit", "80"), new KeyValuePair<string, string>("x-ratelimit-remaining", "0"), new KeyValuePair<string, string>("x-ratelimit-reset", "2")],
            "application/json",
            Fail("Request over limit", 429));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Client.GetAsync("42"));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Contains("Request over limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_ValidationErrorWithCode_ThrowsRequestExceptionWithCodeAndFieldErrors()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/search").RespondJson(Ok("""{ "items": [] }"""));
        _mock.Expect(HttpMethod.Post, V2 + "persons").RespondJson(
            """{ "success": false, "error": "Validation failed", "code": "ERR_SCHEMA_VALIDATION_FAILED", "error_info": "Check the request body.", "errors": [ { "field": "emails[0].value", "message": "must be an email" } ] }""",
            HttpStatusCode.BadRequest);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Client.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com") }));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("ERR_SCHEMA_VALIDATION_FAILED", ex.ErrorCode);
        Assert.Contains("Validation failed (Check the request body.)", ex.Message, StringComparison.Ordinal);
        var fieldError = Assert.Single(ex.FieldErrors);
        Assert.Equal(("emails[0].value", "must be an email"), (fieldError.Field, fieldError.Message));
    }

    [Fact]
    public async Task GetAsync_SuccessFalseOnHttp200_ThrowsRequestException()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").RespondJson("""{ "success": false, "error": "Company is suspended", "error_info": "Contact support." }""");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Client.GetAsync("42"));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("Company is suspended (Contact support.)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_MalformedErrorBody_StillGivesAClearMessage()
    {
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").Respond(HttpStatusCode.BadGateway, "text/html", "<html><body>Bad gateway</body></html>");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Client.GetAsync("42"));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Contains("Bad gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_UnreadableSuccessBody_ThrowsTransportException()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").Respond(HttpStatusCode.OK, "application/json", "{\"success\":true,\"data\":{\"id\":");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => Client.GetAsync("42"));

        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_CompanyDomain_UsesCompanyDomainAddresses()
    {
        using var mock = NewMock();
        mock.When(HttpMethod.Get, "https://acme.pipedrive.com/api/v1/personFields").RespondJson(PersonFields);
        mock.Expect(HttpMethod.Get, "https://acme.pipedrive.com/api/v2/persons/42").RespondJson(Ok(Person()));
        using ServiceProvider services = Build(mock, o => o.CompanyDomain = "acme");

        Contact? contact = await services.GetRequiredKeyedService<IContactClient>("Pipedrive").GetAsync("42");

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal("Analytical Engines", contact?.Company);
    }

    [Fact]
    public async Task GetAsync_MarketingStatusOff_NeitherAsksNorMapsEmailConsent()
    {
        using var mock = NewMock();
        mock.WhenFields();
        mock.Expect(HttpMethod.Get, V2 + "persons/42").WithExactQueryString(string.Empty).RespondJson(Ok(Person()));
        using ServiceProvider services = Build(mock, o => o.UseMarketingStatus = false);

        Contact? contact = await services.GetRequiredKeyedService<IContactClient>("Pipedrive").GetAsync("42");

        mock.VerifyNoOutstandingExpectation();
        Assert.Null(contact?.EmailConsent);
    }
}
