using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Pipedrive;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

/// <summary>Builds the Pipedrive provider through DI with MockHttp as its network, and holds Pipedrive's documented
/// response shapes.</summary>
internal static class PipedriveWire
{
    public const string Token = "pd-token-1234567890";
    public const string V2 = "https://api.pipedrive.com/api/v2/";
    public const string V1 = "https://api.pipedrive.com/v1/";

    // Custom field keys are 40-character hashes in Pipedrive.
    public const string CompanyKey = "1a2b3c4d5e6f70811a2b3c4d5e6f70811a2b3c4d";
    public const string JobTitleKey = "2b3c4d5e6f70811a2b3c4d5e6f70811a2b3c4d5e";
    public const string StageKey = "3c4d5e6f70811a2b3c4d5e6f70811a2b3c4d5e6f";
    public const string SmsKey = "4d5e6f70811a2b3c4d5e6f70811a2b3c4d5e6f70";
    public const string ColourKey = "5e6f70811a2b3c4d5e6f70811a2b3c4d5e6f7081";
    public const string UnknownKey = "ffffffffffffffffffffffffffffffffffffffff";
    public const string LeadStatusKey = "6f70811a2b3c4d5e6f70811a2b3c4d5e6f70811a";
    public const string LeadSourceKey = "70811a2b3c4d5e6f70811a2b3c4d5e6f70811a2b";
    public const string LeadScoreKey = "811a2b3c4d5e6f70811a2b3c4d5e6f70811a2b3c";
    public const string BudgetKey = "911a2b3c4d5e6f70811a2b3c4d5e6f70811a2b3c";

    public const string ErrorInfo = "Please check developers.pipedrive.com for more information about Pipedrive API.";

    public static MockHttpMessageHandler NewMock()
    {
        var mock = new MockHttpMessageHandler(BackendDefinitionBehavior.Always);
        mock.Fallback.Respond(request => new HttpResponseMessage(HttpStatusCode.NotImplemented)
        {
            Content = new StringContent($"{{\"success\":false,\"error\":\"Unexpected request {request.Method} {request.RequestUri} {Body(request)}\"}}", Encoding.UTF8, "application/json"),
        });
        return mock;
    }

    public static ServiceProvider Build(MockHttpMessageHandler mock, Action<PipedriveOptions>? configure = null, string name = "Pipedrive")
    {
        var services = new ServiceCollection();
        services.AddMartech().AddPipedrive(name, o =>
        {
            o.ApiToken = Token;
            o.Resilience.MaxRetryAttempts = 0;
            o.ConversionPollInterval = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        return services.BuildServiceProvider();
    }

    /// <summary>Answers the field definitions whenever they are read, and counts the reads.</summary>
    public static MockedRequest WhenFields(this MockHttpMessageHandler mock)
    {
        mock.When(HttpMethod.Get, V1 + "leadFields").WithExactQueryString("start=0&limit=500").WithHeaders("x-api-token", Token).Respond("application/json", LeadFields);
        return mock.When(HttpMethod.Get, V1 + "personFields").WithExactQueryString("start=0&limit=500").WithHeaders("x-api-token", Token).Respond("application/json", PersonFields);
    }

    /// <summary>Matches a request whose body is this JSON (compared as JSON, not text).</summary>
    public static MockedRequest WithJson(this MockedRequest request, string json) =>
        request.With(message => message.Content is not null
            && JsonNode.DeepEquals(JsonNode.Parse(Body(message)), JsonNode.Parse(json))
            && message.Content.Headers.ContentType?.MediaType == "application/json");

    public static MockedRequest RespondJson(this MockedRequest request, string json, HttpStatusCode status = HttpStatusCode.OK) =>
        request.Respond(status, "application/json", json);

    public static string Body(HttpRequestMessage message) =>
        message.Content?.ReadAsStringAsync().GetAwaiter().GetResult() ?? string.Empty;

    public static string Ok(string data, string additionalData = "null") =>
        $$"""{"success":true,"data":{{data}},"additional_data":{{additionalData}}}""";

    public static string Fail(string error, int code) =>
        $$"""{"success":false,"error":"{{error}}","errorCode":{{code}},"error_info":"{{ErrorInfo}}","data":null,"additional_data":null}""";

    /// <summary>A v2 person as Pipedrive documents it (GetPersonsResponseAllOfDataInner), with custom fields.</summary>
    public static string Person(long id = 42, string name = "Ada Lovelace", string first = "Ada", string last = "Lovelace", string email = "ada@example.com", string marketing = "subscribed") => $$"""
        {
          "id": {{id}},
          "name": "{{name}}",
          "first_name": "{{first}}",
          "last_name": "{{last}}",
          "owner_id": 5,
          "org_id": null,
          "add_time": "2024-05-01T09:30:00Z",
          "update_time": "2024-05-02T10:00:00Z",
          "emails": [ { "value": "{{email}}", "primary": true, "label": "work" }, { "value": "ada.private@example.org", "primary": false, "label": "home" } ],
          "phones": [ { "value": "+442079460958", "primary": true, "label": "mobile" } ],
          "is_deleted": false,
          "visible_to": 3,
          "label_ids": [],
          "picture_id": null,
          "marketing_status": "{{marketing}}",
          "custom_fields": {
            "{{CompanyKey}}": "Analytical Engines",
            "{{JobTitleKey}}": null,
            "{{StageKey}}": 2,
            "{{SmsKey}}": "denied",
            "{{ColourKey}}": "teal",
            "{{UnknownKey}}": 17
          }
        }
        """;

    /// <summary>A v1 lead as Pipedrive documents it (Lead model), with custom fields at the top level.</summary>
    public static string Lead(string id, long personId = 42, string title = "Webinar: Ada", string status = "working") => $$"""
        {
          "id": "{{id}}",
          "title": "{{title}}",
          "owner_id": 5,
          "creator_id": 5,
          "label_ids": [],
          "person_id": {{personId}},
          "organization_id": null,
          "source_name": "API",
          "origin": "API",
          "origin_id": null,
          "channel": null,
          "channel_id": null,
          "source_deal_id": null,
          "is_archived": false,
          "was_seen": false,
          "value": { "amount": 1000, "currency": "EUR" },
          "expected_close_date": null,
          "next_activity_id": null,
          "add_time": "2024-05-03T08:00:00.000Z",
          "update_time": "2024-05-04T08:00:00.000Z",
          "visible_to": "3",
          "cc_email": "acme+deal1@pipedrivemail.com",
          "{{LeadStatusKey}}": "{{status}}",
          "{{LeadSourceKey}}": "webinar",
          "{{LeadScoreKey}}": 40,
          "{{BudgetKey}}": "50k-100k"
        }
        """;

    public static readonly string PersonFields = Ok($$"""
        [
          { "id": 1, "key": "name", "name": "Name", "field_type": "varchar", "edit_flag": false },
          { "id": 2, "key": "email", "name": "Email", "field_type": "varchar", "edit_flag": false },
          { "id": 3, "key": "marketing_status", "name": "Marketing status", "field_type": "enum", "edit_flag": false,
            "options": [ { "id": "no_consent", "label": "No consent" }, { "id": "subscribed", "label": "Subscribed" } ] },
          { "id": 10, "key": "{{CompanyKey}}", "name": "Company", "field_type": "varchar", "edit_flag": true },
          { "id": 11, "key": "{{JobTitleKey}}", "name": "Job title", "field_type": "varchar", "edit_flag": true },
          { "id": 12, "key": "{{StageKey}}", "name": "Lifecycle stage", "field_type": "enum", "edit_flag": true,
            "options": [ { "id": 1, "label": "subscriber" }, { "id": 2, "label": "lead" }, { "id": 3, "label": "customer" } ] },
          { "id": 13, "key": "{{SmsKey}}", "name": "SMS consent", "field_type": "varchar", "edit_flag": true },
          { "id": 14, "key": "{{ColourKey}}", "name": "Favourite colour", "field_type": "varchar", "edit_flag": true }
        ]
        """, """{ "pagination": { "start": 0, "limit": 500, "more_items_in_collection": false } }""");

    public static readonly string LeadFields = Ok($$"""
        [
          { "id": 1, "key": "title", "name": "Title", "field_type": "varchar", "edit_flag": false },
          { "id": 20, "key": "{{LeadStatusKey}}", "name": "Lead status", "field_type": "varchar", "edit_flag": true },
          { "id": 21, "key": "{{LeadSourceKey}}", "name": "Lead source", "field_type": "varchar", "edit_flag": true },
          { "id": 22, "key": "{{LeadScoreKey}}", "name": "Lead score", "field_type": "double", "edit_flag": true },
          { "id": 23, "key": "{{BudgetKey}}", "name": "Budget band", "field_type": "varchar", "edit_flag": true }
        ]
        """, """{ "pagination": { "start": 0, "limit": 500, "more_items_in_collection": false } }""");
}
