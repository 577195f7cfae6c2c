using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>The Salesforce emulator's own wire behaviour, with a plain HttpClient: token endpoint, sessions, SOQL,
/// collections, upserts and limits.</summary>
public sealed class SalesforceEmulatorTests(SalesforceEmulatorFixture fixture) : IClassFixture<SalesforceEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private const string Data = "services/data/v62.0/";
    private HttpClient _http = null!;

    private SalesforceEmulator Emulator => fixture.Emulator;

    public async Task InitializeAsync()
    {
        Emulator.Reset();
        _http = new HttpClient { BaseAddress = Emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        string token = (await TokenAsync("client_credentials"))["access_token"]!.GetValue<string>();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Token_ClientCredentials_AnswersSalesforceShapeWithItsOwnInstanceUrl()
    {
        JsonObject token = await TokenAsync("client_credentials");

        Assert.Equal(Emulator.BaseAddress.GetLeftPart(UriPartial.Authority), token["instance_url"]!.GetValue<string>());
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.True(long.TryParse(token["issued_at"]!.GetValue<string>(), out _));
        Assert.Null(token["expires_in"]);
    }

    [Theory]
    [InlineData("grant_type=client_credentials&client_id=wrong&client_secret=emulator-consumer-secret", "invalid_client_id")]
    [InlineData("grant_type=client_credentials&client_id=emulator-consumer-key&client_secret=wrong", "invalid_client")]
    [InlineData("grant_type=refresh_token&client_id=emulator-consumer-key&refresh_token=unknown", "invalid_grant")]
    [InlineData("grant_type=password&client_id=emulator-consumer-key", "unsupported_grant_type")]
    public async Task Token_Refused_OAuthErrorBody(string form, string error)
    {
        using var response = await _http.PostAsync("services/oauth2/token", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_WithoutValidSession_401InvalidSessionId()
    {
        using var anonymous = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using var response = await anonymous.GetAsync(Data + "query?q=SELECT+Id+FROM+Contact");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "INVALID_SESSION_ID");
    }

    [Fact]
    public async Task Api_EveryResponse_CarriesSforceLimitInfo_AndRefusesPastTheAllocation()
    {
        Emulator.DailyApiLimit = 2;
        using var first = await _http.GetAsync(Data + "query?q=SELECT+Id+FROM+Contact");
        using var second = await _http.GetAsync(Data + "query?q=SELECT+Id+FROM+Contact");
        using var third = await _http.GetAsync(Data + "query?q=SELECT+Id+FROM+Contact");

        Assert.Equal("api-usage=1/2", first.Headers.GetValues("Sforce-Limit-Info").Single());
        Assert.Equal("api-usage=2/2", second.Headers.GetValues("Sforce-Limit-Info").Single());
        await AssertErrorAsync(third, HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Create_MissingRequiredAndReadOnlyFields_RefusedLikeSalesforce()
    {
        using var missing = await PostAsync(Data + "sobjects/Contact/", """{"Email":"ada@example.com"}""");
        using var readOnly = await PostAsync(Data + "sobjects/Contact/", """{"LastName":"Lovelace","Name":"Ada Lovelace","CreatedDate":"2020-01-01T00:00:00.000+0000"}""");
        using var badEmail = await PostAsync(Data + "sobjects/Contact/", """{"LastName":"Lovelace","Email":"not an address"}""");
        using var nested = await PostAsync(Data + "sobjects/Contact/", """{"LastName":"Lovelace","Blob__c":{"a":1}}""");

        JsonNode missingError = await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "REQUIRED_FIELD_MISSING");
        Assert.Equal("LastName", missingError[0]!["fields"]![0]!.GetValue<string>());
        JsonNode readOnlyError = await AssertErrorAsync(readOnly, HttpStatusCode.BadRequest, "INVALID_FIELD_FOR_INSERT_UPDATE");
        Assert.Equal(["Name", "CreatedDate"], readOnlyError[0]!["fields"]!.AsArray().Select(static f => f!.GetValue<string>()));
        await AssertErrorAsync(badEmail, HttpStatusCode.BadRequest, "INVALID_EMAIL_ADDRESS");
        await AssertErrorAsync(nested, HttpStatusCode.BadRequest, "JSON_PARSER_ERROR");
        Assert.Equal(0, Emulator.CountRecords("Contact"));
    }

    [Fact]
    public async Task Query_Batches_NextRecordsUrlUntilDone_AndBadLocatorRefused()
    {
        for (int i = 0; i < 450; i++)
        {
            Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = $"P{i}" });
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, Data + "query?q=" + Uri.EscapeDataString("SELECT Id FROM Contact ORDER BY Id"));
        request.Headers.Add("Sforce-Query-Options", "batchSize=150");
        using var response = await _http.SendAsync(request);
        JsonNode first = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        JsonNode second = JsonNode.Parse(await _http.GetStringAsync(first["nextRecordsUrl"]!.GetValue<string>().TrimStart('/')))!;
        JsonNode third = JsonNode.Parse(await _http.GetStringAsync(second["nextRecordsUrl"]!.GetValue<string>().TrimStart('/')))!;

        // Salesforce's smallest batch is 200.
        Assert.Equal((450, false, 200), (first["totalSize"]!.GetValue<int>(), first["done"]!.GetValue<bool>(), first["records"]!.AsArray().Count));
        Assert.EndsWith("-200", first["nextRecordsUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, second["records"]!.AsArray().Count);
        Assert.Equal((true, 50), (third["done"]!.GetValue<bool>(), third["records"]!.AsArray().Count));
        Assert.Null(third["nextRecordsUrl"]);
        using var bad = await _http.GetAsync(Data + "query/01gNOPE-200");
        await AssertErrorAsync(bad, HttpStatusCode.BadRequest, "INVALID_QUERY_LOCATOR");
    }

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE", "MALFORMED_QUERY")]
    [InlineData("SELECT Nope__c FROM Contact", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Widget", "INVALID_TYPE")]
    [InlineData("SELECT Id FROM Contact WHERE Id = '999'", "INVALID_QUERY_FILTER_OPERATOR")]
    [InlineData("SELECT FIELDS(ALL) FROM Contact", "MALFORMED_QUERY")]
    [InlineData("SELECT Id, FIELDS(STANDARD) FROM Contact", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = 'yes'", "INVALID_QUERY_FILTER_OPERATOR")]
    public async Task Query_Invalid_RefusedWithSalesforceCode(string soql, string code)
    {
        using var response = await _http.GetAsync(Data + "query?q=" + Uri.EscapeDataString(soql));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Query_OrderBy_NullsCaseDirectionAndTiesAsSalesforceOrders()
    {
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "b", ["Email"] = "z@example.com" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "A" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "c", ["Email"] = "Y@example.com" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "B", ["Email"] = "y@example.com" });

        static string[] Names(JsonNode result) => [.. result["records"]!.AsArray().Select(static r => r!["LastName"]!.GetValue<string>())];

        // Nulls first ascending and last descending unless stated; text ignoring case; equal keys keep creation order.
        Assert.Equal(["A", "c", "B", "b"], Names(await QueryAsync("SELECT LastName FROM Contact ORDER BY Email")));
        Assert.Equal(["c", "B", "b", "A"], Names(await QueryAsync("SELECT LastName FROM Contact ORDER BY Email NULLS LAST")));
        Assert.Equal(["b", "c", "B", "A"], Names(await QueryAsync("SELECT LastName FROM Contact ORDER BY Email DESC")));
        Assert.Equal(["A", "B", "c", "b"], Names(await QueryAsync("SELECT LastName FROM Contact ORDER BY Email, LastName")));
        Assert.Equal(["c", "b", "B"], Names(await QueryAsync("SELECT LastName FROM Contact ORDER BY LastName DESC LIMIT 3")));
        Assert.Equal(["A", "c"], Names(await QueryAsync("SELECT LastName FROM Contact ORDER BY Id LIMIT 2 OFFSET 1")));
    }

    [Fact]
    public async Task Query_Semantics_CaseInsensitiveStringsRelationshipsAndAggregates()
    {
        string account = Emulator.AddRecord("Account", new Dictionary<string, object?> { ["Name"] = "Analytical Engines" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Lovelace", ["Email"] = "Ada@Example.com", ["AccountId"] = account });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Hopper", ["Email"] = "grace@example.com", ["HasOptedOutOfEmail"] = true });

        JsonNode byEmail = await QueryAsync("SELECT Email, Account.Name FROM Contact WHERE Email = 'ada@EXAMPLE.com'");
        JsonNode grouped = await QueryAsync("SELECT HasOptedOutOfEmail, COUNT(Id) n FROM Contact GROUP BY HasOptedOutOfEmail");
        JsonNode counted = await QueryAsync("SELECT COUNT() FROM Contact WHERE Email LIKE '%example.com' AND (LastName = 'Hopper' OR AccountId != null)");
        JsonNode ordered = await QueryAsync("SELECT LastName FROM Contact ORDER BY LastName DESC LIMIT 1");

        Assert.Equal("Analytical Engines", byEmail["records"]![0]!["Account"]!["Name"]!.GetValue<string>());
        Assert.Equal("Account", byEmail["records"]![0]!["Account"]!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal(2, grouped["records"]!.AsArray().Count);
        Assert.All(grouped["records"]!.AsArray(), static r => Assert.Equal(1, r!["n"]!.GetValue<int>()));
        Assert.Equal((2, 0), (counted["totalSize"]!.GetValue<int>(), counted["records"]!.AsArray().Count));
        Assert.Equal("Lovelace", ordered["records"]![0]!["LastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertByExternalId_CreatedUpdatedAndSeveralMatches_AndOldVersionsAnswer204()
    {
        Emulator.AddExternalIdField("Contact", "Key__c");

        using var created = await PatchAsync(Data + "sobjects/Contact/Key__c/k1", """{"LastName":"One"}""");
        using var updated = await PatchAsync(Data + "sobjects/Contact/Key__c/K1", """{"Title":"CTO"}""");
        using var oldVersion = await PatchAsync("services/data/v45.0/sobjects/Contact/Key__c/k1", """{"Title":"CEO"}""");
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Twin", ["Key__c"] = "k2" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Twin", ["Key__c"] = "k2" });
        using var multiple = await PatchAsync(Data + "sobjects/Contact/Key__c/k2", """{"Title":"?"}""");
        using var notExternal = await PatchAsync(Data + "sobjects/Contact/LastName/One", """{"Title":"?"}""");

        Assert.Equal((HttpStatusCode.Created, true), (created.StatusCode, JsonNode.Parse(await created.Content.ReadAsStringAsync())!["created"]!.GetValue<bool>()));
        Assert.Equal((HttpStatusCode.OK, false), (updated.StatusCode, JsonNode.Parse(await updated.Content.ReadAsStringAsync())!["created"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.NoContent, oldVersion.StatusCode);
        Assert.Equal(HttpStatusCode.MultipleChoices, multiple.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await multiple.Content.ReadAsStringAsync())!.AsArray().Count);
        await AssertErrorAsync(notExternal, HttpStatusCode.BadRequest, "NOT_FOUND");
    }

    [Fact]
    public async Task Collections_AllOrNone_RollsEverythingBack()
    {
        using var response = await PostAsync(Data + "composite/sobjects", """
            {"allOrNone":true,"records":[
              {"attributes":{"type":"Contact"},"LastName":"Fine"},
              {"attributes":{"type":"Contact"},"Email":"no-last-name@example.com"}]}
            """);
        JsonArray results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", results[0]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal("REQUIRED_FIELD_MISSING", results[1]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal(0, Emulator.CountRecords("Contact"));
    }

    [Fact]
    public async Task Collections_AllOrNoneDeleteFails_RecordsBackInTheirPlace_FoundByEmail_NotInTheRecycleBin()
    {
        string first = Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "First", ["Email"] = "first@example.com" });
        string second = Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Second", ["Email"] = "second@example.com" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Third", ["Email"] = "third@example.com" });

        using var response = await _http.DeleteAsync(Data + $"composite/sobjects?ids={first},{second},{SalesforceEmulatorFixture.UnknownContactId}&allOrNone=true");
        JsonNode all = await QueryAsync("SELECT LastName FROM Contact");
        JsonNode byEmail = await QueryAsync("SELECT LastName FROM Contact WHERE Email IN ('SECOND@example.com', 'nobody@example.com')");
        using var read = await _http.GetAsync(Data + "sobjects/Contact/" + first);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["First", "Second", "Third"], all["records"]!.AsArray().Select(r => r!["LastName"]!.GetValue<string>()));
        Assert.Equal(["Second"], byEmail["records"]!.AsArray().Select(r => r!["LastName"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(3, Emulator.CountRecords("Contact"));
    }

    [Fact]
    public async Task Collections_MoreThan200Records_Refused()
    {
        string records = string.Join(',', Enumerable.Range(0, 201).Select(static i => $$"""{"attributes":{"type":"Contact"},"LastName":"P{{i}}"}"""));

        using var response = await PostAsync(Data + "composite/sobjects", $$"""{"allOrNone":false,"records":[{{records}}]}""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "EXCEEDED_ID_LIMIT");
    }

    [Fact]
    public async Task Delete_RecycleBinThenEntityIsDeleted()
    {
        string id = Emulator.AddRecord("Lead", new Dictionary<string, object?> { ["LastName"] = "Lovelace", ["Company"] = "Acme" });

        using var deleted = await _http.DeleteAsync(Data + "sobjects/Lead/" + id);
        using var again = await _http.DeleteAsync(Data + "sobjects/Lead/" + id);
        using var read = await _http.GetAsync(Data + "sobjects/Lead/" + id);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErrorAsync(again, HttpStatusCode.NotFound, "ENTITY_IS_DELETED");
        await AssertErrorAsync(read, HttpStatusCode.NotFound, "ENTITY_IS_DELETED");
    }

    [Fact]
    public void Ids_AreEighteenCharactersWithSalesforceSuffix()
    {
        string id = Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Lovelace" });

        Assert.Matches("^0035E[0-9]{10}QAA$", id);
        Assert.NotNull(Emulator.GetRecord("Contact", id[..15]));
    }

    private async Task<JsonObject> TokenAsync(string grant)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grant,
            ["client_id"] = SalesforceEmulator.DefaultClientId,
            ["client_secret"] = SalesforceEmulator.DefaultClientSecret,
        });
        using var response = await _http.PostAsync("services/oauth2/token", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<JsonNode> QueryAsync(string soql)
    {
        using var response = await _http.GetAsync(Data + "query?q=" + Uri.EscapeDataString(soql));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PatchAsync(string path, string json) =>
        _http.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        JsonNode errors = JsonNode.Parse(body)!;
        Assert.Equal(code, errors[0]!["errorCode"]!.GetValue<string>());
        return errors;
    }
}
