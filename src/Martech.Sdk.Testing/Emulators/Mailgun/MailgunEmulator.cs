using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// A Mailgun emulator on 127.0.0.1 that speaks the parts of Mailgun's API the SDK's Mailgun provider uses: sending
/// (<c>POST /v3/{domain}/messages</c>, multipart form) and the bounces, unsubscribes and complaints suppression lists
/// (<c>/v3/{domain}/{list}</c>: list with <c>paging</c> URLs, get, add as a form or a JSON array, delete).
/// </summary>
/// <remarks>
/// <para>Requests need HTTP Basic authentication with the user <c>api</c> and <see cref="ApiKey"/>, else 401 with the
/// plain-text body <c>Forbidden</c>, as Mailgun answers. Another domain than <see cref="Domain"/> is 404. Errors are
/// Mailgun's <c>{"message":"…"}</c> bodies: 400 for a missing <c>from</c>/<c>to</c>/<c>subject</c>/body, an invalid
/// address, an <c>o:deliverytime</c> more than 3 days ahead or <c>o:</c>/<c>h:</c>/<c>v:</c> fields over 16 kB; 413
/// for a message over 25 MB.</para>
/// <para>Accepted messages are kept in <see cref="Messages"/>. Suppression listings are in address order, paged by
/// address like Mailgun's (<c>?page=next&amp;address=…&amp;limit=…</c>); Mailgun always links a next page, and an
/// empty page ends the list. Mailgun publishes no rate-limit headers, so the emulator sends none; a 429 carries
/// <c>Retry-After</c> and <c>{"message":"Too many requests"}</c>.</para>
/// <para>Callbacks: once <see cref="WebhookCallbackEmulator.Webhooks"/> has a URL, the emulator posts webhooks for accepted messages. Each event of each recipient (accepted, then delivered,
/// opened, clicked, unsubscribed, complained, or a permanent failure for a bounce address) is posted on its own, as
/// Mailgun does: <c>{"signature": {…}, "event-data": {…}}</c>, signed with <see cref="WebhookSigningKey"/>. The event
/// data, its <c>id</c> included, is the same on every redelivery; the signature (timestamp and token) is new on each
/// post. The event data carries the message's <c>message-id</c>, tags and <c>v:</c> variables.</para>
/// <para>Tag statistics (<c>GET /v3/{domain}/tags/{tag}/stats</c> and <c>/v3/{domain}/tag/stats?tag=</c>, by day or
/// month, <c>start</c>/<c>end</c> as Unix times or RFC 2822 dates, only the <c>event</c> objects asked for; an unknown
/// tag is 404 <c>{"message":"tag not found"}</c>) count the accepted messages and the events generated for them, whether
/// or not a webhook URL is set. <c>resolution=hour</c> and <c>duration</c> are not emulated.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var mailgun = new MailgunEmulator("mg.example.com", "key-test");
/// await mailgun.StartAsync();
/// services.AddMartech().AddMailgun(configure: o =&gt; { o.Domain = mailgun.Domain; o.ApiKey = mailgun.ApiKey; o.BaseAddress = mailgun.BaseAddress; });
/// // … send …
/// Assert.Single(mailgun.Messages);
/// </code>
/// </example>
public sealed partial class MailgunEmulator : WebhookCallbackEmulator
{
    /// <summary>The most records a suppression add or a listing page takes.</summary>
    public const int MaxBatch = 1000;

    /// <summary>The largest message accepted (25 MB).</summary>
    public const long MaxMessageSize = 25L * 1024 * 1024;

    /// <summary>The most bytes of <c>o:</c>, <c>h:</c> and <c>v:</c> fields in one message (16 kB).</summary>
    public const int MaxOptionsSize = 16 * 1024;

    private const string Bounces = "bounces";
    private const string Unsubscribes = "unsubscribes";
    private const string Complaints = "complaints";
    private static readonly string[] Lists = [Bounces, Unsubscribes, Complaints];
    private static readonly string[] DateFormats = ["ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz"];

    private readonly Lock _gate = new();
    private readonly List<MailgunReceivedMessage> _messages = [];
    private readonly Dictionary<string, SortedDictionary<string, MailgunSuppressionEntry>> _suppressions = new(StringComparer.Ordinal)
    {
        [Bounces] = new(StringComparer.Ordinal),
        [Unsubscribes] = new(StringComparer.Ordinal),
        [Complaints] = new(StringComparer.Ordinal),
    };

    private readonly string _authorization;
    private long _messageSequence;

    /// <summary>Creates an emulator for one sending domain and API key; call <see cref="VendorEmulator.StartAsync"/> next.</summary>
    /// <param name="domain">The sending domain requests must name.</param>
    /// <param name="apiKey">The API key requests must authenticate with (user <c>api</c>).</param>
    public MailgunEmulator(string domain = "mg.example.com", string apiKey = "key-emulator")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        Domain = domain;
        ApiKey = apiKey;
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + apiKey));
    }

    /// <summary>Gets the sending domain.</summary>
    public string Domain { get; }

    /// <summary>Gets the API key requests must carry.</summary>
    public string ApiKey { get; }

    /// <summary>Gets or sets the authorized recipients of a sandbox domain: when set, a message to any other address is
    /// refused with 400 as Mailgun refuses it for sandbox domains ("Sandbox subdomains are for test purposes
    /// only…"). Addresses compare ignoring case.</summary>
    /// <value>The default value is <see langword="null"/>: every recipient is accepted.</value>
    public IReadOnlySet<string>? SandboxAuthorizedRecipients { get; set; }

    /// <summary>Gets a snapshot of the accepted messages, in the order accepted.</summary>
    public IReadOnlyList<MailgunReceivedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Gets a snapshot of one suppression list, in address order.</summary>
    /// <param name="list"><c>bounces</c>, <c>unsubscribes</c> or <c>complaints</c>.</param>
    /// <returns>The records.</returns>
    /// <exception cref="ArgumentException"><paramref name="list"/> is not one of the three.</exception>
    public IReadOnlyList<MailgunSuppressionEntry> GetSuppressions(string list)
    {
        SortedDictionary<string, MailgunSuppressionEntry> table = Table(list);
        lock (_gate)
        {
            return [.. table.Values];
        }
    }

    /// <summary>Adds or updates a bounce, as Mailgun does after a hard bounce.</summary>
    /// <param name="address">The address.</param>
    /// <param name="code">The SMTP code.</param>
    /// <param name="error">The error text.</param>
    public void AddBounce(string address, string code = "550", string error = "")
    {
        lock (_gate)
        {
            Upsert(Bounces, Normalise(address), [], code, error, null);
        }
    }

    /// <summary>Adds an unsubscribe from a tag (<c>*</c>: all mail), as Mailgun does when a recipient unsubscribes.</summary>
    /// <param name="address">The address.</param>
    /// <param name="tag">The tag.</param>
    public void AddUnsubscribe(string address, string tag = "*")
    {
        lock (_gate)
        {
            Upsert(Unsubscribes, Normalise(address), [tag], null, null, null);
        }
    }

    /// <summary>Adds a spam complaint, as Mailgun does on a feedback-loop report.</summary>
    /// <param name="address">The address.</param>
    public void AddComplaint(string address)
    {
        lock (_gate)
        {
            Upsert(Complaints, Normalise(address), [], null, null, null);
        }
    }

    /// <summary>Forgets every message, suppression, recorded request, fault and rate limit, for the next test.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _messages.Clear();
            foreach (var table in _suppressions.Values)
            {
                table.Clear();
            }
        }

        _stats.Clear();

        ResetKit();
        SandboxAuthorizedRecipients = null;
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/v3/{domain}/messages", (HttpContext context, string domain) => Guard(context, domain) ?? SendAsync(context));
        foreach (string list in Lists)
        {
            routes.MapGet($"/v3/{{domain}}/{list}", (HttpContext context, string domain) => Guard(context, domain) ?? Task.FromResult(ListPage(context, list)));
            routes.MapPost($"/v3/{{domain}}/{list}", (HttpContext context, string domain) => Guard(context, domain) ?? AddAsync(context, list));
            routes.MapGet($"/v3/{{domain}}/{list}/{{address}}", (HttpContext context, string domain, string address) => Guard(context, domain) ?? Task.FromResult(GetOne(list, address)));
            routes.MapDelete($"/v3/{{domain}}/{list}/{{address}}", (HttpContext context, string domain, string address) => Guard(context, domain) ?? Task.FromResult(Delete(context, list, address)));
        }

        MapStatsRoutes(routes);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, new { message = "Too many requests" }, context.Response.StatusCode, EmulatorJson.PascalCase, context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, new { message = "Internal Server Error" }, context.Response.StatusCode, EmulatorJson.PascalCase, context.RequestAborted);
    }

    private static IResult Message(int status, string message, string? address = null) =>
        EmulatorJson.Result(address is null ? new { message } : new { message, address }, status, EmulatorJson.PascalCase);

    private static string Normalise(string address) => address.Trim().ToLowerInvariant();

    private static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static bool TryParseDate(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string s = text.Trim();
        if (s.EndsWith(" GMT", StringComparison.Ordinal) || s.EndsWith(" UTC", StringComparison.Ordinal))
        {
            s = s[..^4] + " +00:00";
        }
        else if (s.Length > 5 && s[^5] is '+' or '-' && s[^3] != ':')
        {
            s = s[..^2] + ":" + s[^2..];
        }

        return DateTimeOffset.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
    }

    private SortedDictionary<string, MailgunSuppressionEntry> Table(string list) =>
        _suppressions.TryGetValue(list, out var table) ? table : throw new ArgumentException($"'{list}' is not a Mailgun suppression list (bounces, unsubscribes, complaints).", nameof(list));

    // Authentication first, as Mailgun: a wrong key is 401 whatever the domain.
    private Task<IResult>? Guard(HttpContext context, string domain)
    {
        if (!string.Equals(context.Request.Headers.Authorization.ToString(), _authorization, StringComparison.Ordinal))
        {
            return Task.FromResult(Results.Text("Forbidden", "text/plain", Encoding.UTF8, StatusCodes.Status401Unauthorized));
        }

        return string.Equals(domain, Domain, StringComparison.OrdinalIgnoreCase)
            ? null
            : Task.FromResult(Message(StatusCodes.Status404NotFound, $"Domain not found: {domain}"));
    }

    private async Task<IResult> SendAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (request.ContentLength > MaxMessageSize)
        {
            return Message(StatusCodes.Status413PayloadTooLarge, "Message size exceeds the 25 MB limit");
        }

        if (!request.HasFormContentType)
        {
            return Message(StatusCodes.Status400BadRequest, "'from' parameter is missing");
        }

        IFormCollection form = await request.ReadFormAsync(
            new FormOptions { ValueCountLimit = 100_000, ValueLengthLimit = int.MaxValue, MultipartBodyLengthLimit = long.MaxValue, KeyLengthLimit = 16 * 1024 },
            context.RequestAborted).ConfigureAwait(false);

        string? from = First(form, "from");
        if (from is null)
        {
            return Message(StatusCodes.Status400BadRequest, "'from' parameter is missing");
        }

        string? fromAddress = MailgunEmulatorAddresses.AddressOf(from);
        if (fromAddress is null)
        {
            return Message(StatusCodes.Status400BadRequest, "'from' parameter is not a valid address. please check documentation");
        }

        var recipients = new List<string>();
        foreach (string field in (ReadOnlySpan<string>)["to", "cc", "bcc"])
        {
            foreach (string? value in form[field])
            {
                foreach (string mailbox in MailgunEmulatorAddresses.Split(value ?? string.Empty))
                {
                    if (MailgunEmulatorAddresses.AddressOf(mailbox) is not { } address)
                    {
                        return Message(StatusCodes.Status400BadRequest, $"'{field}' parameter is not a valid address. please check documentation");
                    }

                    recipients.Add(address);
                }
            }
        }

        if (form["to"].Count == 0)
        {
            return Message(StatusCodes.Status400BadRequest, "'to' parameter is missing");
        }

        if (SandboxAuthorizedRecipients is { } authorized)
        {
            foreach (string recipient in recipients)
            {
                if (!authorized.Contains(recipient) && !authorized.Any(a => string.Equals(a, recipient, StringComparison.OrdinalIgnoreCase)))
                {
                    return Message(StatusCodes.Status400BadRequest, "Sandbox subdomains are for test purposes only. Please add your own domain or add the address to authorized recipients in Account Settings.");
                }
            }
        }

        string? template = First(form, "template");
        if (template is null && First(form, "subject") is null)
        {
            return Message(StatusCodes.Status400BadRequest, "'subject' parameter is missing");
        }

        if (template is null && First(form, "text") is null && First(form, "html") is null && First(form, "amp-html") is null)
        {
            return Message(StatusCodes.Status400BadRequest, "Need at least one of 'text', 'html' or 'template' parameters specified");
        }

        string? variables = First(form, "t:variables");
        if (variables is not null && !IsJsonObject(variables))
        {
            return Message(StatusCodes.Status400BadRequest, "'t:variables' parameter is not a valid JSON object");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var userVariables = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var tags = new List<string>();
        long optionsSize = 0;
        foreach (var (key, values) in form)
        {
            if (key.Length < 3 || key[1] != ':' || key[0] is not ('o' or 'h' or 'v'))
            {
                continue;
            }

            foreach (string? value in values)
            {
                optionsSize += key.Length + Encoding.UTF8.GetByteCount(value ?? string.Empty);
                string name = key[2..];
                switch (key[0])
                {
                    case 'h':
                        headers[name] = value ?? string.Empty;
                        break;
                    case 'v':
                        userVariables[name] = value ?? string.Empty;
                        break;
                    default:
                        if (name == "tag")
                        {
                            tags.Add(value ?? string.Empty);
                        }
                        else
                        {
                            options[name] = value ?? string.Empty;
                        }

                        break;
                }
            }
        }

        if (optionsSize > MaxOptionsSize)
        {
            return Message(StatusCodes.Status400BadRequest, "The o:, h: and v: parameters exceed 16KB in total");
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        DateTimeOffset? deliveryTime = null;
        if (options.TryGetValue("deliverytime", out string? delivery))
        {
            if (!TryParseDate(delivery, out DateTimeOffset parsed))
            {
                return Message(StatusCodes.Status400BadRequest, "'o:deliverytime' parameter is not a valid RFC 2822 date");
            }

            if (parsed - now > TimeSpan.FromDays(3))
            {
                return Message(StatusCodes.Status400BadRequest, "'o:deliverytime' parameter is more than 3 days in the future");
            }

            deliveryTime = parsed;
        }

        var attachments = new List<MailgunReceivedFile>();
        var inline = new List<MailgunReceivedFile>();
        foreach (IFormFile file in form.Files)
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
            await file.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            var received = new MailgunReceivedFile(file.FileName, file.ContentType, buffer.ToArray());
            (file.Name == "inline" ? inline : attachments).Add(received);
        }

        MailgunReceivedMessage accepted;
        lock (_gate)
        {
            long sequence = ++_messageSequence;
            string id = string.Create(
                CultureInfo.InvariantCulture,
                $"<{now.UtcDateTime:yyyyMMddHHmmss}.{sequence}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}@{Domain}>");
            accepted = new MailgunReceivedMessage
            {
                Id = id,
                From = from,
                FromAddress = fromAddress,
                To = [.. form["to"].Select(v => v ?? string.Empty)],
                Cc = [.. form["cc"].Select(v => v ?? string.Empty)],
                Bcc = [.. form["bcc"].Select(v => v ?? string.Empty)],
                RecipientAddresses = recipients,
                Subject = First(form, "subject"),
                Text = First(form, "text"),
                Html = First(form, "html"),
                Template = template,
                TemplateVariables = variables,
                Tags = tags,
                Headers = headers,
                Variables = userVariables,
                Options = options,
                Attachments = attachments,
                Inline = inline,
                DeliveryTime = deliveryTime,
                TestMode = options.TryGetValue("testmode", out string? testMode) && testMode == "yes",
                ReceivedAt = now,
            };
            _messages.Add(accepted);
        }

        RecordStats(accepted);
        QueueWebhooks(accepted);
        return EmulatorJson.Result(new { id = accepted.Id, message = "Queued. Thank you." }, options: EmulatorJson.PascalCase);
    }

    private IResult ListPage(HttpContext context, string list)
    {
        IQueryCollection query = context.Request.Query;
        int limit = 100;
        if (query["limit"] is { Count: > 0 } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxBatch))
        {
            return Message(StatusCodes.Status400BadRequest, $"Limit parameter must be between 1 and {MaxBatch}");
        }

        string page = query["page"].ToString();
        string pivot = Normalise(query["address"].ToString());
        List<MailgunSuppressionEntry> items;
        lock (_gate)
        {
            IEnumerable<MailgunSuppressionEntry> all = Table(list).Values;
            items = page switch
            {
                "next" => [.. all.Where(e => string.CompareOrdinal(e.Address, pivot) > 0).Take(limit)],
                "previous" => [.. all.Where(e => string.CompareOrdinal(e.Address, pivot) < 0).TakeLast(limit)],
                "last" => [.. all.TakeLast(limit)],
                _ => [.. all.Take(limit)],
            };
        }

        string Url(string? pageName, string? address)
        {
            var sb = new StringBuilder(BaseAddress.AbsoluteUri).Append("v3/").Append(Domain).Append('/').Append(list).Append('?');
            if (pageName is not null)
            {
                sb.Append("page=").Append(pageName).Append('&');
                if (address is not null)
                {
                    sb.Append("address=").Append(Uri.EscapeDataString(address)).Append('&');
                }
            }

            return sb.Append("limit=").Append(limit.ToString(CultureInfo.InvariantCulture)).ToString();
        }

        // Mailgun always links the next page; past the end it is empty.
        string next = items.Count > 0 ? Url("next", items[^1].Address) : Url("next", pivot);
        string previous = items.Count > 0 ? Url("previous", items[0].Address) : Url("previous", pivot);
        return EmulatorJson.Result(
            new
            {
                items = items.Select(e => Wire(list, e)).ToList(),
                paging = new { first = Url(null, null), last = Url("last", null), next, previous },
            },
            options: EmulatorJson.PascalCase);
    }

    private IResult GetOne(string list, string address)
    {
        lock (_gate)
        {
            return Table(list).TryGetValue(Normalise(address), out MailgunSuppressionEntry? entry)
                ? EmulatorJson.Result(Wire(list, entry), options: EmulatorJson.PascalCase)
                : Message(StatusCodes.Status404NotFound, NotFound(list));
        }
    }

    private async Task<IResult> AddAsync(HttpContext context, string list)
    {
        HttpRequest request = context.Request;
        var records = new List<(string Address, List<string> Tags, string? Code, string? Error, DateTimeOffset? CreatedAt)>();
        bool bulk = request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (bulk)
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return Message(StatusCodes.Status400BadRequest, "Invalid JSON");
            }

            if (body is not JsonArray array)
            {
                return Message(StatusCodes.Status400BadRequest, "Expected a JSON array of records");
            }

            if (array.Count > MaxBatch)
            {
                return Message(StatusCodes.Status400BadRequest, $"Batch too large: at most {MaxBatch} records per request");
            }

            foreach (JsonNode? node in array)
            {
                if (node is not JsonObject record || Text(record["address"]) is not { } address)
                {
                    return Message(StatusCodes.Status400BadRequest, "'address' parameter is missing");
                }

                var tags = new List<string>();
                if (record["tags"] is JsonArray tagArray)
                {
                    tags.AddRange(tagArray.Select(Text).OfType<string>());
                }
                else if (Text(record["tag"]) is { } tag)
                {
                    tags.Add(tag);
                }

                string? createdText = Text(record["created_at"]);
                DateTimeOffset? createdAt = null;
                if (createdText is not null)
                {
                    if (!TryParseDate(createdText, out DateTimeOffset created))
                    {
                        return Message(StatusCodes.Status400BadRequest, "'created_at' parameter is not a valid RFC 2822 date");
                    }

                    createdAt = created;
                }

                records.Add((address, tags, Text(record["code"]), Text(record["error"]), createdAt));
            }
        }
        else if (request.HasFormContentType)
        {
            IFormCollection form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            if (First(form, "address") is not { } address)
            {
                return Message(StatusCodes.Status400BadRequest, "'address' parameter is missing");
            }

            DateTimeOffset? createdAt = TryParseDate(First(form, "created_at"), out DateTimeOffset created) ? created : null;
            records.Add((address, First(form, "tag") is { } tag ? [tag] : [], First(form, "code"), First(form, "error"), createdAt));
        }
        else
        {
            return Message(StatusCodes.Status400BadRequest, "'address' parameter is missing");
        }

        // The whole request is checked before anything is stored: Mailgun rejects a batch as one.
        foreach (var record in records)
        {
            if (!EmailAddress.TryParse(record.Address, out _))
            {
                return Message(StatusCodes.Status400BadRequest, $"'address' parameter is not a valid address: {record.Address}");
            }
        }

        lock (_gate)
        {
            foreach (var (address, tags, code, error, createdAt) in records)
            {
                Upsert(list, Normalise(address), tags, code, error, createdAt);
            }
        }

        string table = list == Complaints ? "complaints" : list;
        return bulk
            ? Message(StatusCodes.Status200OK, $"{records.Count} addresses have been added to the {table} table")
            : Message(StatusCodes.Status200OK, $"Address has been added to the {table} table", Normalise(records[0].Address));
    }

    private IResult Delete(HttpContext context, string list, string address)
    {
        string key = Normalise(address);
        string? tag = context.Request.Query["tag"] is { Count: > 0 } values ? values.ToString() : null;
        lock (_gate)
        {
            SortedDictionary<string, MailgunSuppressionEntry> table = Table(list);
            if (!table.TryGetValue(key, out MailgunSuppressionEntry? entry))
            {
                return Message(StatusCodes.Status404NotFound, NotFound(list));
            }

            if (list == Unsubscribes && tag is not null)
            {
                var remaining = entry.Tags.Where(t => t != tag).ToList();
                if (remaining.Count == entry.Tags.Count)
                {
                    return Message(StatusCodes.Status404NotFound, NotFound(list));
                }

                if (remaining.Count > 0)
                {
                    table[key] = entry with { Tags = remaining };
                    return Message(StatusCodes.Status200OK, "Unsubscribe event has been removed", key);
                }
            }

            table.Remove(key);
        }

        return Message(StatusCodes.Status200OK, list switch
        {
            Bounces => "Bounced address has been removed",
            Unsubscribes => "Unsubscribe event has been removed",
            _ => "Spam complaint has been removed",
        }, key);
    }

    private static string NotFound(string list) => list switch
    {
        Bounces => "Address not found in bounces table",
        Unsubscribes => "Address not found in unsubscribers table",
        _ => "No spam complaints found for this address",
    };

    private static object Wire(string list, MailgunSuppressionEntry entry) => list switch
    {
        Bounces => new { address = entry.Address, code = entry.Code ?? "550", error = entry.Error ?? string.Empty, created_at = FormatDate(entry.CreatedAt) },
        Unsubscribes => new { address = entry.Address, tags = entry.Tags, created_at = FormatDate(entry.CreatedAt) },
        _ => (object)new { address = entry.Address, created_at = FormatDate(entry.CreatedAt) },
    };

    // Call under _gate. Bounces and complaints are replaced; unsubscribes gain the new tags.
    private void Upsert(string list, string address, List<string> tags, string? code, string? error, DateTimeOffset? createdAt)
    {
        SortedDictionary<string, MailgunSuppressionEntry> table = Table(list);
        DateTimeOffset created = createdAt ?? TimeProvider.GetUtcNow();
        if (list == Unsubscribes)
        {
            if (tags.Count == 0)
            {
                tags = ["*"];
            }

            if (table.TryGetValue(address, out MailgunSuppressionEntry? existing))
            {
                table[address] = existing with { Tags = [.. existing.Tags.Union(tags, StringComparer.Ordinal)] };
                return;
            }

            table[address] = new MailgunSuppressionEntry(address, [.. tags.Distinct(StringComparer.Ordinal)], null, null, created);
            return;
        }

        table[address] = new MailgunSuppressionEntry(address, [], list == Bounces ? code ?? "550" : null, list == Bounces ? error ?? string.Empty : null, created);
    }

    private static string? First(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue(out string? s) => s,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static bool IsJsonObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
