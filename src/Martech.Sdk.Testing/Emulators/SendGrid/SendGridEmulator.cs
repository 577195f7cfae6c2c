using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// An emulator of SendGrid's v3 API on 127.0.0.1: mail send (<c>POST /v3/mail/send</c>, 202 with
/// <c>X-Message-Id</c>, SendGrid's validation and error bodies naming the field, such as
/// <c>personalizations.3.to.0.email</c>) and the suppression lists (bounces, blocks, spam reports, invalid emails,
/// global unsubscribes, unsubscribe groups) with <c>limit</c>/<c>offset</c> paging, and category statistics
/// (<c>GET /v3/categories/stats</c>, by day or month, at most 10 categories, the previous 13 months) counted from the
/// accepted messages and the events generated for them (<see cref="WebhookCallbackEmulator.Webhooks"/> decides bounces,
/// opens, clicks, unsubscribes and spam reports, whether or not a webhook URL is set; <c>aggregated_by=week</c> is not
/// emulated). It checks the bearer key, writes
/// <c>X-RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c> (a Unix time) under <see cref="VendorEmulator.RateLimit"/>,
/// and answers 429 and 5xx with SendGrid's body.
/// </summary>
/// <remarks>
/// Each accepted personalization is recorded as a <see cref="SendGridEmulatorMessage"/> in <see cref="Messages"/>; a
/// sandboxed send (<c>mail_settings.sandbox_mode.enable</c>) is answered 200 without an id and not recorded.
/// <see cref="RejectRecipient"/> makes sends to an address fail with 400, the way SendGrid rejects a request for one bad
/// personalization. Error message wording follows SendGrid's documentation where it gives one.
/// <para>Callbacks: once <see cref="WebhookCallbackEmulator.Webhooks"/> has a URL, the emulator posts the signed Event Webhook for accepted sends. Each event is posted as a one-event array signed with
/// <see cref="WebhookPrivateKey"/> (ECDSA P-256, as SendGrid signs), with a stable <c>sg_event_id</c> so redeliveries
/// are recognisable, the send's <c>custom_args</c> as top-level keys, and its categories.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var sendGrid = new SendGridEmulator { ApiKey = "SG.test" };
/// await sendGrid.StartAsync();
/// services.AddMartech().AddSendGrid(configure: o =&gt; { o.ApiKey = "SG.test"; o.BaseAddress = sendGrid.BaseAddress; });
/// // ... send ...
/// Assert.Single(sendGrid.Messages);
/// </code>
/// </example>
public sealed partial class SendGridEmulator : WebhookCallbackEmulator
{
    private readonly Lock _gate = new();
    private readonly List<SendGridEmulatorMessage> _messages = [];
    private readonly Dictionary<string, string> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private string? _apiKey;

    /// <summary>Gets or sets the API key requests must carry as <c>Authorization: Bearer …</c>; other keys get 401.</summary>
    /// <value>The default value is <see langword="null"/>: any bearer key is accepted, but one is required.</value>
    public string? ApiKey
    {
        get => Volatile.Read(ref _apiKey);
        set => Volatile.Write(ref _apiKey, value);
    }

    /// <summary>Gets a snapshot of the accepted messages (one per personalization), in the order accepted.</summary>
    public IReadOnlyList<SendGridEmulatorMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Makes every mail send that names <paramref name="email"/> as a recipient fail with 400, the error's field
    /// naming the personalization and position (<c>personalizations.2.to.0.email</c>), as SendGrid rejects a request for
    /// one bad personalization. Nothing in such a request is sent.</summary>
    /// <param name="email">The address, compared without case.</param>
    /// <param name="message">The error message.</param>
    /// <exception cref="ArgumentException"><paramref name="email"/> or <paramref name="message"/> is empty.</exception>
    public void RejectRecipient(string email, string message = "Does not contain a valid address.")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        lock (_gate)
        {
            _rejected[email.Trim()] = message;
        }
    }

    /// <summary>Forgets everything: messages, their statistics, suppressions, unsubscribe groups, rejected recipients, faults and the
    /// request log, so one started emulator can serve many tests. <see cref="ApiKey"/> and the rate limit stay.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _messages.Clear();
            _rejected.Clear();
            ClearSuppressions();
        }

        _stats.Clear();

        Faults.Clear();
        RequestLog.Clear();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/v3/mail/send", (Delegate)SendMailAsync);
        MapSuppressionRoutes(routes);
        MapStatsRoutes(routes);
    }

    /// <inheritdoc />
    protected override void WriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = (TimeProvider.GetUtcNow() + resetAfter).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, ErrorBody([new SendGridEmulatorError(null, "too many requests")]), context.Response.StatusCode, EmulatorJson.SnakeCase, context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, ErrorBody([new SendGridEmulatorError(null, "internal server error")]), context.Response.StatusCode, EmulatorJson.SnakeCase, context.RequestAborted);
    }

    private static object ErrorBody(IEnumerable<SendGridEmulatorError> errors) =>
        new { errors = errors.Select(e => new { field = e.Field, message = e.Message, help = (string?)null }).ToArray() };

    private static IResult Error(int status, string? field, string message) =>
        EmulatorJson.Result(ErrorBody([new SendGridEmulatorError(field, message)]), status, EmulatorJson.SnakeCase);

    private static string NewMessageId()
    {
        // SendGrid's ids are 22 URL-safe characters.
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>401 unless the request carries the expected bearer key.</summary>
    private IResult? Unauthorized(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string Prefix = "Bearer ";
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length == Prefix.Length)
        {
            return Error(StatusCodes.Status401Unauthorized, null, "authorization required");
        }

        string? expected = ApiKey;
        return expected is null || string.Equals(header[Prefix.Length..], expected, StringComparison.Ordinal)
            ? null
            : Error(StatusCodes.Status401Unauthorized, null, "The provided authorization grant is invalid, expired, or revoked");
    }

    private async Task<IResult> SendMailAsync(HttpContext context)
    {
        if (Unauthorized(context.Request) is { } unauthorized)
        {
            return unauthorized;
        }

        JsonNode? body;
        try
        {
            body = await EmulatorJson.ReadNodeAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, null, "Bad Request");
        }

        IReadOnlyDictionary<string, string> rejected;
        lock (_gate)
        {
            rejected = new Dictionary<string, string>(_rejected, StringComparer.OrdinalIgnoreCase);
        }

        string? onBehalfOf = context.Request.Headers["on-behalf-of"].FirstOrDefault();
        var (messages, errors, sandbox) = SendGridEmulatorMailReader.Read(body, rejected, TimeProvider.GetUtcNow(), onBehalfOf);
        if (errors.Count > 0)
        {
            return EmulatorJson.Result(ErrorBody(errors), StatusCodes.Status400BadRequest, EmulatorJson.SnakeCase);
        }

        if (sandbox)
        {
            return Results.Ok();
        }

        string messageId = NewMessageId();
        var accepted = new List<SendGridEmulatorMessage>(messages.Count);
        lock (_gate)
        {
            foreach (SendGridEmulatorMessage message in messages)
            {
                SendGridEmulatorMessage stored = message with { MessageId = messageId };
                _messages.Add(stored);
                accepted.Add(stored);
            }
        }

        RecordStats(accepted);
        QueueWebhooks(accepted);

        context.Response.Headers["X-Message-Id"] = messageId;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
