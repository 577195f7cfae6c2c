using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// An emulator of Postmark's server API for what the Postmark provider uses: <c>POST /email</c>,
/// <c>/email/withTemplate</c>, <c>/email/batch</c> and <c>/email/batchWithTemplates</c> (per-message <c>ErrorCode</c>s
/// in a 200 array), and each message stream's suppressions (<c>GET /message-streams/{stream}/suppressions/dump</c>,
/// <c>POST …/suppressions</c>, <c>POST …/suppressions/delete</c>), with Postmark's error bodies
/// (<c>{"ErrorCode": n, "Message": "…"}</c>).
/// </summary>
/// <remarks>
/// <para>Requests need <c>X-Postmark-Server-Token: </c><see cref="ServerToken"/> (else 401, code 10) and
/// <c>Accept: application/json</c> (else 415). The server has the streams <c>outbound</c> and <c>broadcast</c> (add more
/// with <see cref="AddMessageStream"/>); a template send must name a template added with <see cref="AddTemplate"/>
/// (else code 1101).</para>
/// <para>A message whose recipients are all suppressed on its stream is refused with code 406; one with some suppressed
/// recipients is accepted and delivered to the others, answering <c>"Message OK, but will not deliver to these
/// inactive addresses: …"</c>. Messages are validated as Postmark documents: From and To
/// addresses (300), at most 50 recipients (300), a body or a template, at most 500 messages a batch (410), 10 MB a
/// message and 50 MB a batch (413), metadata of at most 10 keys of 20 characters with values of 80 (300).</para>
/// <para>Suppressions are applied at once (Postmark applies them within a minute). Adding one creates a
/// <c>ManualSuppression</c> with origin <c>Customer</c>; spam complaints and recipient unsubscribes cannot be removed.
/// The dump's date filters compare UTC dates.</para>
/// <para>Postmark documents no rate-limit headers, so the emulator writes none; its 429 body is
/// <c>{"ErrorCode": 429, "Message": "Rate limit exceeded."}</c>.</para>
/// <para>Callbacks: once <see cref="WebhookCallbackEmulator.Webhooks"/> has a URL, the emulator posts webhooks for accepted messages. Each record is posted on its own with
/// <see cref="WebhookUsername"/> and <see cref="WebhookPassword"/> as HTTP Basic credentials, as Postmark does:
/// Delivery, then Open (unless the message set <c>TrackOpens</c> false) and Click (unless <c>TrackLinks</c> is
/// <c>None</c>), SubscriptionChange for an unsubscribe, SpamComplaint; a HardBounce record instead for a bounce address.
/// Postmark has no "processed" webhook, so none is posted. A redelivered record is byte for byte the same.</para>
/// <para>Outbound statistics (<c>GET /stats/outbound</c> and <c>/stats/outbound/sends</c>, <c>bounces</c>, <c>spam</c>,
/// <c>opens</c>, <c>clicks</c>, <c>tracked</c>, filtered by <c>tag</c>, <c>fromdate</c>, <c>todate</c> (inclusive) and
/// <c>messagestream</c>) count the accepted messages and the events generated for them, whether or not a webhook URL is
/// set, by day at <see cref="StatsUtcOffset"/>. A day lists only the counts it has, and days without any are left out.</para>
/// </remarks>
public sealed partial class PostmarkEmulator : WebhookCallbackEmulator
{
    /// <summary>The server token the emulator accepts unless <see cref="ServerToken"/> is changed.</summary>
    public const string DefaultServerToken = "postmark-emulator-server-token";

    /// <summary>The most messages a batch takes.</summary>
    public const int MaxBatchSize = 500;

    /// <summary>The most addresses a suppression create or delete takes.</summary>
    public const int MaxSuppressionChanges = 50;

    private const long MaxMessageBytes = 10L * 1024 * 1024;
    private const long MaxBatchBytes = 50L * 1024 * 1024;
    private const string Authority = "You do not have the required authority to change this suppression.";

    private readonly Lock _gate = new();
    private readonly EmulatorStore<PostmarkEmulatedEmail> _emails = new(string.Empty);
    private readonly EmulatorStore<PostmarkEmulatedSuppression> _suppressions = new(string.Empty, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _streams = new(StringComparer.Ordinal);
    private readonly HashSet<string> _templates = new(StringComparer.Ordinal);
    private string _serverToken = DefaultServerToken;

    /// <summary>Creates an emulator that is not yet listening, with the streams <c>outbound</c> and <c>broadcast</c>.</summary>
    public PostmarkEmulator() => ResetStreams();

    /// <summary>Gets or sets the server token requests must carry.</summary>
    /// <value>The default value is <see cref="DefaultServerToken"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string ServerToken
    {
        get => Volatile.Read(ref _serverToken);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _serverToken, value);
        }
    }

    /// <summary>Gets the messages accepted, in the order accepted.</summary>
    public IReadOnlyList<PostmarkEmulatedEmail> SentEmails => _emails.Items;

    /// <summary>Gets the suppressions of every stream, oldest first.</summary>
    public IReadOnlyList<PostmarkEmulatedSuppression> Suppressions => _suppressions.Items;

    /// <summary>Adds a message stream the server can send on and keep suppressions for.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <exception cref="ArgumentException"><paramref name="streamId"/> is empty.</exception>
    public void AddMessageStream(string streamId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        lock (_gate)
        {
            _streams.Add(streamId);
        }
    }

    /// <summary>Adds a template that template sends may name, by its numeric id, its alias, or both.</summary>
    /// <param name="templateId">The numeric <c>TemplateId</c>, or <see langword="null"/>.</param>
    /// <param name="alias">The <c>TemplateAlias</c>, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Neither is given.</exception>
    public void AddTemplate(long? templateId, string? alias = null)
    {
        if (templateId is null && string.IsNullOrWhiteSpace(alias))
        {
            throw new ArgumentException("Give a template id, an alias, or both.", nameof(alias));
        }

        lock (_gate)
        {
            if (templateId is { } id)
            {
                _templates.Add(id.ToString(CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrWhiteSpace(alias))
            {
                _templates.Add(alias);
            }
        }
    }

    /// <summary>Puts an address on a stream's suppression list, as a bounce, complaint or unsubscribe would.</summary>
    /// <param name="messageStream">The stream.</param>
    /// <param name="emailAddress">The address.</param>
    /// <param name="suppressionReason"><c>HardBounce</c>, <c>SpamComplaint</c> or <c>ManualSuppression</c>.</param>
    /// <param name="origin"><c>Recipient</c>, <c>Customer</c> or <c>Admin</c>.</param>
    /// <param name="createdAt">When; <see langword="null"/> for now by <see cref="VendorEmulator.TimeProvider"/>.</param>
    /// <exception cref="ArgumentException">A value is empty or not one Postmark uses.</exception>
    public void AddSuppression(string messageStream, string emailAddress, string suppressionReason = "HardBounce", string origin = "Recipient", DateTimeOffset? createdAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageStream);
        ArgumentException.ThrowIfNullOrWhiteSpace(emailAddress);
        if (!IsReason(suppressionReason))
        {
            throw new ArgumentException($"'{suppressionReason}' is not HardBounce, SpamComplaint or ManualSuppression.", nameof(suppressionReason));
        }

        if (!IsOrigin(origin))
        {
            throw new ArgumentException($"'{origin}' is not Recipient, Customer or Admin.", nameof(origin));
        }

        _suppressions.Set(SuppressionKey(messageStream, emailAddress), new PostmarkEmulatedSuppression(messageStream, emailAddress, suppressionReason, origin, createdAt ?? TimeProvider.GetUtcNow()));
    }

    /// <summary>Forgets every message (and its statistics), suppression, template, added stream, request, fault and rate limit, for the next test.</summary>
    public void Reset()
    {
        _emails.Clear();
        _suppressions.Clear();
        _stats.Clear();
        lock (_gate)
        {
            _templates.Clear();
        }

        ResetStreams();
        ServerToken = DefaultServerToken;
        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/email", Handler(context => SendOneAsync(context, template: false)));
        routes.MapPost("/email/withTemplate", Handler(context => SendOneAsync(context, template: true)));
        routes.MapPost("/email/batch", Handler(context => SendBatchAsync(context, template: false)));
        routes.MapPost("/email/batchWithTemplates", Handler(context => SendBatchAsync(context, template: true)));
        routes.MapGet("/message-streams/{stream}/suppressions/dump", Handler(context => Task.FromResult(Dump(context.Request, StreamOf(context)))));
        routes.MapPost("/message-streams/{stream}/suppressions", Handler(context => ChangeAsync(context, StreamOf(context), add: true)));
        routes.MapPost("/message-streams/{stream}/suppressions/delete", Handler(context => ChangeAsync(context, StreamOf(context), add: false)));
        MapStatsRoutes(routes);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, new { ErrorCode = 429, Message = "Rate limit exceeded." }, context.Response.StatusCode, EmulatorJson.PascalCase, context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        object body = context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable
            ? new { ErrorCode = 100, Message = "Maintenance: the Postmark API is offline." }
            : new { ErrorCode = 0, Message = "Internal server error." };
        return EmulatorJson.WriteAsync(context.Response, body, context.Response.StatusCode, EmulatorJson.PascalCase, context.RequestAborted);
    }

    private static IResult Error(int errorCode, string message, int status = StatusCodes.Status422UnprocessableEntity) =>
        EmulatorJson.Result(new { ErrorCode = errorCode, Message = message }, status, EmulatorJson.PascalCase);

    private static bool IsReason(string? value) => value is "HardBounce" or "SpamComplaint" or "ManualSuppression";

    private static bool IsOrigin(string? value) => value is "Recipient" or "Customer" or "Admin";

    private static string SuppressionKey(string stream, string email) => stream + "\n" + email.Trim();

    private static string? Text(JsonObject message, string name) =>
        message[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>Splits a Postmark address list on commas outside quotes, keeping each <c>addr</c> or <c>Name &lt;addr&gt;</c>.</summary>
    private static List<string> SplitAddresses(string list)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < list.Length; i++)
        {
            char c = list[i];
            if (c == '\\' && quoted && i + 1 < list.Length)
            {
                current.Append(c).Append(list[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ',' && !quoted)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString().Trim());
        return parts;
    }

    private static bool TryParseMailbox(string text, out EmailAddress address)
    {
        int open = text.LastIndexOf('<');
        if (open >= 0)
        {
            int close = text.IndexOf('>', open);
            if (close < 0 || close != text.Length - 1)
            {
                address = default;
                return false;
            }

            text = text[(open + 1)..close];
        }

        return EmailAddress.TryParse(text.Trim(), out address);
    }

    /// <summary>Parses a list field; <see langword="null"/> with <paramref name="invalid"/> set when an address is bad.</summary>
    private static List<EmailAddress>? ParseList(string? list, out string? invalid)
    {
        invalid = null;
        var addresses = new List<EmailAddress>();
        if (string.IsNullOrWhiteSpace(list))
        {
            return addresses;
        }

        foreach (string part in SplitAddresses(list))
        {
            if (!TryParseMailbox(part, out EmailAddress address))
            {
                invalid = part;
                return null;
            }

            addresses.Add(address);
        }

        return addresses;
    }

    private static string StreamOf(HttpContext context) => (string)context.Request.RouteValues["stream"]!;

    // A route handler whose IResult is written (a bare HttpContext lambda would be taken as a RequestDelegate).
    private Delegate Handler(Func<HttpContext, Task<IResult>> handle) =>
        (Func<HttpContext, Task<IResult>>)(context => Guarded(context, () => handle(context)));

    private async Task<IResult> Guarded(HttpContext context, Func<Task<IResult>> handle)
    {
        string? token = context.Request.Headers["X-Postmark-Server-Token"];
        if (token is null)
        {
            return Error(10, "No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.", StatusCodes.Status401Unauthorized);
        }

        if (!string.Equals(token, ServerToken, StringComparison.Ordinal))
        {
            return Error(10, "Request does not contain a valid Server token.", StatusCodes.Status401Unauthorized);
        }

        string accept = context.Request.Headers.Accept.ToString();
        if (!accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentType?.Contains("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        return await handle().ConfigureAwait(false);
    }

    private async Task<IResult> SendOneAsync(HttpContext context, bool template)
    {
        if (context.Request.ContentLength > MaxMessageBytes || context.Request.Body.Length > MaxMessageBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        JsonNode? body = await ReadAsync(context).ConfigureAwait(false);
        if (body is not JsonObject message)
        {
            return Error(402, "Invalid JSON.");
        }

        var (result, errorCode, errorMessage) = Accept(message, template);
        return result is not null ? EmulatorJson.Result(result, options: EmulatorJson.PascalCase) : Error(errorCode, errorMessage!);
    }

    private async Task<IResult> SendBatchAsync(HttpContext context, bool template)
    {
        if (context.Request.Body.Length > MaxBatchBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        JsonNode? body = await ReadAsync(context).ConfigureAwait(false);
        JsonArray? messages = template ? (body as JsonObject)?["Messages"] as JsonArray : body as JsonArray;
        if (messages is null)
        {
            return Error(402, template ? "Invalid JSON: the body must be {\"Messages\": [...]}." : "Invalid JSON: the body must be an array of messages.");
        }

        if (messages.Count > MaxBatchSize)
        {
            return Error(410, $"You may only send up to {MaxBatchSize} messages in a single batched request.");
        }

        var answers = new List<object>(messages.Count);
        foreach (JsonNode? item in messages)
        {
            if (item is not JsonObject message)
            {
                answers.Add(new { ErrorCode = 402, Message = "Invalid JSON." });
                continue;
            }

            var (result, errorCode, errorMessage) = Accept(message, template);
            answers.Add(result ?? new { ErrorCode = errorCode, Message = errorMessage });
        }

        return EmulatorJson.Result(answers, options: EmulatorJson.PascalCase);
    }

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        try
        {
            return await EmulatorJson.ReadNodeAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Validates one message and, when it may be sent, records it: the success answer, or a code and message.</summary>
    private (object? Result, int ErrorCode, string? Message) Accept(JsonObject message, bool template)
    {
        string stream = Text(message, "MessageStream") ?? "outbound";
        lock (_gate)
        {
            if (!_streams.Contains(stream))
            {
                return (null, 1235, $"The stream provided: '{stream}' does not exist on this server.");
            }
        }

        string? fromText = Text(message, "From");
        if (fromText is null || !TryParseMailbox(fromText, out EmailAddress from))
        {
            return (null, 300, $"Invalid 'From' address: '{fromText}'.");
        }

        var recipients = new List<EmailAddress>();
        string? toText = Text(message, "To");
        if (string.IsNullOrWhiteSpace(toText))
        {
            return (null, 300, "Invalid 'To' address: ''.");
        }

        foreach (string field in (ReadOnlySpan<string>)["To", "Cc", "Bcc"])
        {
            List<EmailAddress>? list = ParseList(Text(message, field), out string? invalid);
            if (list is null)
            {
                return (null, 300, $"Invalid '{field}' address: '{invalid}'.");
            }

            recipients.AddRange(list);
        }

        if (recipients.Count > 50)
        {
            return (null, 300, "Exceeded the maximum of 50 recipients per message.");
        }

        string? templateId = null;
        if (template)
        {
            templateId = message["TemplateId"] is JsonValue id && id.TryGetValue(out long numeric)
                ? numeric.ToString(CultureInfo.InvariantCulture)
                : Text(message, "TemplateAlias");
            bool known;
            lock (_gate)
            {
                known = templateId is not null && _templates.Contains(templateId);
            }

            if (!known)
            {
                return (null, 1101, "The Template's 'Alias' associated with this request is not valid or was not found.");
            }

            if (message["TemplateModel"] is not JsonObject)
            {
                return (null, 1120, "The 'TemplateModel' is required and must be an object.");
            }
        }
        else if (string.IsNullOrEmpty(Text(message, "TextBody")) && string.IsNullOrEmpty(Text(message, "HtmlBody")))
        {
            return (null, 300, "Provide either email TextBody or HtmlBody or both.");
        }

        if (Text(message, "Tag") is { Length: > 1000 })
        {
            return (null, 300, "The 'Tag' field exceeds the maximum length of 1000 characters.");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message["Metadata"] is JsonObject metadataObject)
        {
            if (metadataObject.Count > 10)
            {
                return (null, 300, "Metadata may contain at most 10 fields.");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, node) in metadataObject)
            {
                string value = node is JsonValue v && v.TryGetValue(out string? s) ? s : node?.ToJsonString() ?? string.Empty;
                if (key.Length > 20 || value.Length > 80 || !seen.Add(key))
                {
                    return (null, 300, $"Metadata field '{key}' is invalid: keys are at most 20 characters and unique regardless of case, values at most 80.");
                }

                metadata[key] = value;
            }
        }

        if (message["Attachments"] is JsonArray attachments)
        {
            foreach (JsonNode? attachment in attachments)
            {
                string? content = attachment is JsonObject a ? Text(a, "Content") : null;
                if (content is null || !IsBase64(content) || attachment is not JsonObject named || string.IsNullOrWhiteSpace(Text(named, "Name")))
                {
                    return (null, 300, "Attachments must have a Name and base64 Content.");
                }
            }
        }

        var active = new List<EmailAddress>(recipients.Count);
        var inactive = new List<string>();
        foreach (EmailAddress recipient in recipients)
        {
            if (_suppressions.TryGet(SuppressionKey(stream, recipient.Value), out _))
            {
                inactive.Add(recipient.Value);
            }
            else if (!active.Contains(recipient))
            {
                active.Add(recipient);
            }
        }

        if (active.Count == 0)
        {
            return (null, 406, $"You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: {string.Join(", ", inactive)}. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.");
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        string messageId = Guid.NewGuid().ToString("D");
        var email = new PostmarkEmulatedEmail
        {
            MessageId = messageId,
            MessageStream = stream,
            SubmittedAt = now,
            From = from,
            Recipients = active,
            Subject = template ? null : Text(message, "Subject"),
            TemplateId = templateId,
            Tag = Text(message, "Tag"),
            Metadata = metadata,
            Json = JsonSerializer.SerializeToElement(message, EmulatorJson.PascalCase),
        };
        _emails.TryAdd(messageId, email);
        RecordStats(email);
        QueueWebhooks(email);
        string answer = inactive.Count == 0 ? "OK" : $"Message OK, but will not deliver to these inactive addresses: {string.Join(", ", inactive)}.";
        return (new { To = Text(message, "To"), SubmittedAt = now.ToString("o", CultureInfo.InvariantCulture), MessageID = messageId, ErrorCode = 0, Message = answer }, 0, null);
    }

    private static bool IsBase64(string content)
    {
        byte[] buffer = new byte[(content.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(content, buffer, out _);
    }

    private IResult Dump(HttpRequest request, string stream)
    {
        if (!HasStream(stream))
        {
            return Error(1226, "The message stream for the provided 'ID' was not found.");
        }

        string? reason = request.Query["SuppressionReason"];
        if (reason is not null && !IsReason(reason))
        {
            return Error(1404, "Parameter 'SuppressionReason' is invalid.");
        }

        string? origin = request.Query["Origin"];
        if (origin is not null && !IsOrigin(origin))
        {
            return Error(1405, "Parameter 'Origin' is invalid.");
        }

        DateTime? from = null;
        DateTime? to = null;
        foreach (var (name, assign) in new (string, Action<DateTime>)[] { ("fromdate", d => from = d), ("todate", d => to = d) })
        {
            string? value = request.Query[name];
            if (value is null)
            {
                continue;
            }

            if (!DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime date))
            {
                return Error(1404, $"Parameter '{name}' is invalid.");
            }

            assign(date);
        }

        string? email = request.Query["EmailAddress"];
        var matches = new List<object>();
        // A dump for one address reads it by its key; the filters still decide.
        IReadOnlyList<PostmarkEmulatedSuppression> candidates = email is null
            ? _suppressions.Items
            : _suppressions.TryGet(SuppressionKey(stream, email), out PostmarkEmulatedSuppression? keyed) ? [keyed] : [];
        foreach (PostmarkEmulatedSuppression s in candidates)
        {
            if (s.MessageStream == stream
                && (reason is null || s.SuppressionReason == reason)
                && (origin is null || s.Origin == origin)
                && (from is null || s.CreatedAt.UtcDateTime.Date >= from)
                && (to is null || s.CreatedAt.UtcDateTime.Date <= to)
                && (email is null || string.Equals(s.EmailAddress, email.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                matches.Add(new { s.EmailAddress, s.SuppressionReason, s.Origin, CreatedAt = s.CreatedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture) });
            }
        }

        return EmulatorJson.Result(new { Suppressions = matches }, options: EmulatorJson.PascalCase);
    }

    private async Task<IResult> ChangeAsync(HttpContext context, string stream, bool add)
    {
        if (!HasStream(stream))
        {
            return Error(1226, "The message stream for the provided 'ID' was not found.");
        }

        JsonNode? body = await ReadAsync(context).ConfigureAwait(false);
        if ((body as JsonObject)?[nameof(Suppressions)] is not JsonArray entries)
        {
            return Error(1409, "A proper request body must be provided.");
        }

        if (entries.Count > MaxSuppressionChanges)
        {
            return Error(1410, "You cannot provide more than the maximum number of suppressions for this request.");
        }

        var statuses = new List<object>(entries.Count);
        lock (_gate)
        {
            foreach (JsonNode? entry in entries)
            {
                string? address = entry is JsonObject e ? Text(e, "EmailAddress") : null;
                if (address is null || !EmailAddress.TryParse(address, out _))
                {
                    statuses.Add(new { EmailAddress = address, Status = "Failed", Message = "An invalid email address was provided." });
                    continue;
                }

                string key = SuppressionKey(stream, address);
                bool exists = _suppressions.TryGet(key, out PostmarkEmulatedSuppression? existing);
                bool locked = exists && (existing!.SuppressionReason == "SpamComplaint" || (existing.SuppressionReason == "ManualSuppression" && existing.Origin == "Recipient"));
                if (add)
                {
                    if (exists && existing!.SuppressionReason == "SpamComplaint")
                    {
                        statuses.Add(new { EmailAddress = address, Status = "Failed", Message = Authority });
                        continue;
                    }

                    if (!exists)
                    {
                        _suppressions.Set(key, new PostmarkEmulatedSuppression(stream, address.Trim(), "ManualSuppression", "Customer", TimeProvider.GetUtcNow()));
                    }

                    statuses.Add(new { EmailAddress = address, Status = "Suppressed", Message = (string?)null });
                }
                else if (locked)
                {
                    statuses.Add(new { EmailAddress = address, Status = "Failed", Message = Authority });
                }
                else
                {
                    _suppressions.TryRemove(key, out _);
                    statuses.Add(new { EmailAddress = address, Status = "Deleted", Message = (string?)null });
                }
            }
        }

        return EmulatorJson.Result(new { Suppressions = statuses }, options: EmulatorJson.PascalCase);
    }

    private bool HasStream(string stream)
    {
        lock (_gate)
        {
            return _streams.Contains(stream);
        }
    }

    private void ResetStreams()
    {
        lock (_gate)
        {
            _streams.Clear();
            _streams.Add("outbound");
            _streams.Add("broadcast");
        }
    }
}
