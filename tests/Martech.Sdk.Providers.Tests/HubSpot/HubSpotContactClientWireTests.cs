using System.Net;
using Martech.Sdk.HubSpot;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>The exact requests the HubSpot contact client sends, and how it reads HubSpot's documented answers.</summary>
public sealed class HubSpotContactClientWireTests
{
    private const string Ada = """
        {
          "id": "101",
          "properties": {
            "company": "Analytical Engines",
            "createdate": "2024-05-01T09:00:00.000Z",
            "email": "ada@example.com",
            "firstname": "Ada",
            "hs_object_id": "101",
            "hubspot_owner_id": "9001",
            "jobtitle": "CTO",
            "lastmodifieddate": "2024-05-02T10:30:00.000Z",
            "lastname": "Lovelace",
            "lifecyclestage": "marketingqualifiedlead",
            "martech_email_consent": "granted",
            "martech_email_consent_source": "webinar-form",
            "martech_email_consent_updated_at": "2024-05-01T08:59:00.000Z",
            "martech_sms_consent": null,
            "phone": "+44 20 7946 0958",
            "favourite_colour": "teal",
            "employees": "42"
          },
          "createdAt": "2024-05-01T09:00:00.000Z",
          "updatedAt": "2024-05-02T10:30:00.000Z",
          "archived": false,
          "url": "https://app.hubspot.com/contacts/123/record/0-1/101"
        }
        """;

    private static EmailAddress Email(string value) => EmailAddress.Parse(value);

    [Fact]
    public async Task FindByEmailsAsync_ReadsByEmailInBatchesOf100_UnknownAddressesAreAbsent()
    {
        await using var wire = new HubSpotWire();
        EmailAddress[] emails = [.. Enumerable.Range(0, 150).Select(i => Email($"c{i}@example.com")), Email("ADA@example.com"), Email("c0@example.com")];
        string Inputs(IEnumerable<EmailAddress> chunk) => string.Join(",", chunk.Select(e => $$"""{"id":"{{e.Value}}"}"""));
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/read", $$"""{"inputs":[{{Inputs(emails.Take(100))}}],"properties":{{HubSpotWire.ContactPropertiesJson}},"idProperty":"email"}""")
            .RespondJson(HttpStatusCode.MultiStatus, """{"status":"COMPLETE","results":[],"numErrors":1,"errors":[{"status":"error","category":"OBJECT_NOT_FOUND","message":"Could not get some CONTACT objects, they may be deleted or not exist.","context":{"ids":["c0@example.com"]}}]}""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/read", $$"""{"inputs":[{{Inputs(emails.Skip(100).Take(51))}}],"properties":{{HubSpotWire.ContactPropertiesJson}},"idProperty":"email"}""")
            .RespondJson(HttpStatusCode.OK, $$"""{"status":"COMPLETE","results":[{{Ada}}]}""");

        IReadOnlyDictionary<EmailAddress, Contact> found = await wire.Contacts.FindByEmailsAsync(emails);

        wire.Verify();
        Assert.Equal("101", Assert.Single(found).Value.Id);
        Assert.True(found.ContainsKey(Email("ada@EXAMPLE.com")));
        await Assert.ThrowsAsync<ArgumentException>(() => wire.Contacts.FindByEmailsAsync([Email("a@example.com"), default]));
    }

    [Fact]
    public async Task GetAsync_ExistingId_SendsGetWithPropertiesAndReadsEveryMember()
    {
        await using var wire = new HubSpotWire(o => o.ContactPropertiesToRead = ["favourite_colour"]);
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?" + HubSpotWire.ContactPropertiesQuery.Replace("email,", "email,favourite_colour,", StringComparison.Ordinal))
            .RespondJson(HttpStatusCode.OK, Ada);

        Contact? contact = await wire.Contacts.GetAsync("101");

        wire.Verify();
        Assert.NotNull(contact);
        Assert.Equal("101", contact.Id);
        Assert.Equal(Email("ada@example.com"), contact.Email);
        Assert.Equal(("Ada", "Lovelace", "Analytical Engines", "CTO"), (contact.FirstName, contact.LastName, contact.Company, contact.JobTitle));
        Assert.Equal(PhoneNumber.Parse("+442079460958"), contact.Phone);
        Assert.Equal(LifecycleStage.MarketingQualifiedLead, contact.LifecycleStage);
        Assert.Equal("9001", contact.OwnerId);
        Assert.Equal(new Consent(ConsentStatus.Granted, "webinar-form", new DateTimeOffset(2024, 5, 1, 8, 59, 0, TimeSpan.Zero)), contact.EmailConsent);
        Assert.Null(contact.SmsConsent);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), contact.CreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 10, 30, 0, TimeSpan.Zero), contact.UpdatedAt);

        // Every other property is a custom field, as the string HubSpot sent; mapped and system ones are not.
        Assert.Equal(["employees", "favourite_colour"], contact.CustomFields.Keys.Order(StringComparer.Ordinal));
        Assert.True(contact.CustomFields.TryGetInt64("employees", out long employees) && employees == 42);
        Assert.Equal("https://app.hubspot.com/contacts/123/record/0-1/101", contact.Raw.GetProperty("url").GetString());
        Assert.Equal("101", contact.Raw.GetProperty("properties").GetProperty("hs_object_id").GetString());
    }

    [Fact]
    public async Task GetAsync_NotFound_ReturnsNull()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/999?" + HubSpotWire.ContactPropertiesQuery).Respond(HttpStatusCode.NotFound);

        Assert.Null(await wire.Contacts.GetAsync("999"));
        wire.Verify();
    }

    [Fact]
    public async Task GetAsync_UnparseableEmailAndPhone_KeptAsCustomFields()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/7?" + HubSpotWire.ContactPropertiesQuery)
            .RespondJson(HttpStatusCode.OK, """{"id":"7","properties":{"email":"not an email","phone":"555-0100","lifecyclestage":"1234567"}}""");

        Contact? contact = await wire.Contacts.GetAsync("7");

        Assert.Null(contact!.Email);
        Assert.Null(contact.Phone);
        Assert.Equal("not an email", contact.CustomFields.GetString("email"));
        Assert.Equal("555-0100", contact.CustomFields.GetString("phone"));
        Assert.Equal(LifecycleStage.Create("1234567"), contact.LifecycleStage); // a portal's own stage id round-trips
    }

    [Fact]
    public async Task FindByEmailAsync_SendsEmailSearch_AndRetriesItAsIdempotent()
    {
        await using var wire = new HubSpotWire();
        string search = $$"""
            {"filterGroups":[{"filters":[{"propertyName":"email","operator":"EQ","value":"Ada@example.com"}]}],
             "properties":{{HubSpotWire.ContactPropertiesJson}},"limit":1}
            """;
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/search", search).Respond(HttpStatusCode.BadGateway);
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/search", search)
            .RespondJson(HttpStatusCode.OK, $$"""{"total":1,"results":[{{Ada}}]}""");

        Contact? found = await wire.Contacts.FindByEmailAsync(Email("Ada@EXAMPLE.com"));

        wire.Verify();
        Assert.Equal("101", found?.Id);
    }

    [Fact]
    public async Task FindByEmailAsync_NoMatch_ReturnsNull()
    {
        await using var wire = new HubSpotWire();
        wire.Mock.Expect(HttpMethod.Post, HubSpotWire.Base + "crm/v3/objects/contacts/search").RespondJson(HttpStatusCode.OK, """{"total":0,"results":[]}""");

        Assert.Null(await wire.Contacts.FindByEmailAsync(Email("nobody@example.com")));
    }

    [Fact]
    public async Task UpsertAsync_ByEmail_SendsOneInputBatchUpsertWithStringProperties()
    {
        await using var wire = new HubSpotWire();
        var contact = new Contact
        {
            Email = Email("Ada@Example.com"),
            FirstName = "Ada",
            Phone = PhoneNumber.Parse("+44 20 7946 0958"),
            LifecycleStage = LifecycleStage.Lead,
            EmailConsent = new Consent(ConsentStatus.Granted, "webinar-form", new DateTimeOffset(2024, 5, 1, 8, 59, 0, TimeSpan.FromHours(2))),
            SmsConsent = new Consent(ConsentStatus.Denied),
        };
        contact.CustomFields.Set("employees", 42L);
        contact.CustomFields.Set("discount", 12.5m);
        contact.CustomFields.Set("newsletter", true);
        contact.CustomFields.Set("renewal", (string?)null);
        contact.CustomFields.Set("trial_ends", new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero));
        contact.CustomFields.SetRaw("blob", System.Text.Json.JsonDocument.Parse("""{"a":[1,2]}""").RootElement);
        contact.CustomFields.Set("hs_object_id", "101"); // read-only: never written back
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """
            {"inputs":[{"id":"Ada@example.com","idProperty":"email","properties":{
              "email":"Ada@example.com","firstname":"Ada","phone":"+442079460958","lifecyclestage":"lead",
              "martech_email_consent":"granted","martech_email_consent_source":"webinar-form","martech_email_consent_updated_at":"2024-05-01T06:59:00.000Z",
              "martech_sms_consent":"denied","martech_sms_consent_source":"","martech_sms_consent_updated_at":"",
              "employees":"42","discount":"12.5","newsletter":"true","renewal":"","trial_ends":"2025-03-01T12:30:00+00:00","blob":"{\"a\":[1,2]}"}}]}
            """).RespondJson(HttpStatusCode.OK, $$"""
            {"status":"COMPLETE","results":[{"id":"101","properties":{"email":"ada@example.com","firstname":"Ada"},"new":true,
              "createdAt":"2024-05-01T09:00:00.000Z","updatedAt":"2024-05-01T09:00:00.000Z","archived":false}],
             "startedAt":"2024-05-01T09:00:00.000Z","completedAt":"2024-05-01T09:00:00.100Z"}
            """);

        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(contact);

        wire.Verify();
        Assert.True(result.Created);
        Assert.Equal(("101", "Ada"), (result.Value.Id, result.Value.FirstName));
    }

    [Fact]
    public async Task UpsertAsync_ByEmailExisting_ReportsUpdatedFromNewFlag()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"id":"ada@example.com","idProperty":"email","properties":{"email":"ada@example.com"}}]}""")
            .RespondJson(HttpStatusCode.OK, """{"status":"COMPLETE","results":[{"id":"101","properties":{"email":"ada@example.com"},"new":false}]}""");

        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(new Contact { Email = Email("ada@example.com") }, new ContactUpsertOptions { MatchBy = ContactMatchKey.Email });

        Assert.False(result.Created);
    }

    [Fact]
    public async Task UpsertAsync_ById_SendsPatchWithOnlySetProperties()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Patch, "crm/v3/objects/contacts/101", """{"properties":{"jobtitle":"Analyst"}}""")
            .RespondJson(HttpStatusCode.OK, Ada);

        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(new Contact { Id = "101", JobTitle = "Analyst" });

        wire.Verify();
        Assert.False(result.Created);
        Assert.Equal(Email("ada@example.com"), result.Value.Email);
    }

    [Fact]
    public async Task UpsertAsync_ByUnknownId_ThrowsNotFoundWithCategory()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Patch, "crm/v3/objects/contacts/424242").RespondJson(HttpStatusCode.NotFound,
            """{"status":"error","message":"resource not found","correlationId":"aeb5f871-7f07-4993-9211-075dc63e7cbf","category":"OBJECT_NOT_FOUND"}""");

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => wire.Contacts.UpsertAsync(new Contact { Id = "424242", FirstName = "X" }, new ContactUpsertOptions { MatchBy = ContactMatchKey.Id }));

        Assert.Equal(("OBJECT_NOT_FOUND", "aeb5f871-7f07-4993-9211-075dc63e7cbf"), (ex.ErrorCode, ex.RequestId));
        Assert.Contains("contacts.update", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_ByEmailRejectedIn207_ThrowsWithCategoryAndFieldErrors()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert").RespondJson(HttpStatusCode.MultiStatus, """
            {"status":"COMPLETE","results":[],"numErrors":1,"errors":[{"status":"error","category":"VALIDATION_ERROR",
              "message":"Property values were not valid: [{\"isValid\":false,\"message\":\"hot was not one of the allowed options\",\"error\":\"INVALID_OPTION\",\"name\":\"lifecyclestage\"}]",
              "context":{"ids":["ada@example.com"]},"errors":[],"links":{}}]}
            """);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Contacts.UpsertAsync(new Contact { Email = Email("ada@example.com"), LifecycleStage = LifecycleStage.Create("hot") }));

        Assert.Equal((HttpStatusCode.MultiStatus, "VALIDATION_ERROR"), (ex.StatusCode, ex.ErrorCode));
        Assert.Equal(new MartechFieldError("lifecyclestage", "hot was not one of the allowed options", "INVALID_OPTION"), Assert.Single(ex.FieldErrors));
    }

    [Fact]
    public async Task UpsertAsync_ServerErrorOnWrite_IsNotResent()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert").Respond(HttpStatusCode.InternalServerError);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Contacts.UpsertAsync(new Contact { Email = Email("ada@example.com") }));

        // One attempt only: a second would reach the fallback, which throws, instead of this exception.
        wire.Verify();
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Fact]
    public async Task UpsertAsync_ConsentWithoutConfiguredProperty_ThrowsNamingTheSettingBeforeAnyCall()
    {
        await using var wire = new HubSpotWire(o => o.SmsConsent.StatusProperty = "");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Contacts.UpsertAsync(new Contact { Email = Email("ada@example.com"), SmsConsent = Consent.Granted() }));

        Assert.Equal("contact", ex.ParamName);
        Assert.Contains("Martech:HubSpot:SmsConsent:StatusProperty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertManyAsync_EmailAndIdInputs_SendsBatchesInOrderAndMaps207ToInputs()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """
            {"inputs":[{"id":"ann@example.com","idProperty":"email","properties":{"email":"ann@example.com"}},
                       {"id":"bob@example.com","idProperty":"email","properties":{"email":"bob@example.com","lifecyclestage":"hot"}}]}
            """).RespondJson(HttpStatusCode.MultiStatus, """
            {"status":"COMPLETE","numErrors":1,
             "results":[{"id":"201","properties":{"email":"ann@example.com"},"new":false}],
             "errors":[{"status":"error","category":"VALIDATION_ERROR","message":"hot was not one of the allowed options","context":{"ids":["bob@example.com"]},
                        "errors":[{"message":"hot was not one of the allowed options","code":"INVALID_OPTION","context":{"propertyName":["lifecyclestage"]}}],"links":{}}]}
            """);
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/update", """{"inputs":[{"id":"77","properties":{"jobtitle":"CEO"}}]}""")
            .RespondJson(HttpStatusCode.OK, """{"status":"COMPLETE","results":[{"id":"77","properties":{"email":"zed@example.com","jobtitle":"CEO"}}]}""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"id":"carol@example.com","idProperty":"email","properties":{"email":"carol@example.com"}}]}""")
            .RespondJson(HttpStatusCode.OK, """{"status":"COMPLETE","results":[{"id":"203","properties":{"email":"carol@example.com"},"new":true}]}""");
        Contact?[] input =
        [
            new Contact { Email = Email("ann@example.com") },
            new Contact { Email = Email("bob@example.com"), LifecycleStage = LifecycleStage.Create("hot") },
            new Contact { Id = "77", JobTitle = "CEO" },
            null,
            new Contact { Email = Email("carol@example.com") },
        ];

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync(input!, new ContactUpsertOptions { BatchSize = 2, MaxConcurrency = 1 });

        wire.Verify();
        Assert.Equal([BulkItemStatus.Updated, BulkItemStatus.Failed, BulkItemStatus.Updated, BulkItemStatus.Failed, BulkItemStatus.Created], result.Items.Select(i => i.Status));
        Assert.Equal(("VALIDATION_ERROR", "lifecyclestage"), (result.Items[1].Error?.Code, result.Items[1].Error?.Field));
        Assert.Equal("NULL_ITEM", result.Items[3].Error?.Code);
        Assert.Equal(("201", "77", "203"), (result.Items[0].Value?.Id, result.Items[2].Value?.Id, result.Items[4].Value?.Id));
    }

    [Fact]
    public async Task UpsertManyAsync_ResultMissingFromAnswer_ReportsUnknown()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert")
            .RespondJson(HttpStatusCode.OK, """{"status":"COMPLETE","results":[{"id":"201","properties":{"email":"ann@example.com"},"new":true}]}""");

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync([new Contact { Email = Email("ann@example.com") }, new Contact { Email = Email("bob@example.com") }]);

        Assert.Equal([BulkItemStatus.Created, BulkItemStatus.Unknown], result.Items.Select(i => i.Status));
        Assert.Equal("NOT_IN_RESPONSE", result.Items[1].Error?.Code);
    }

    [Fact]
    public async Task ListAsync_ThreePages_FollowsAfterCursorsAsSent()
    {
        await using var wire = new HubSpotWire();
        string page = HubSpotWire.ContactPropertiesQuery;
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/contacts?limit=2&{page}")
            .RespondJson(HttpStatusCode.OK, """
                {"results":[{"id":"1","properties":{"email":"a@example.com"}},{"id":"2","properties":{"email":"b@example.com"}}],
                 "paging":{"next":{"after":"NTI1Cg%3D%3D","link":"https://api.hubapi.com/crm/v3/objects/contacts?after=NTI1Cg%3D%3D"}}}
                """);
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/contacts?limit=2&after=NTI1Cg%3D%3D&{page}")
            .With(request => request.RequestUri!.Query.Contains("after=NTI1Cg%3D%3D&", StringComparison.Ordinal))
            .RespondJson(HttpStatusCode.OK, """
                {"results":[{"id":"3","properties":{"email":"c@example.com"}},{"id":"4","properties":{"email":"d@example.com"}}],
                 "paging":{"next":{"after":"a b+c"}}}
                """);
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/contacts?limit=2&after=a%20b%2Bc&{page}")
            .RespondJson(HttpStatusCode.OK, """{"results":[{"id":"5","properties":{"email":"e@example.com"}}]}""");

        var pages = new List<Page<Contact>>();
        await foreach (Page<Contact> p in wire.Contacts.ListAsync(new ContactListOptions { PageSize = 2 }).AsPages())
        {
            pages.Add(p);
        }

        wire.Verify();
        Assert.Equal([["1", "2"], ["3", "4"], ["5"]], pages.Select(p => p.Items.Select(c => c.Id!).ToArray()));
        Assert.Equal(["NTI1Cg%3D%3D", "a b+c", null], pages.Select(p => p.ContinuationToken));
    }

    [Fact]
    public async Task ListAsync_PageSizeAboveLimitAndResumeToken_ClampsAndResumes()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"crm/v3/objects/contacts?limit=100&after=500&{HubSpotWire.ContactPropertiesQuery}")
            .RespondJson(HttpStatusCode.OK, """{"results":[]}""");

        var listed = new List<Contact>();
        await foreach (Contact c in wire.Contacts.ListAsync(new ContactListOptions { PageSize = 5_000, ContinuationToken = "500" }))
        {
            listed.Add(c);
        }

        wire.Verify();
        Assert.Empty(listed);
    }

    [Fact]
    public async Task ListAsync_StageAndUpdatedSince_SearchesWithFiltersAndBodyCursor()
    {
        await using var wire = new HubSpotWire();
        string Search(string? after) => $$"""
            {"filterGroups":[{"filters":[{"propertyName":"lifecyclestage","operator":"EQ","value":"customer"},
                                         {"propertyName":"lastmodifieddate","operator":"GTE","value":"1714554000000"}]}],
             "properties":{{HubSpotWire.ContactPropertiesJson}},"limit":50{{(after is null ? "" : $",\"after\":\"{after}\"")}}}
            """;
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/search", Search(null))
            .RespondJson(HttpStatusCode.OK, """{"total":3,"results":[{"id":"1","properties":{}},{"id":"2","properties":{}}],"paging":{"next":{"after":"2"}}}""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/search", Search("2"))
            .RespondJson(HttpStatusCode.OK, """{"total":3,"results":[{"id":"3","properties":{}}]}""");

        var ids = new List<string>();
        var options = new ContactListOptions { LifecycleStage = LifecycleStage.Customer, UpdatedSince = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero), PageSize = 50 };
        await foreach (Contact c in wire.Contacts.ListAsync(options))
        {
            ids.Add(c.Id!);
        }

        wire.Verify();
        Assert.Equal(["1", "2", "3"], ids);
    }

    [Fact]
    public async Task DeleteAsync_Existing_ChecksThenArchives()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?properties=hs_object_id").RespondJson(HttpStatusCode.OK, """{"id":"101","properties":{"hs_object_id":"101"}}""");
        wire.Expect(HttpMethod.Delete, "crm/v3/objects/contacts/101").Respond(HttpStatusCode.NoContent);

        Assert.True(await wire.Contacts.DeleteAsync("101"));
        wire.Verify();
    }

    [Fact]
    public async Task DeleteAsync_Unknown_ReturnsFalseWithoutDeleting()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/999?properties=hs_object_id").Respond(HttpStatusCode.NotFound);

        Assert.False(await wire.Contacts.DeleteAsync("999"));
        wire.Verify();
    }

    [Fact]
    public async Task DeleteAsync_Erase_PostsGdprDelete()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/101?properties=hs_object_id").RespondJson(HttpStatusCode.OK, """{"id":"101","properties":{}}""");
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/gdpr-delete", """{"objectId":"101"}""").Respond(HttpStatusCode.NoContent);

        Assert.True(await wire.Contacts.DeleteAsync("101", new ContactDeleteOptions { Erase = true }));
        wire.Verify();
    }

    [Fact]
    public async Task Requests_DateVersionedObjectsPath_UseThePrefix()
    {
        await using var wire = new HubSpotWire(o => o.ObjectsPath = "/crm/objects/2026-03/");
        wire.Expect(HttpMethod.Get, "crm/objects/2026-03/contacts/101?" + HubSpotWire.ContactPropertiesQuery).RespondJson(HttpStatusCode.OK, Ada);

        Assert.NotNull(await wire.Contacts.GetAsync("101"));
        wire.Verify();
    }

    [Fact]
    public async Task Calls_BadArguments_ThrowBeforeAnyRequest()
    {
        await using var wire = new HubSpotWire();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Contacts.GetAsync(" "));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Contacts.FindByEmailAsync(default(EmailAddress)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Contacts.UpsertAsync(new Contact { FirstName = "No key" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Contacts.DeleteAsync(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => wire.Contacts.ListAsync(new ContactListOptions { PageSize = 0 }));
        wire.Verify();
    }
}
