using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.HubSpot;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>
/// The HubSpot provider registered as a user would, with the network replaced by MockHttp: tests script the exact
/// requests they expect (method, URL with query, bearer header, JSON body) in order and answer them with HubSpot's
/// documented responses. A request nobody expected fails the test with what it was.
/// </summary>
internal sealed class HubSpotWire : IAsyncDisposable
{
    public const string Base = "https://api.hubapi.com/";
    public const string Token = "pat-na1-11111111-2222-3333-4444-555555555555";

    // The properties every contact read asks for, in the provider's fixed (ordinal) order.
    public static readonly string[] ContactProperties =
    [
        "company", "createdate", "email", "firstname", "hubspot_owner_id", "jobtitle", "lastmodifieddate", "lastname", "lifecyclestage",
        "martech_email_consent", "martech_email_consent_source", "martech_email_consent_updated_at",
        "martech_sms_consent", "martech_sms_consent_source", "martech_sms_consent_updated_at", "phone",
    ];

    public static readonly string ContactPropertiesQuery = "properties=" + string.Join(",", ContactProperties);

    public static readonly string ContactPropertiesJson = "[" + string.Join(",", ContactProperties.Select(p => $"\"{p}\"")) + "]";

    private readonly ServiceProvider _services;

    public HubSpotWire(Action<HubSpotOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        Mock.Fallback.Respond(request =>
        {
            string body = request.Content is null ? string.Empty : request.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            throw new InvalidOperationException($"Unexpected request: {request.Method} {request.RequestUri} {body}");
        });
        var services = new ServiceCollection();
        services.AddMartech().AddHubSpot(configure: o =>
        {
            o.AccessToken = Token;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(o);
        });
        services.AddHttpClient("HubSpot").ConfigurePrimaryHttpMessageHandler(() => Mock);
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        _services = services.BuildServiceProvider();
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public IContactClient Contacts => _services.GetRequiredService<IContactClient>();

    public ILeadClient Leads => _services.GetRequiredService<ILeadClient>();

    public ICampaignStatsClient Stats => _services.GetRequiredService<ICampaignStatsClient>();

    public IServiceProvider Services => _services;

    /// <summary>Expects the next request: method, path and exact query, the bearer token, and (when given) a JSON body
    /// equal to <paramref name="json"/> (compared as JSON, so whitespace and member order do not matter).</summary>
    public MockedRequest Expect(HttpMethod method, string pathAndQuery, string? json = null)
    {
        int query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        MockedRequest expected = Mock.Expect(method, Base + path)
            .WithExactQueryString(query < 0 ? string.Empty : pathAndQuery[(query + 1)..])
            .WithHeaders("Authorization", "Bearer " + Token);
        if (json is not null)
        {
            expected.With(request => request.Content is not null
                && request.Content.Headers.ContentType?.MediaType == "application/json"
                && JsonNode.DeepEquals(JsonNode.Parse(request.Content.ReadAsStringAsync().GetAwaiter().GetResult()), JsonNode.Parse(json)));
        }

        return expected;
    }

    /// <summary>Answers with a JSON body.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public void Verify() => Mock.VerifyNoOutstandingExpectation();

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
