using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// Emulates Power Automate Workflows webhooks that post to Microsoft Teams channels ("Post to a channel when a
/// webhook request is received"), over real sockets.
/// </summary>
/// <remarks>
/// <para>Create a channel's webhook with <see cref="AddChannel"/>: the URL has the Workflows shape
/// <c>/workflows/{id}/triggers/manual/paths/invoke?api-version=2016-06-01&amp;sp=…&amp;sv=1.0&amp;sig=…</c>. A POST checks
/// the signature (401 <c>DirectApiInvalidAuthorizationSignature</c>), the workflow (404 <c>WorkflowNotFound</c>) and
/// the envelope — <c>type</c> <c>message</c>, a non-empty <c>attachments</c> array of
/// <c>application/vnd.microsoft.card.adaptive</c> cards of type <c>AdaptiveCard</c>, and only <c>Action.OpenUrl</c>,
/// <c>Action.ShowCard</c> or <c>Action.ToggleVisibility</c> actions (400 <c>InvalidRequestContent</c>) — then answers
/// 202 Accepted with an empty body and an <c>x-ms-workflow-run-id</c> header.</para>
/// <para>With <see cref="LegacyConnector"/> the emulator answers like the retired Office 365 connector: 200 with body
/// <c>1</c>, and throttling (see <see cref="VendorEmulator.RateLimit"/>) as 200 with the body
/// <c>Microsoft Teams endpoint returned HTTP error 429</c>. Otherwise throttling is 429 with <c>Retry-After</c>.</para>
/// </remarks>
public sealed class TeamsEmulator : VendorEmulator
{
    /// <summary>The legacy connector's throttling body.</summary>
    public const string LegacyThrottledBody = "Microsoft Teams endpoint returned HTTP error 429";

    private static readonly HashSet<string> WebhookActions = new(StringComparer.Ordinal) { "Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility" };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Channel, string Sig)> _workflows = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TeamsEmulatedMessage> _messages = [];
    private long _runs;
    private volatile bool _legacy;

    /// <summary>Whether the emulator answers like the legacy Office 365 connector (200 <c>1</c>; throttling in a 200
    /// body) instead of Workflows (202, empty body).</summary>
    public bool LegacyConnector
    {
        get => _legacy;
        set => _legacy = value;
    }

    /// <summary>Every message received, in order.</summary>
    public IReadOnlyList<TeamsEmulatedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Creates a workflow that posts to a channel and returns its webhook URL (with its secret signature).</summary>
    /// <param name="channel">The channel name, as recorded on <see cref="TeamsEmulatedMessage.Channel"/>.</param>
    /// <returns>The webhook URL on this emulator.</returns>
    /// <exception cref="InvalidOperationException">The emulator has not been started.</exception>
    public Uri AddChannel(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string sig = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            _workflows[id] = (channel, sig);
        }

        return new Uri(BaseAddress, $"workflows/{id}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={sig}");
    }

    /// <summary>Forgets every workflow and message, clears faults, the request log and the rate limit, and leaves
    /// legacy mode.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _workflows.Clear();
            _messages.Clear();
        }

        LegacyConnector = false;
        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/workflows/{workflowId}/triggers/manual/paths/invoke", (Func<HttpContext, Task<IResult>>)InvokeAsync);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (LegacyConnector)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers.RetryAfter = default;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(LegacyThrottledBody, context.RequestAborted);
        }

        return EmulatorJson.WriteAsync(context.Response, Error("WorkflowRequestsThrottled", "The workflow's webhook trigger is throttled. Retry later."), context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, Error("InternalServerError", "Encountered internal server error."), context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    private static object Error(string code, string message) => new { error = new { code, message } };

    private static IResult Fail(int status, string code, string message) => EmulatorJson.Result(Error(code, message), status);

    private async Task<IResult> InvokeAsync(HttpContext context)
    {
        string workflowId = (string)context.Request.RouteValues["workflowId"]!;
        (string Channel, string Sig) workflow;
        lock (_gate)
        {
            if (!_workflows.TryGetValue(workflowId, out workflow))
            {
                return Fail(StatusCodes.Status404NotFound, "WorkflowNotFound", $"The workflow '{workflowId}' could not be found.");
            }
        }

        IQueryCollection query = context.Request.Query;
        if (string.IsNullOrEmpty(query["api-version"]))
        {
            return Fail(StatusCodes.Status400BadRequest, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        if (!string.Equals(query["sig"], workflow.Sig, StringComparison.Ordinal))
        {
            return Fail(StatusCodes.Status401Unauthorized, "DirectApiInvalidAuthorizationSignature", "The provided authorization signature is not valid.");
        }

        if (context.Request.ContentType?.Contains("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Fail(StatusCodes.Status400BadRequest, "InvalidRequestContent", "The request content type must be application/json.");
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Fail(StatusCodes.Status400BadRequest, "InvalidRequestContent", "The request content is not valid JSON.");
        }

        if (Check(root) is { } problem)
        {
            return Fail(StatusCodes.Status400BadRequest, "InvalidRequestContent", problem);
        }

        string runId = "08584" + Interlocked.Increment(ref _runs).ToString("D15", CultureInfo.InvariantCulture) + "CU00";
        var message = new TeamsEmulatedMessage(runId, workflow.Channel, workflowId, body, ContentOf(root!), TimeProvider.GetUtcNow());
        lock (_gate)
        {
            _messages.Add(message);
        }

        context.Response.Headers["x-ms-workflow-run-id"] = runId;
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        return LegacyConnector ? Results.Text("1", "text/plain") : Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static string? Check(JsonNode? root)
    {
        if (root is not JsonObject message || message["type"]?.GetValueKind() != JsonValueKind.String || (string?)message["type"] != "message")
        {
            return "The message 'type' must be 'message'.";
        }

        if (message["attachments"] is not JsonArray attachments || attachments.Count == 0)
        {
            return "The message needs a non-empty 'attachments' array.";
        }

        foreach (JsonNode? attachment in attachments)
        {
            if (attachment is not JsonObject a || a["contentType"]?.GetValueKind() != JsonValueKind.String
                || (string?)a["contentType"] != "application/vnd.microsoft.card.adaptive")
            {
                return "Every attachment's 'contentType' must be 'application/vnd.microsoft.card.adaptive'.";
            }

            if (a["content"] is not JsonObject card || card["type"]?.GetValueKind() != JsonValueKind.String || (string?)card["type"] != "AdaptiveCard")
            {
                return "Every attachment's 'content' must be an AdaptiveCard.";
            }

            if (card["body"] is not JsonArray)
            {
                return "The AdaptiveCard needs a 'body' array.";
            }

            if (card["actions"] is JsonArray actions)
            {
                foreach (JsonNode? action in actions)
                {
                    string? type = action?["type"]?.GetValueKind() == JsonValueKind.String ? (string?)action["type"] : null;
                    if (type is null || !WebhookActions.Contains(type))
                    {
                        return $"The action type '{type}' is not supported by webhooks (only Action.OpenUrl, Action.ShowCard and Action.ToggleVisibility).";
                    }
                }
            }
        }

        return null;
    }

    private static string ContentOf(JsonNode root)
    {
        var sb = new StringBuilder();
        foreach (JsonNode? attachment in root["attachments"]!.AsArray())
        {
            JsonObject card = attachment!["content"]!.AsObject();
            foreach (JsonNode? element in card["body"]!.AsArray())
            {
                AppendElement(sb, element);
            }

            if (card["actions"] is JsonArray actions)
            {
                foreach (JsonNode? action in actions)
                {
                    sb.Append(Str(action?["title"])).Append(": ").Append(Str(action?["url"])).Append('\n');
                }
            }

            if (Str(card["fallbackText"]) is { Length: > 0 } fallback)
            {
                sb.Append(Unescape(fallback)).Append('\n');
            }
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static void AppendElement(StringBuilder sb, JsonNode? element)
    {
        if (element is not JsonObject e)
        {
            return;
        }

        if (Str(e["text"]) is { Length: > 0 } text)
        {
            sb.Append(Unescape(text)).Append('\n');
        }

        if (e["facts"] is JsonArray facts)
        {
            foreach (JsonNode? fact in facts)
            {
                sb.Append(Unescape(Str(fact?["title"]))).Append(": ").Append(Unescape(Str(fact?["value"]))).Append('\n');
            }
        }

        if (e["items"] is JsonArray items)
        {
            foreach (JsonNode? item in items)
            {
                AppendElement(sb, item);
            }
        }
    }

    // Markdown backslash escapes (a backslash before ASCII punctuation) as a Teams reader sees them: the character alone.
    private static string? Unescape(string? text)
    {
        if (text is null || !text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && IsAsciiPunctuation(text[i + 1]))
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static bool IsAsciiPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    private static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? (string?)node : null;
}
