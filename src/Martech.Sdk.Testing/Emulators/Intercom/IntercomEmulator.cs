using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// An emulator of the Intercom REST API (version 2.14) for what the Intercom provider uses: replies to conversations
/// (<c>POST /conversations/{id}/reply</c>), admin-initiated messages to contacts (<c>POST /messages</c>), and contacts
/// listed (<c>GET /contacts</c>) and searched (<c>POST /contacts/search</c>) with <c>starting_after</c> cursors.
/// </summary>
/// <remarks>
/// <para>Every request needs <c>Authorization: Bearer</c> <see cref="AccessToken"/> (else 401 <c>unauthorized</c>,
/// "Access Token Invalid") and, while <see cref="RequireIntercomVersion"/> is on, an <c>Intercom-Version</c> header
/// naming a version of <see cref="KnownVersions"/> (else 400 <c>bad_request</c>); the version is recorded on what the
/// request created. Errors use Intercom's shape, <c>{"type":"error.list","request_id":"…","errors":[{"code","message",
/// "field"?}]}</c>: 404 <c>not_found</c> "Resource Not Found" for an unknown conversation or contact, 404
/// <c>admin_not_found</c> for an unknown admin, 400 <c>parameter_invalid</c> "Body is required" and 422
/// <c>parameter_not_found</c> "No subject supplied for email message" as documented for <c>POST /messages</c>, and 400
/// <c>parameter_invalid</c> or <c>parameter_not_found</c> for other bad parameters.</para>
/// <para>Contacts page 50 at a time unless <c>per_page</c> (1 to 150) says otherwise; a page that is not the last has
/// <c>pages.next.starting_after</c>, an opaque cursor. Search supports the fields <c>id</c>, <c>email</c>,
/// <c>email_domain</c>, <c>name</c>, <c>role</c>, <c>external_id</c>, <c>phone</c> and <c>created_at</c>, the
/// operators <c>=</c>, <c>!=</c>, <c>IN</c>, <c>NIN</c>, <c>~</c>, <c>!~</c>, <c>^</c>, <c>$</c>, <c>&lt;</c>,
/// <c>&gt;</c>, and <c>AND</c>/<c>OR</c> groups (at most two levels deep, 15 filters each); text compares ignore
/// case.</para>
/// <para>With a <see cref="VendorEmulator.RateLimit"/>, authenticated responses carry <c>X-RateLimit-Limit</c>,
/// <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (a Unix time, rounded up), and a 429 carries the
/// error code <c>rate_limit_exceeded</c> with those headers but no <c>Retry-After</c> unless
/// <see cref="SendRetryAfter"/> is on (Intercom documents none). An injected 429 without a rate limit still sends the
/// three headers, with <see cref="DefaultRateLimitPerWindow"/> and a reset after its <c>Retry-After</c> (10 seconds
/// when it has none).</para>
/// </remarks>
public sealed partial class IntercomEmulator : VendorEmulator
{
    /// <summary>The access token the emulator accepts unless <see cref="AccessToken"/> is changed.</summary>
    public const string DefaultAccessToken = "intercom-emulator-access-token";

    /// <summary>The admin the emulator knows after start and after <see cref="Reset"/>.</summary>
    public const string DefaultAdminId = "991267";

    /// <summary>The <c>X-RateLimit-Limit</c> an injected 429 reports when no <see cref="VendorEmulator.RateLimit"/> is
    /// set: Intercom's documented 1,000 per minute, which is 167 per 10-second window.</summary>
    public const int DefaultRateLimitPerWindow = 167;

    private const string VersionHeader = "Intercom-Version";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _admins = new(StringComparer.Ordinal) { DefaultAdminId };
    private readonly List<IntercomEmulatedReply> _replies = [];
    private readonly List<IntercomEmulatedMessage> _messages = [];
    private string _accessToken = DefaultAccessToken;
    private volatile bool _requireVersion = true;
    private volatile bool _sendRetryAfter;
    private long _sequence;
    private long _partIds = 100;
    private long _messageIds = 403918300;

    /// <summary>Gets the <c>Intercom-Version</c> values the emulator accepts: those of the 2.14 specification's
    /// <c>intercom_version</c> enum.</summary>
    public static IReadOnlyList<string> KnownVersions { get; } =
        ["1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14"];

    /// <summary>Gets or sets the access token requests must carry as a bearer token.</summary>
    /// <value>The default value is <see cref="DefaultAccessToken"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string AccessToken
    {
        get => Volatile.Read(ref _accessToken);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _accessToken, value);
        }
    }

    /// <summary>Gets or sets whether a request without an <c>Intercom-Version</c> header is refused (400). Intercom
    /// itself falls back to the app's default version; requiring it shows that a client always says which version
    /// it speaks. An unknown version is refused either way.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireIntercomVersion
    {
        get => _requireVersion;
        set => _requireVersion = value;
    }

    /// <summary>Gets or sets whether a 429 also carries <c>Retry-After</c>; Intercom documents only the
    /// <c>X-RateLimit-*</c> headers.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SendRetryAfter
    {
        get => _sendRetryAfter;
        set => _sendRetryAfter = value;
    }

    /// <summary>Gets the ids of the admins replies and messages may be sent as.</summary>
    public IReadOnlyList<string> Admins
    {
        get
        {
            lock (_gate)
            {
                return [.. _admins.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Gets the replies accepted, in the order accepted.</summary>
    public IReadOnlyList<IntercomEmulatedReply> Replies
    {
        get
        {
            lock (_gate)
            {
                return [.. _replies];
            }
        }
    }

    /// <summary>Gets the admin-initiated messages accepted, in the order accepted.</summary>
    public IReadOnlyList<IntercomEmulatedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Adds an admin that replies and messages may be sent as.</summary>
    /// <param name="id">The admin id.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public void AddAdmin(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        lock (_gate)
        {
            _admins.Add(id);
        }
    }

    /// <summary>Forgets every contact, conversation, reply, message, request, fault and rate limit; restores the
    /// default access token and admin, requires <c>Intercom-Version</c> again and stops sending <c>Retry-After</c>,
    /// for the next test.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _replies.Clear();
            _messages.Clear();
            _admins.Clear();
            _admins.Add(DefaultAdminId);
        }

        _contacts.Clear();
        _conversations.Clear();
        AccessToken = DefaultAccessToken;
        RequireIntercomVersion = true;
        SendRetryAfter = false;
        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/conversations/{conversationId}/reply", (Func<HttpContext, Task<IResult>>)ReplyAsync);
        routes.MapPost("/messages", (Func<HttpContext, Task<IResult>>)CreateMessageAsync);
        routes.MapGet("/contacts", (Func<HttpContext, IResult>)ListContacts);
        routes.MapPost("/contacts/search", (Func<HttpContext, Task<IResult>>)SearchContactsAsync);
    }

    /// <inheritdoc />
    protected override void WriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter)
    {
        ArgumentNullException.ThrowIfNull(response);

        // Intercom sends these on authenticated responses only.
        if (Authenticated(response.HttpContext.Request))
        {
            WriteLimitHeaders(response, limit, remaining, resetAfter);
        }
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpResponse response = context.Response;
        if (!SendRetryAfter)
        {
            response.Headers.RetryAfter = default;
        }

        int limit = RateLimit?.PermitLimit ?? DefaultRateLimitPerWindow;
        if (!response.Headers.ContainsKey("X-RateLimit-Limit"))
        {
            WriteLimitHeaders(response, limit, 0, retryAfter ?? TimeSpan.FromSeconds(10));
        }

        TimeSpan window = RateLimit?.Window ?? TimeSpan.FromSeconds(10);
        string message = string.Create(CultureInfo.InvariantCulture, $"Exceeded rate limit of {limit} in {Math.Ceiling(window.TotalSeconds)}_seconds");
        return EmulatorJson.WriteAsync(response, ErrorBody("rate_limit_exceeded", message), response.StatusCode, EmulatorJson.SnakeCase, context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, ErrorBody("server_error", "Injected server error."), context.Response.StatusCode, EmulatorJson.SnakeCase, context.RequestAborted);
    }

    private static Dictionary<string, object?> ErrorBody(string code, string message, string? field = null)
    {
        var error = new Dictionary<string, object?> { ["code"] = code, ["message"] = message };
        if (field is not null)
        {
            error["field"] = field;
        }

        return new Dictionary<string, object?>
        {
            ["type"] = "error.list",
            ["request_id"] = Guid.NewGuid().ToString(),
            ["errors"] = new[] { error },
        };
    }

    private static IResult Error(int status, string code, string message, string? field = null) =>
        EmulatorJson.Result(ErrorBody(code, message, field), status, EmulatorJson.SnakeCase);

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "not_found", "Resource Not Found");

    private void WriteLimitHeaders(HttpResponse response, int limit, int remaining, TimeSpan resetAfter)
    {
        // A Unix time in whole seconds, rounded up so a client that waits until then finds the window open.
        long resetMs = (TimeProvider.GetUtcNow() + resetAfter).ToUnixTimeMilliseconds();
        long reset = (resetMs + 999) / 1000;
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }

    private bool Authenticated(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && string.Equals(header["Bearer ".Length..].Trim(), AccessToken, StringComparison.Ordinal);
    }

    /// <summary>The checks every route makes first: the bearer token, then the version header.</summary>
    private IResult? Refuse(HttpRequest request, out string? version)
    {
        version = request.Headers.TryGetValue(VersionHeader, out var values) && values.Count > 0 ? values[0] : null;
        if (!Authenticated(request))
        {
            return Error(StatusCodes.Status401Unauthorized, "unauthorized", "Access Token Invalid");
        }

        if (version is null)
        {
            return RequireIntercomVersion
                ? Error(StatusCodes.Status400BadRequest, "bad_request", "The Intercom-Version header is required by this emulator.")
                : null;
        }

        return KnownVersions.Contains(version, StringComparer.Ordinal)
            ? null
            : Error(StatusCodes.Status400BadRequest, "bad_request", $"Requested version '{version}' is not a valid Intercom-Version.");
    }

    private bool IsAdmin(string id)
    {
        lock (_gate)
        {
            return _admins.Contains(id);
        }
    }

    private static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            return await EmulatorJson.ReadNodeAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false) is JsonObject body
                ? (body, null)
                : (null, Error(StatusCodes.Status400BadRequest, "parameter_invalid", "The request body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "parameter_invalid", "The request body is not valid JSON."));
        }
    }

    /// <summary>A string or number property as text; <see langword="null"/> when absent, null or another kind.</summary>
    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? value.ToString()
            : null;

    private static string NewHexId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private long NextSequence() => Interlocked.Increment(ref _sequence);
}
