using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>The HubSpot emulator's own wire behaviour, with a plain HttpClient: what the test kit promises users who
/// point their own code at it.</summary>
public sealed class HubSpotEmulatorTests(HubSpotEmulatorFixture fixture) : IClassFixture<HubSpotEmulatorFixture>, IDisposable
{
    private readonly HttpClient _http = CreateClient(fixture);

    private HubSpotEmulator Emulator => fixture.Emulator;

    public void Dispose() => _http.Dispose();

    private static HttpClient CreateClient(HubSpotEmulatorFixture fixture)
    {
        fixture.Emulator.Reset();
        var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HubSpotEmulator.DefaultAccessToken);
        return http;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task Email_ChangedByPatch_FoundByTheNewAddressOnly_InAnyCase()
    {
        HubSpotEmulatorObject contact = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "old@example.com" });
        Emulator.AddContact(new Dictionary<string, string> { ["email"] = "other@example.com" });

        var (patched, _) = await SendAsync(HttpMethod.Patch, $"crm/v3/objects/contacts/{contact.Id}", """{"properties":{"email":"New@Example.com"}}""");
        var (byOld, _) = await SendAsync(HttpMethod.Get, "crm/v3/objects/contacts/old@example.com?idProperty=email");
        var (byNew, found) = await SendAsync(HttpMethod.Get, "crm/v3/objects/contacts/NEW@example.COM?idProperty=email");
        var (_, searched) = await SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", """
            {"filterGroups":[{"filters":[{"propertyName":"email","operator":"EQ","value":"new@EXAMPLE.com"}]},
                             {"filters":[{"propertyName":"email","operator":"IN","values":["OTHER@example.com","nobody@example.com"]}]}],
             "properties":["email"]}
            """);

        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.NotFound, byOld);
        Assert.Equal(HttpStatusCode.OK, byNew);
        Assert.Equal(contact.Id, found?["id"]?.ToString());
        Assert.Equal(2, searched?["total"]?.GetValue<int>());
        Assert.Equal(["new@example.com", "other@example.com"], searched!["results"]!.AsArray().Select(r => r!["properties"]!["email"]!.ToString()));
    }

    [Fact]
    public async Task Request_WithoutToken_Answers401WithHubSpotErrorBody()
    {
        _http.DefaultRequestHeaders.Authorization = null;

        var (status, body) = await SendAsync(HttpMethod.Get, "crm/v3/objects/contacts");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("INVALID_AUTHENTICATION", body?["category"]?.ToString());
        Assert.True(Guid.TryParse(body?["correlationId"]?.ToString(), out _));
    }

    [Fact]
    public async Task List_Cursor_IsUrlEncodedAndRejectedWhenEncodedTwice()
    {
        for (int i = 0; i < 3; i++)
        {
            Emulator.AddContact(new Dictionary<string, string> { ["email"] = $"p{i}@example.com" });
        }

        var (_, first) = await SendAsync(HttpMethod.Get, "crm/v3/objects/contacts?limit=2&properties=email,nope");
        string after = first!["paging"]!["next"]!["after"]!.ToString();
        var (okStatus, second) = await SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts?limit=2&after={after}");
        var (badStatus, bad) = await SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts?limit=2&after={Uri.EscapeDataString(after)}");

        Assert.Contains("%3D", after, StringComparison.Ordinal);
        Assert.Equal("p0@example.com", first["results"]![0]!["properties"]!["email"]!.ToString());
        Assert.True(first["results"]![0]!["properties"]!.AsObject().ContainsKey("nope")); // requested, no value: null
        Assert.Null(first["results"]![0]!["properties"]!["nope"]);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal("p2@example.com", second!["results"]![0]!["properties"]!["email"]!.ToString());
        Assert.Null(second["paging"]);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("VALIDATION_ERROR", bad?["category"]?.ToString());
    }

    [Fact]
    public async Task BatchUpsert_DuplicateOrTooManyInputs_Answers400()
    {
        var (dupStatus, dup) = await SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert",
            """{"inputs":[{"id":"a@example.com","idProperty":"email","properties":{}},{"id":"A@example.com","idProperty":"email","properties":{}}]}""");
        Emulator.MaxBatchSize = 1;
        var (bigStatus, _) = await SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert",
            """{"inputs":[{"id":"a@example.com","idProperty":"email","properties":{}},{"id":"b@example.com","idProperty":"email","properties":{}}]}""");
        Emulator.MaxBatchSize = 100;

        Assert.Equal(HttpStatusCode.BadRequest, dupStatus);
        Assert.Contains("Duplicate IDs", dup?["message"]?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bigStatus);
        Assert.Equal(0, Emulator.Contacts.Count);
    }

    [Fact]
    public async Task BatchUpsert_MixedInputs_Answers207WithNewFlagsAndErrorsNamingInputs()
    {
        Emulator.AddContact(new Dictionary<string, string> { ["email"] = "old@example.com" });

        var (status, body) = await SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert",
            """{"inputs":[{"id":"old@example.com","idProperty":"email","properties":{"firstname":"Old"}},{"id":"new@example.com","idProperty":"email","properties":{}},{"id":"bad@example.com","idProperty":"email","properties":{"hs_object_id":"1"}}]}""");

        Assert.Equal(HttpStatusCode.MultiStatus, status);
        Assert.Equal(1, (int)body!["numErrors"]!);
        Assert.Equal([false, true], body["results"]!.AsArray().Select(r => (bool)r!["new"]!));
        JsonNode error = body["errors"]![0]!;
        Assert.Equal("bad@example.com", error["context"]!["ids"]![0]!.ToString());
        Assert.Equal("READ_ONLY_VALUE", error["errors"]![0]!["code"]!.ToString());
        Assert.Equal("hs_object_id", error["errors"]![0]!["context"]!["propertyName"]![0]!.ToString());
    }

    [Fact]
    public async Task CreateLead_WithoutValidContactAssociation_Answers400()
    {
        HubSpotEmulatorObject contact = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "ada@example.com" });
        string Association(string id, int type) => $$"""[{"to":{"id":"{{id}}"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":{{type}}}]}]""";

        var (noAssociation, _) = await SendAsync(HttpMethod.Post, "crm/v3/objects/leads", """{"properties":{"hs_lead_name":"Ada"},"associations":[]}""");
        var (unknownContact, _) = await SendAsync(HttpMethod.Post, "crm/v3/objects/leads", $$"""{"properties":{"hs_lead_name":"Ada"},"associations":{{Association("999", 578)}}}""");
        var (wrongType, _) = await SendAsync(HttpMethod.Post, "crm/v3/objects/leads", $$"""{"properties":{"hs_lead_name":"Ada"},"associations":{{Association(contact.Id, 1)}}}""");
        var (noName, _) = await SendAsync(HttpMethod.Post, "crm/v3/objects/leads", $$"""{"properties":{},"associations":{{Association(contact.Id, 578)}}}""");
        var (created, lead) = await SendAsync(HttpMethod.Post, "crm/v3/objects/leads", $$"""{"properties":{"hs_lead_name":"Ada"},"associations":{{Association(contact.Id, 578)}}}""");
        var (_, read) = await SendAsync(HttpMethod.Get, $"crm/v3/objects/leads/{lead!["id"]}?associations=contacts");

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], [noAssociation, unknownContact, wrongType, noName]);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(contact.Id, read!["associations"]!["contacts"]!["results"]![0]!["id"]!.ToString());
        Assert.Equal(1, Emulator.Leads.Count);
    }

    [Fact]
    public async Task Search_TooManyFilterGroups_Answers400()
    {
        string group = """{"filters":[{"propertyName":"email","operator":"HAS_PROPERTY"}]}""";
        string groups = string.Join(",", Enumerable.Repeat(group, 6));

        var (status, body) = await SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", $$"""{"filterGroups":[{{groups}}],"limit":10}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VALIDATION_ERROR", body?["category"]?.ToString());
    }

    [Fact]
    public async Task RateLimit_Set_SendsHubSpotHeadersAndPolicyBody()
    {
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromSeconds(10) };

        using HttpResponseMessage admitted = await _http.GetAsync("crm/v3/objects/contacts");
        using HttpResponseMessage refused = await _http.GetAsync("crm/v3/objects/contacts");
        JsonNode? body = JsonNode.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal("1", admitted.Headers.GetValues("X-HubSpot-RateLimit-Max").Single());
        Assert.Equal("0", admitted.Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single());
        Assert.Equal("10000", admitted.Headers.GetValues("X-HubSpot-RateLimit-Interval-Milliseconds").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(("RATE_LIMIT", "TEN_SECONDLY_ROLLING"), (body?["errorType"]?.ToString(), body?["policyName"]?.ToString()));
    }
}
