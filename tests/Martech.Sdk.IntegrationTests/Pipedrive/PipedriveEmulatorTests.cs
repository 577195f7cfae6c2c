using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Pipedrive;

/// <summary>The Pipedrive emulator's own wire format, checked with a plain <see cref="HttpClient"/>.</summary>
public sealed class PipedriveEmulatorTests(PipedriveEmulatorFixture fixture) : IClassFixture<PipedriveEmulatorFixture>, IDisposable
{
    private readonly HttpClient _http = CreateClient(fixture);

    private PipedriveEmulator Emulator => fixture.Emulator;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Request_WithoutToken_Answers401WithPipedriveErrorBody()
    {
        using var anonymous = new HttpClient { BaseAddress = Emulator.BaseAddress };

        using HttpResponseMessage response = await anonymous.GetAsync(new Uri("api/v2/persons", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonNode body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal(401, body["errorCode"]!.GetValue<int>());
        Assert.NotNull(body["error_info"]);
    }

    [Fact]
    public async Task Persons_ExactEmailSearch_FindsAnyOfAPersonsAddressesIgnoringCase_AndFollowsChanges()
    {
        fixture.Reset();
        long ada = Emulator.AddPerson("Ada Lovelace", "ada@example.com", "Countess@Example.com");
        long grace = Emulator.AddPerson("Grace Hopper", "grace@example.com");

        async Task<long[]> SearchAsync(string email)
        {
            JsonNode found = (await _http.GetFromJsonAsync<JsonNode>(new Uri($"api/v2/persons/search?term={Uri.EscapeDataString(email)}&fields=email&exact_match=true", UriKind.Relative)))!;
            return [.. found["data"]!["items"]!.AsArray().Select(i => i!["item"]!["id"]!.GetValue<long>())];
        }

        Assert.Equal([ada], await SearchAsync("COUNTESS@example.com"));
        Assert.Equal([grace], await SearchAsync("grace@example.com"));

        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri($"api/v2/persons/{grace}", UriKind.Relative))
        {
            Content = new StringContent("""{"emails":[{"value":"admiral@example.com","primary":true}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage patched = await _http.SendAsync(patch);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Empty(await SearchAsync("grace@example.com"));
        Assert.Equal([grace], await SearchAsync("Admiral@example.com"));
    }

    [Fact]
    public async Task Persons_CreateThenListThreePages_UsesEnvelopeAndOpaqueCursors()
    {
        fixture.Reset();
        for (int i = 1; i <= 5; i++)
        {
            using HttpResponseMessage created = await PostAsync("api/v2/persons", $$"""{"name":"Person {{i}}","emails":[{"value":"p{{i}}@example.com","primary":true,"label":"work"}]}""");
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        var ids = new List<long>();
        string? cursor = null;
        int pages = 0;
        do
        {
            JsonNode page = (await _http.GetFromJsonAsync<JsonNode>(new Uri("api/v2/persons?limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), UriKind.Relative)))!;
            Assert.True(page["success"]!.GetValue<bool>());
            ids.AddRange(page["data"]!.AsArray().Select(p => p!["id"]!.GetValue<long>()));
            cursor = page["additional_data"]!["next_cursor"]?.GetValue<string>();
            Assert.False(cursor is not null && long.TryParse(cursor, out _), "Cursors are opaque, not plain sequence numbers.");
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task Persons_CreateWithUnknownCustomFieldOrNoName_Answers400()
    {
        fixture.Reset();

        using HttpResponseMessage unknownField = await PostAsync("api/v2/persons", """{"name":"Ada","custom_fields":{"ffffffffffffffffffffffffffffffffffffffff":"x"}}""");
        using HttpResponseMessage noName = await PostAsync("api/v2/persons", """{"emails":[{"value":"ada@example.com"}]}""");
        using HttpResponseMessage unknownProperty = await PostAsync("api/v2/persons", """{"name":"Ada","email":"ada@example.com"}""");

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], [unknownField.StatusCode, noName.StatusCode, unknownProperty.StatusCode]);
        Assert.Empty(Emulator.Persons);
    }

    [Fact]
    public async Task Persons_Search_NeedsTwoCharactersOrExactMatch()
    {
        fixture.Reset();
        using HttpResponseMessage created = await PostAsync("api/v2/persons", """{"name":"Ada","emails":[{"value":"Ada@Example.com","primary":true}]}""");

        using HttpResponseMessage tooShort = await _http.GetAsync(new Uri("api/v2/persons/search?term=a", UriKind.Relative));
        JsonNode exact = (await _http.GetFromJsonAsync<JsonNode>(new Uri("api/v2/persons/search?term=ada%40example.com&fields=email&exact_match=true", UriKind.Relative)))!;
        JsonNode partial = (await _http.GetFromJsonAsync<JsonNode>(new Uri("api/v2/persons/search?term=example.com&fields=email&exact_match=true", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("Ada@Example.com", exact["data"]!["items"]![0]!["item"]!["emails"]![0]!.GetValue<string>());
        Assert.Empty(partial["data"]!["items"]!.AsArray());
    }

    [Fact]
    public async Task Leads_OffsetPaging_ReportsMoreItemsAndNextStart()
    {
        fixture.Reset();
        using HttpResponseMessage person = await PostAsync("api/v2/persons", """{"name":"Ada"}""");
        long personId = (await person.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["id"]!.GetValue<long>();
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage lead = await PostAsync("v1/leads", $$"""{"title":"Lead","person_id":{{personId}}}""");
            Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        }

        JsonNode first = (await _http.GetFromJsonAsync<JsonNode>(new Uri("v1/leads?start=0&limit=2", UriKind.Relative)))!;
        JsonNode last = (await _http.GetFromJsonAsync<JsonNode>(new Uri("v1/leads?start=2&limit=2", UriKind.Relative)))!;

        Assert.Equal(2, first["data"]!.AsArray().Count);
        Assert.True(first["additional_data"]!["pagination"]!["more_items_in_collection"]!.GetValue<bool>());
        Assert.Equal(2, first["additional_data"]!["pagination"]!["next_start"]!.GetValue<int>());
        Assert.Single(last["data"]!.AsArray());
        Assert.False(last["additional_data"]!["pagination"]!["more_items_in_collection"]!.GetValue<bool>());
        Assert.True(Guid.TryParse(first["data"]![0]!["id"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Leads_WithoutPersonOrOrganization_Answers400()
    {
        fixture.Reset();

        using HttpResponseMessage response = await PostAsync("v1/leads", """{"title":"Lonely lead"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("person", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_SendsPipedriveHeadersAnd429WithRetryAfter()
    {
        fixture.Reset();
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) };

        using HttpResponseMessage admitted = await _http.GetAsync(new Uri("v1/personFields", UriKind.Relative));
        using HttpResponseMessage limited = await _http.GetAsync(new Uri("v1/personFields", UriKind.Relative));

        Assert.Equal("1", admitted.Headers.GetValues("x-ratelimit-limit").Single());
        Assert.Equal("0", admitted.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.InRange(int.Parse(admitted.Headers.GetValues("x-ratelimit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("\"success\":false", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonFields_CustomFieldsHaveFortyCharacterHashKeys()
    {
        fixture.Reset();
        string key = Emulator.AddPersonField("Shoe size", "double");

        JsonNode fields = (await _http.GetFromJsonAsync<JsonNode>(new Uri("api/v1/personFields?start=0&limit=500", UriKind.Relative)))!;

        JsonNode field = fields["data"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "Shoe size")!;
        Assert.Equal(key, field["key"]!.GetValue<string>());
        Assert.Equal(40, key.Length);
        Assert.True(field["edit_flag"]!.GetValue<bool>());
        Assert.Equal(key, Emulator.AddPersonField("Shoe size", "double"));
    }

    private static HttpClient CreateClient(PipedriveEmulatorFixture fixture)
    {
        var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("x-api-token", PipedriveEmulator.DefaultApiToken);
        return http;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}
