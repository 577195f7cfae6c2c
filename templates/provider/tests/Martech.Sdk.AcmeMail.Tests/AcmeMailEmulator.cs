using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.AcmeMail.Tests;

/// <summary>
/// AcmeMail's API on 127.0.0.1, as its documentation describes it: <c>POST /v1/messages</c> with a bearer key, a
/// JSON body, <c>202 {"id": …}</c>, and <c>{"error": {"code", "message"}}</c> bodies for refusals. Written from the
/// vendor's documentation, not from the provider's wire types, so the tests catch a provider that misreads it. The
/// kit adds the request log, rate limits (429 with <c>Retry-After</c>) and fault injection.
/// </summary>
public sealed class AcmeMailEmulator : VendorEmulator
{
    /// <summary>The API key the emulator accepts unless <see cref="ApiKey"/> says otherwise.</summary>
    public const string DefaultApiKey = "acme-test-key-0123456789";

    private readonly Lock _gate = new();
    private readonly List<AcmeMailReceivedMessage> _messages = [];
    private int _nextId;

    /// <summary>Gets the API key requests must carry as <c>Authorization: Bearer …</c>; others get 401.</summary>
    public string ApiKey { get; init; } = DefaultApiKey;

    /// <summary>Gets every message accepted, in arrival order.</summary>
    public IReadOnlyList<AcmeMailReceivedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Forgets the messages and the kit's state, for the next test.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _messages.Clear();
        }

        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/messages", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
            {
                return Error(401, "unauthorized", "Invalid API key.");
            }

            if (await EmulatorJson.ReadNodeAsync(request) is not JsonObject body)
            {
                return Error(400, "invalid_json", "The body is not a JSON object.");
            }

            string? from = body["from"]?["email"]?.GetValue<string>();
            string[] recipients = [.. Addresses(body["to"]), .. Addresses(body["cc"]), .. Addresses(body["bcc"])];
            string? templateId = body["template_id"]?.GetValue<string>();
            string? subject = body["subject"]?.GetValue<string>();
            if (from is null || Addresses(body["to"]).Length == 0)
            {
                return Error(400, "missing_field", "from and to are required.");
            }

            if (templateId is null && (string.IsNullOrWhiteSpace(subject) || (body["text"] is null && body["html"] is null)))
            {
                return Error(400, "missing_field", "subject and text or html are required without template_id.");
            }

            string id;
            lock (_gate)
            {
                id = $"acme-{++_nextId:D6}";
                _messages.Add(new AcmeMailReceivedMessage(id, from, recipients, subject, templateId, body.ToJsonString()));
            }

            return EmulatorJson.Result(new { id }, StatusCodes.Status202Accepted, EmulatorJson.SnakeCase);
        });

    private static string[] Addresses(JsonNode? list) =>
        list is JsonArray array ? [.. array.Select(a => a?["email"]?.GetValue<string>()).OfType<string>()] : [];

    private static IResult Error(int status, string code, string message) =>
        EmulatorJson.Result(new { error = new { code, message } }, status, EmulatorJson.SnakeCase);
}

/// <summary>A message the emulator accepted.</summary>
/// <param name="Id">The id it answered with.</param>
/// <param name="From">The sender's address.</param>
/// <param name="Recipients">Every recipient: to, cc and bcc.</param>
/// <param name="Subject">The subject, if any.</param>
/// <param name="TemplateId">The template, if any.</param>
/// <param name="Json">The request body as received.</param>
public sealed record AcmeMailReceivedMessage(string Id, string From, IReadOnlyList<string> Recipients, string? Subject, string? TemplateId, string Json);
