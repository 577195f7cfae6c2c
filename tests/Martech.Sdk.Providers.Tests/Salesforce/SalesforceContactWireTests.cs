using System.Net;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Salesforce.SalesforceWire;

namespace Martech.Sdk.Providers.Tests.Salesforce;

public sealed class SalesforceContactWireTests
{
    private const string AdaId = "0035E0000000001AAA";
    private const string BobId = "0035E0000000002AAA";
    private const string Select = "SELECT FIELDS(STANDARD), Favourite_Colour__c, Account.Name FROM Contact";

    [Fact]
    public async Task GetAsync_KnownId_TokenThenDescribeThenSoqlOnTheInstanceUrl()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1")
            .Respond("application/json", QueryResult(ContactRecord(AdaId, "ada@example.com", "\"Favourite_Colour__c\":\"teal\",\"MobilePhone\":\"(020) 7946 0958\",\"HasOptedOutOfEmail\":true", "Analytical Engines")));

        Contact? contact = await wire.Contacts.GetAsync(AdaId);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.NotNull(contact);
        Assert.Equal((AdaId, "ada@example.com", "Ada", "Lovelace", "Analytical Engines"), (contact.Id, contact.Email?.Value, contact.FirstName, contact.LastName, contact.Company));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero), contact.CreatedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 8, 0, 0, TimeSpan.Zero), contact.UpdatedAt);
        Assert.Equal(ConsentStatus.Denied, contact.EmailConsent?.Status);
        Assert.Equal("teal", contact.CustomFields.GetString("Favourite_Colour__c"));

        // Not E.164, so kept as the raw value under its own name rather than lost.
        Assert.Null(contact.Phone);
        Assert.Equal("(020) 7946 0958", contact.CustomFields.GetString("MobilePhone"));
        Assert.True(contact.CustomFields.ContainsKey("Name"));
        Assert.False(contact.CustomFields.ContainsKey("attributes"));
        Assert.False(contact.CustomFields.ContainsKey("Account"));
        Assert.False(contact.CustomFields.ContainsKey("Email"));
    }

    [Fact]
    public async Task GetAsync_NoRecord_ReturnsNull()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1").Respond("application/json", QueryResult());

        Assert.Null(await wire.Contacts.GetAsync(AdaId));
        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("003' OR Name != '")]
    public async Task GetAsync_NotASalesforceId_ThrowsArgumentExceptionBeforeAnyCall(string id)
    {
        await using var wire = Create(expectToken: false);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Contacts.GetAsync(id));

        Assert.Equal("id", ex.ParamName);
        wire.Mock.VerifyNoOutstandingRequest();
    }

    [Fact]
    public async Task FindByEmailAsync_Apostrophe_IsEscapedInSoql()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Email = 'o\\'brien@example.com' ORDER BY CreatedDate, Id LIMIT 1")
            .Respond("application/json", QueryResult(ContactRecord(AdaId, "o'brien@example.com")));

        Contact? found = await wire.Contacts.FindByEmailAsync(EmailAddress.Parse("o'brien@example.com"));

        Assert.Equal(AdaId, found?.Id);
        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task FindByEmailsAsync_OneSoqlInQueryPer100Addresses_OldestContactWins()
    {
        await using var wire = Create();
        EmailAddress[] emails = [.. Enumerable.Range(0, 101).Select(i => EmailAddress.Parse($"c{i}@example.com")), EmailAddress.Parse("o'brien@example.com")];
        string In(IEnumerable<EmailAddress> chunk) => string.Join(",", chunk.Select(e => "'" + e.Value.Replace("'", "\\'", StringComparison.Ordinal) + "'"));
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Email IN ({In(emails.Take(100))}) ORDER BY CreatedDate, Id")
            .Respond("application/json", QueryResult(ContactRecord(AdaId, "c1@example.com"), ContactRecord(BobId, "c1@example.com")));
        wire.ExpectQuery($"{Select} WHERE Email IN ({In(emails.Skip(100))}) ORDER BY CreatedDate, Id")
            .Respond("application/json", QueryResult(ContactRecord(BobId, "o'brien@example.com")));

        IReadOnlyDictionary<EmailAddress, Contact> found = await wire.Contacts.FindByEmailsAsync(emails);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal(2, found.Count);
        Assert.Equal(AdaId, found[EmailAddress.Parse("c1@example.com")].Id);
        Assert.Equal(BobId, found[EmailAddress.Parse("O'Brien@example.com")].Id);
    }

    [Fact]
    public async Task FindByEmailsAsync_LongAddresses_EachQueryStaysInsideTheRequestLineLimit()
    {
        await using var wire = Create();
        // 100 addresses of 254 characters would make one IN list of about 27 KB: more than Salesforce's 16,384-byte limit.
        EmailAddress[] emails = [.. Enumerable.Range(0, 100).Select(i => EmailAddress.Parse($"{new string('a', 60)}.{i:D3}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', 53)}.example"))];
        Assert.All(emails, e => Assert.True(e.Value.Length > 250));
        var lines = new List<int>();
        wire.ExpectContactDescribe();
        wire.Mock.When(HttpMethod.Get, $"{Data}/query").Respond(request =>
        {
            lines.Add(request.RequestUri!.PathAndQuery.Length);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(QueryResult(), System.Text.Encoding.UTF8, "application/json") };
        });

        IReadOnlyDictionary<EmailAddress, Contact> found = await wire.Contacts.FindByEmailsAsync(emails);

        Assert.Empty(found);
        Assert.True(lines.Count > 1, $"one query for {emails.Length} long addresses");
        Assert.All(lines, length => Assert.InRange(length, 1, 12_000));
    }

    [Fact]
    public async Task FindByEmailsAsync_EmptyAddressAfterDuplicates_NamesItsIndexInTheInput()
    {
        await using var wire = Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Contacts.FindByEmailsAsync([EmailAddress.Parse("a@example.com"), EmailAddress.Parse("A@example.com"), default]));

        Assert.StartsWith("The address at index 2 is empty.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_NewEmail_LooksUpThenPostsThenReadsBack()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        wire.ExpectQuery("SELECT Id, Email FROM Contact WHERE Email IN ('ada@example.com') ORDER BY CreatedDate, Id").Respond("application/json", QueryResult());
        wire.Mock.Expect(HttpMethod.Post, $"{Data}/sobjects/Contact/")
            .WithJsonBody("""{"Favourite_Colour__c":"teal","Email":"ada@example.com","MobilePhone":"+442079460958","FirstName":"Ada","Title":"Analyst","HasOptedOutOfEmail":false,"LastName":"[not provided]"}""")
            .Respond(HttpStatusCode.Created, "application/json", """{"id":"0035E0000000001AAA","success":true,"errors":[]}""");
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1").Respond("application/json", QueryResult(ContactRecord(AdaId, "ada@example.com")));
        var contact = new Contact
        {
            Email = EmailAddress.Parse("ada@example.com"),
            Phone = PhoneNumber.Parse("+44 20 7946 0958"),
            FirstName = "Ada",
            JobTitle = "Analyst",
            EmailConsent = Consent.Granted(),
            SmsConsent = Consent.Granted(),
        };
        contact.CustomFields.Set("Favourite_Colour__c", "teal");

        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(contact);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.True(result.Created);
        Assert.Equal(AdaId, result.Value.Id);
    }

    [Fact]
    public async Task UpsertAsync_ReadContactWrittenBack_LeavesOutReadOnlyFieldsAndRelationships()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1")
            .Respond("application/json", QueryResult(ContactRecord(AdaId, "ada@example.com", "\"Favourite_Colour__c\":\"teal\"")));
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Contact/{AdaId}")
            .WithJsonBody("""{"AccountId":null,"Favourite_Colour__c":"teal","Email":"ada@example.com","FirstName":"Ada","LastName":"King"}""")
            .Respond(HttpStatusCode.NoContent);
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1").Respond("application/json", QueryResult(ContactRecord(AdaId, "ada@example.com")));

        Contact read = (await wire.Contacts.GetAsync(AdaId))!;
        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(read with { LastName = "King" });

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.False(result.Created);
    }

    [Fact]
    public async Task UpsertAsync_ExistingEmail_PatchesTheMatchById()
    {
        await using var wire = Create();
        wire.ExpectQuery("SELECT Id, Email FROM Contact WHERE Email IN ('ada@example.com') ORDER BY CreatedDate, Id")
            .Respond("application/json", QueryResult($$"""{"attributes":{"type":"Contact"},"Id":"{{AdaId}}","Email":"Ada@Example.com"}"""));
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Contact/{AdaId}")
            .WithJsonBody("""{"Email":"ada@example.com","Title":"Analyst"}""")
            .Respond(HttpStatusCode.NoContent);
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1").Respond("application/json", QueryResult(ContactRecord(AdaId, "ada@example.com")));

        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), JobTitle = "Analyst" });

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.False(result.Created);
        Assert.Equal(AdaId, result.Value.Id);
    }

    [Fact]
    public async Task UpsertAsync_UnknownId_ThrowsNotFoundFromTheSalesforceError()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Contact/{AdaId}")
            .Respond(HttpStatusCode.NotFound, "application/json", """[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]""");

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => wire.Contacts.UpsertAsync(new Contact { Id = AdaId, FirstName = "Ghost" }));

        Assert.Equal("NOT_FOUND", ex.ErrorCode);
        Assert.Contains("Salesforce contacts.update failed: HTTP 404", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Created, """{"id":"0035E0000000001AAA","success":true,"errors":[],"created":true}""", true)]
    [InlineData(HttpStatusCode.OK, """{"id":"0035E0000000001AAA","success":true,"errors":[],"created":false}""", false)]
    public async Task UpsertAsync_ExternalIdField_PatchesTheExternalIdResource(HttpStatusCode status, string body, bool created)
    {
        await using var wire = Create(o => o.ContactEmailExternalIdField = "Email_Key__c");
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Contact/Email_Key__c/ada%40example.com")
            .With(request => request.RequestUri!.AbsoluteUri == $"{Data}/sobjects/Contact/Email_Key__c/ada%40example.com")
            .WithJsonBody("""{"Email":"ada@example.com","LastName":"Lovelace"}""")
            .Respond(status, "application/json", body);
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1").Respond("application/json", QueryResult(ContactRecord(AdaId, "ada@example.com")));

        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), LastName = "Lovelace" });

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal(created, result.Created);
    }

    [Fact]
    public async Task UpsertAsync_ExternalIdField_204FromOldApiVersions_FindsTheIdAfterwards()
    {
        await using var wire = Create(o => o.ContactEmailExternalIdField = "Email_Key__c");
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Contact/Email_Key__c/ada%40example.com").Respond(HttpStatusCode.NoContent);
        wire.ExpectQuery("SELECT Id, Email_Key__c FROM Contact WHERE Email_Key__c IN ('ada@example.com') ORDER BY CreatedDate, Id")
            .Respond("application/json", QueryResult($$"""{"Id":"{{AdaId}}","Email_Key__c":"ada@example.com"}"""));
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE Id = '{AdaId}' LIMIT 1").Respond("application/json", QueryResult(ContactRecord(AdaId, "ada@example.com")));

        UpsertResult<Contact> result = await wire.Contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), LastName = "Lovelace" });

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.False(result.Created);
        Assert.Equal(AdaId, result.Value.Id);
    }

    [Fact]
    public async Task UpsertAsync_ExternalIdMatchesSeveral_300BecomesMultipleChoicesError()
    {
        await using var wire = Create(o => o.ContactEmailExternalIdField = "Email_Key__c");
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Contact/Email_Key__c/ada%40example.com")
            .Respond(HttpStatusCode.MultipleChoices, "application/json", $$"""["/services/data/v62.0/sobjects/Contact/{{AdaId}}","/services/data/v62.0/sobjects/Contact/{{BobId}}"]""");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), LastName = "Lovelace" }));

        Assert.Equal((HttpStatusCode.MultipleChoices, "MULTIPLE_CHOICES"), (ex.StatusCode, ex.ErrorCode));
        Assert.Contains($"matches 2 records ({AdaId}, {BobId})", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertManyAsync_CollectionsWithPerRecordResults_MappedToTheExactItems()
    {
        await using var wire = Create();
        wire.ExpectQuery("SELECT Id, Email FROM Contact WHERE Email IN ('ann@example.com','bob@example.com','cid@example.com') ORDER BY CreatedDate, Id")
            .Respond("application/json", QueryResult($$"""{"Id":"{{BobId}}","Email":"bob@example.com"}"""));
        wire.Mock.Expect(HttpMethod.Post, $"{Data}/composite/sobjects")
            .WithJsonBody("""
                {"allOrNone":false,"records":[
                  {"attributes":{"type":"Contact"},"Email":"ann@example.com","LastName":"[not provided]"},
                  {"attributes":{"type":"Contact"},"Email":"cid@example.com","LastName":"Cid"}]}
                """)
            .Respond("application/json", """
                [{"id":"0035E0000000003AAA","success":true,"errors":[]},
                 {"success":false,"errors":[{"statusCode":"INVALID_EMAIL_ADDRESS","message":"Email: invalid email address: cid@example.com","fields":["Email"]}]}]
                """);
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/composite/sobjects")
            .WithJsonBody($$"""{"allOrNone":false,"records":[{"attributes":{"type":"Contact"},"id":"{{BobId}}","Email":"bob@example.com","Title":"CTO"}]}""")
            .Respond("application/json", $$"""[{"id":"{{BobId}}","success":true,"errors":[]}]""");
        var progress = new List<BulkProgress>();

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync(
            [
                new Contact { Email = EmailAddress.Parse("ann@example.com") },
                new Contact { Email = EmailAddress.Parse("bob@example.com"), JobTitle = "CTO" },
                new Contact { FirstName = "No key" },
                new Contact { Email = EmailAddress.Parse("cid@example.com"), LastName = "Cid" },
            ],
            new ContactUpsertOptions { Progress = new InlineProgress(progress) });

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal([BulkItemStatus.Created, BulkItemStatus.Updated, BulkItemStatus.Failed, BulkItemStatus.Failed], result.Items.Select(static i => i.Status));
        Assert.Equal(("0035E0000000003AAA", BobId), (result.Items[0].Value?.Id, result.Items[1].Value?.Id));
        Assert.Equal("MISSING_KEY", result.Items[2].Error?.Code);
        Assert.Equal(("INVALID_EMAIL_ADDRESS", "Email"), (result.Items[3].Error?.Code, result.Items[3].Error?.Field));
        Assert.Equal([new BulkProgress(4, 4, 2)], progress);
    }

    [Fact]
    public async Task UpsertManyAsync_FewerResultsThanRecords_ItemsUnknownNotFailed()
    {
        await using var wire = Create();
        wire.ExpectQuery("SELECT Id, Email FROM Contact WHERE Email IN ('ann@example.com','bob@example.com') ORDER BY CreatedDate, Id").Respond("application/json", QueryResult());
        wire.Mock.Expect(HttpMethod.Post, $"{Data}/composite/sobjects").Respond("application/json", """[{"id":"0035E0000000003AAA","success":true,"errors":[]}]""");

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync([new Contact { Email = EmailAddress.Parse("ann@example.com") }, new Contact { Email = EmailAddress.Parse("bob@example.com") }]);

        Assert.Equal(2, result.UnknownCount);
        Assert.All(result.Items, static i => Assert.Contains("answered 1 results for 2 records", i.Error!.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertManyAsync_250Contacts_TwoCollectionsOf200And50()
    {
        await using var wire = Create();
        var sizes = new List<int>();
        wire.Mock.When(HttpMethod.Get, $"{Data}/query").Respond("application/json", QueryResult());
        wire.Mock.When(HttpMethod.Post, $"{Data}/composite/sobjects").Respond(request =>
        {
            int count = System.Text.Json.Nodes.JsonNode.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult())!["records"]!.AsArray().Count;
            lock (sizes)
            {
                sizes.Add(count);
            }

            return Json(HttpStatusCode.OK, "[" + string.Join(',', Enumerable.Range(0, count).Select(static i => $$"""{"id":"0035E{{i:D10}}AAA","success":true,"errors":[]}""")) + "]");
        });

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync([.. Enumerable.Range(0, 250).Select(static i => new Contact { Email = EmailAddress.Parse($"p{i}@example.com") })]);

        Assert.Equal(250, result.CreatedCount);
        Assert.Equal([50, 200], sizes.Order());
    }

    [Fact]
    public async Task UpsertManyAsync_CancelledDuringTheCall_UnsentItemsFailCancelledWithoutThrowing()
    {
        await using var wire = Create();
        using var cts = new CancellationTokenSource();
        wire.ExpectQuery("SELECT Id, Email FROM Contact WHERE Email IN ('ann@example.com') ORDER BY CreatedDate, Id").Respond(_ =>
        {
            cts.Cancel();
            return Json(HttpStatusCode.OK, QueryResult());
        });

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync(
            [new Contact { Email = EmailAddress.Parse("ann@example.com") }, new Contact { Email = EmailAddress.Parse("bob@example.com") }, null!],
            new ContactUpsertOptions { BatchSize = 1, MaxConcurrency = 1 },
            cts.Token);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal(["CANCELLED", "CANCELLED", "NULL_ITEM"], result.Items.Select(static i => i.Error?.Code));
        Assert.All(result.Items.Take(2), static i => Assert.IsAssignableFrom<OperationCanceledException>(i.Error?.Exception));
    }

    [Fact]
    public async Task DeleteAsync_DeletedThenAlreadyInRecycleBin_TrueThenFalse()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").Respond(HttpStatusCode.NoContent);
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}")
            .Respond(HttpStatusCode.NotFound, "application/json", """[{"errorCode":"ENTITY_IS_DELETED","message":"entity is deleted","fields":[]}]""");

        Assert.True(await wire.Contacts.DeleteAsync(AdaId));
        Assert.False(await wire.Contacts.DeleteAsync(AdaId));
        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task DeleteAsync_Erase_ThrowsNotSupportedBeforeAnyCall()
    {
        await using var wire = Create(expectToken: false);

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => wire.Contacts.DeleteAsync(AdaId, new ContactDeleteOptions { Erase = true }));

        Assert.Contains("recycle bin", ex.Message, StringComparison.Ordinal);
        wire.Mock.VerifyNoOutstandingRequest();
    }

    private sealed class InlineProgress(List<BulkProgress> reports) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => reports.Add(value);
    }
}
