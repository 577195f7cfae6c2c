using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Salesforce;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Salesforce;

/// <summary>
/// Builds the Salesforce provider through DI as a user would, with MockHttp as the primary handler of both its API client
/// and its token client, and the Salesforce wire shapes the tests answer with (REFERENCE.md section 2).
/// </summary>
internal sealed class SalesforceWire : IAsyncDisposable
{
    public const string MyDomain = "https://acme.my.salesforce.com";

    /// <summary>The token's instance_url: a different host, so tests prove API calls go there and not to the My Domain.</summary>
    public const string Instance = "https://acme-api.my.salesforce.com";

    public const string Data = Instance + "/services/data/v62.0";

    public const string AccessToken = "00DEMU000000001!AR.access-token-value";

    public const string ClientSecret = "consumer-secret-value";

    private SalesforceWire(ServiceProvider services, MockHttpMessageHandler mock)
    {
        Services = services;
        Mock = mock;
    }

    public ServiceProvider Services { get; }

    public MockHttpMessageHandler Mock { get; }

    public IContactClient Contacts => Services.GetRequiredService<IContactClient>();

    public ILeadClient Leads => Services.GetRequiredService<ILeadClient>();

    public ICampaignClient Campaigns => Services.GetRequiredService<ICampaignClient>();

    /// <summary>Creates the provider and expects the client-credentials token request first.</summary>
    public static SalesforceWire Create(Action<SalesforceOptions>? configure = null, bool expectToken = true)
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond((Func<HttpRequestMessage, HttpResponseMessage>)(request => throw new InvalidOperationException($"Unexpected request: {request.Method} {request.RequestUri}")));
        var services = new ServiceCollection();
        services.AddMartech().AddSalesforce(configure: o =>
        {
            o.MyDomainUrl = new Uri(MyDomain);
            o.ClientId = "consumer-key";
            o.ClientSecret = ClientSecret;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(o);
        });
        services.AddHttpClient("Salesforce").ConfigurePrimaryHttpMessageHandler(() => mock);
        services.AddHttpClient("Salesforce.oauth").ConfigurePrimaryHttpMessageHandler(() => mock);
        var wire = new SalesforceWire(services.BuildServiceProvider(), mock);
        if (expectToken)
        {
            wire.ExpectToken();
        }

        return wire;
    }

    /// <summary>The client-credentials token request, exactly, answered as Salesforce documents it.</summary>
    public void ExpectToken(string accessToken = AccessToken) =>
        Mock.Expect(HttpMethod.Post, MyDomain + "/services/oauth2/token")
            .WithExactFormData([new("grant_type", "client_credentials"), new("client_id", "consumer-key"), new("client_secret", ClientSecret)])
            .WithHeaders("Accept", "application/json")
            .Respond("application/json", $$"""
                {"access_token":"{{accessToken}}","signature":"c2lnbmF0dXJl","token_format":"opaque","instance_url":"{{Instance}}",
                 "id":"https://login.salesforce.com/id/00DEMU000000001AAA/005EMU000000001AAA","token_type":"Bearer","issued_at":"1296509381665"}
                """);

    /// <summary>Expects a GET of a describe and answers the given fields.</summary>
    public void ExpectDescribe(string type, params (string Name, bool Custom, bool Createable, bool Updateable)[] fields)
    {
        var array = new JsonArray();
        foreach (var (name, custom, createable, updateable) in fields)
        {
            array.Add(new JsonObject { ["name"] = name, ["type"] = "string", ["custom"] = custom, ["createable"] = createable, ["updateable"] = updateable });
        }

        Mock.Expect(HttpMethod.Get, $"{Data}/sobjects/{type}/describe")
            .WithHeaders("Authorization", "Bearer " + AccessToken)
            .Respond("application/json", new JsonObject { ["name"] = type, ["fields"] = array }.ToJsonString());
    }

    /// <summary>The Contact describe most tests use: standard fields, one read-only, and one custom field.</summary>
    public void ExpectContactDescribe() => ExpectDescribe(
        "Contact",
        ("Id", false, false, false),
        ("LastName", false, true, true),
        ("FirstName", false, true, true),
        ("Title", false, true, true),
        ("MobilePhone", false, true, true),
        ("HasOptedOutOfEmail", false, true, true),
        ("OwnerId", false, true, true),
        ("Email", false, true, true),
        ("Name", false, false, false),
        ("CreatedDate", false, false, false),
        ("AccountId", false, true, true),
        ("Favourite_Colour__c", true, true, true));

    /// <summary>Expects a SOQL query, matched on its exact, URL-encoded query string.</summary>
    public MockedRequest ExpectQuery(string soql) =>
        Mock.Expect(HttpMethod.Get, $"{Data}/query")
            .With(request => request.RequestUri!.Query == "?q=" + Uri.EscapeDataString(soql))
            .WithHeaders("Authorization", "Bearer " + AccessToken);

    public static string QueryResult(params string[] records) =>
        $$"""{"totalSize":{{records.Length}},"done":true,"records":[{{string.Join(',', records)}}]}""";

    /// <summary>A Contact record as a SOQL query returns it, with its Account relationship.</summary>
    public static string ContactRecord(string id, string email, string? extra = null, string? accountName = null) =>
        $$"""{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/{{id}}"},"Id":"{{id}}","Email":"{{email}}","LastName":"Lovelace","FirstName":"Ada","Name":"Ada Lovelace","CreatedDate":"2025-03-01T12:30:00.000+0000","LastModifiedDate":"2025-03-02T08:00:00.000+0000","AccountId":{{(accountName is null ? "null" : "\"0015E0000000001AAA\"")}},"Account":{{(accountName is null ? "null" : $$$"""{"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/0015E0000000001AAA"},"Name":"{{{accountName}}}"}""")}}{{(extra is null ? string.Empty : "," + extra)}}}""";

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

/// <summary>Matches a request body as JSON, ignoring formatting.</summary>
internal static class JsonBodyMatching
{
    public static MockedRequest WithJsonBody(this MockedRequest request, string expected) =>
        request.With(message =>
        {
            string body = message.Content?.ReadAsStringAsync().GetAwaiter().GetResult() ?? string.Empty;
            return JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(expected))
                && message.Content!.Headers.ContentType?.MediaType == "application/json";
        });
}
