using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// An emulator of the Slack Web API for what the Slack provider uses: <c>chat.postMessage</c> and
/// <c>conversations.list</c>, with Slack's envelope (<c>{"ok":true,…}</c> or HTTP 200 <c>{"ok":false,"error":"…"}</c>),
/// cursor paging, and HTTP 429 with <c>Retry-After</c> and <c>{"ok":false,"error":"ratelimited"}</c>.
/// </summary>
/// <remarks>
/// <para>Authentication: <c>Authorization: Bearer</c> <see cref="BotToken"/>, or a <c>token</c> form or query parameter
/// (not in a JSON body, as Slack requires); none is <c>not_authed</c>, another is <c>invalid_auth</c>.</para>
/// <para><c>chat.postMessage</c> takes a form (<c>application/x-www-form-urlencoded</c>, <c>blocks</c> as a JSON string)
/// or JSON body (a JSON body without <c>charset</c> gets the <c>missing_charset</c> warning, like Slack). <c>channel</c>
/// is a conversation id, a channel name (with or without <c>#</c>), or a user id added with <see cref="AddUser"/>, which
/// posts in the direct message with that user (<c>channel</c> in the answer is its <c>D…</c> id). Errors:
/// <c>channel_not_found</c>, <c>is_archived</c>, <c>not_in_channel</c>, <c>no_text</c> (no <c>text</c>, <c>blocks</c>
/// or <c>attachments</c>), <c>msg_too_long</c> (<c>text</c> over 40,000 characters, an assumption), <c>invalid_blocks</c>
/// (Block Kit limits, explained in <c>response_metadata.messages</c>), <c>thread_not_found</c> (a <c>thread_ts</c> that
/// names no message in the channel; an assumption), <c>invalid_json</c>, <c>json_not_object</c>,
/// <c>invalid_post_type</c>. A reply to a reply joins the parent's thread.</para>
/// <para><c>conversations.list</c> (GET or POST) pages with <c>limit</c> (1–1,000, default 100; else
/// <c>invalid_limit</c>) and an opaque <c>cursor</c> (<c>invalid_cursor</c>), filters by <c>types</c> (default
/// <c>public_channel</c>; <c>invalid_types</c>) and <c>exclude_archived</c>, and answers
/// <c>response_metadata.next_cursor</c>, empty on the last page.</para>
/// <para>Rate limits: per-method tiers (<see cref="SetMethodTier"/>, <see cref="UsePublishedTiers"/>) and the kit's
/// <see cref="VendorEmulator.RateLimit"/> and <see cref="VendorEmulator.Faults"/> all answer 429 with
/// <c>Retry-After</c> in Slack's shape.</para>
/// </remarks>
public sealed partial class SlackEmulator : VendorEmulator
{
    /// <summary>The bot token the emulator accepts unless <see cref="BotToken"/> is changed.</summary>
    public const string DefaultBotToken = "xoxb-emulator-0000000000-token";

    /// <summary>The longest <c>text</c> the emulator accepts before answering <c>msg_too_long</c>.</summary>
    public const int MaxTextLength = 40_000;

    private const string BotId = "B0EMULATOR";
    private static readonly string[] KnownTypes = ["public_channel", "private_channel", "mpim", "im"];

    // BlocksJson keeps &, < and > readable, as the client sent them.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly EmulatorStore<SlackEmulatedConversation> _conversations = new();
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly List<SlackEmulatedMessage> _messages = [];
    private readonly Dictionary<string, SlackEmulatorRateTier> _tiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Start, int Used)> _windows = new(StringComparer.Ordinal);
    private long _ids;
    private long _tsCounter;
    private string _botToken = DefaultBotToken;

    /// <summary>Gets or sets the bot token requests must carry.</summary>
    /// <value>The default value is <see cref="DefaultBotToken"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string BotToken
    {
        get => Volatile.Read(ref _botToken);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _botToken, value);
        }
    }

    /// <summary>Gets the messages posted, in the order accepted.</summary>
    public IReadOnlyList<SlackEmulatedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Gets the conversations the emulator knows, in creation order.</summary>
    public IReadOnlyList<SlackEmulatedConversation> Conversations => _conversations.Items;

    /// <summary>Gets the per-method rate limits in force, by method name (<c>chat.postMessage</c>).</summary>
    public IReadOnlyDictionary<string, SlackEmulatorRateTier> MethodTiers
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, SlackEmulatorRateTier>(_tiers, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Adds a channel.</summary>
    /// <param name="name">The channel name, without <c>#</c>.</param>
    /// <param name="isPrivate">Whether it is a private channel.</param>
    /// <param name="isArchived">Whether it is archived.</param>
    /// <param name="isMember">Whether the bot is a member.</param>
    /// <param name="id">The channel id; <see langword="null"/> to generate one (<c>C0EM…</c>).</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentException">The name is empty, or the id is taken.</exception>
    public SlackEmulatedConversation AddChannel(string name, bool isPrivate = false, bool isArchived = false, bool isMember = true, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return AddConversation(new SlackEmulatedConversation
        {
            Id = id ?? NewId("C"),
            Name = name.TrimStart('#'),
            Type = isPrivate ? "private_channel" : "public_channel",
            IsArchived = isArchived,
            IsMember = isMember,
            Created = TimeProvider.GetUtcNow(),
        });
    }

    /// <summary>Adds a conversation of any type, such as a group direct message.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <returns>The conversation.</returns>
    /// <exception cref="ArgumentException">Its id is taken or its type unknown.</exception>
    public SlackEmulatedConversation AddConversation(SlackEmulatedConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (Array.IndexOf(KnownTypes, conversation.Type) < 0)
        {
            throw new ArgumentException($"'{conversation.Type}' is not a conversation type (public_channel, private_channel, mpim, im).", nameof(conversation));
        }

        if (!_conversations.TryAdd(conversation.Id, conversation))
        {
            throw new ArgumentException($"A conversation with id '{conversation.Id}' exists.", nameof(conversation));
        }

        return conversation;
    }

    /// <summary>Adds a user the bot can message: a post to the user id goes to the direct message with that user.</summary>
    /// <param name="userId">The user id, such as <c>U0123ADA</c>.</param>
    /// <returns>The user id.</returns>
    public string AddUser(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        lock (_gate)
        {
            _users.Add(userId);
        }

        return userId;
    }

    /// <summary>Sets (or, with <see langword="null"/>, removes) the rate limit of one Web API method.</summary>
    /// <param name="method">The method name, such as <c>conversations.list</c>.</param>
    /// <param name="tier">The limit, such as <see cref="SlackEmulatorRateTier.Tier2"/>.</param>
    public void SetMethodTier(string method, SlackEmulatorRateTier? tier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        lock (_gate)
        {
            if (tier is null)
            {
                _tiers.Remove(method);
            }
            else
            {
                _tiers[method] = tier;
            }

            foreach (string key in _windows.Keys.Where(k => k == method || k.StartsWith(method + "|", StringComparison.Ordinal)).ToList())
            {
                _windows.Remove(key);
            }
        }
    }

    /// <summary>Applies Slack's published limits to the methods the SDK uses: <c>chat.postMessage</c> at 1 per second per
    /// channel, <c>conversations.list</c> at Tier 2 (20 per minute).</summary>
    public void UsePublishedTiers()
    {
        SetMethodTier("chat.postMessage", SlackEmulatorRateTier.PostMessage);
        SetMethodTier("conversations.list", SlackEmulatorRateTier.Tier2);
    }

    /// <summary>Forgets every conversation, user, message, tier, fault, request, rate limit and event posted, and
    /// restores the default token and signing secret, for the next test.</summary>
    public void Reset()
    {
        _conversations.Clear();
        lock (_gate)
        {
            _users.Clear();
            _messages.Clear();
            _tiers.Clear();
            _windows.Clear();
        }

        BotToken = DefaultBotToken;
        ResetEvents();
        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/chat.postMessage", (Func<HttpContext, Task<IResult>>)PostMessageAsync);
        routes.MapMethods("/conversations.list", ["GET", "POST"], (Func<HttpContext, Task<IResult>>)ListConversationsAsync);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, Failure("ratelimited"), context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, Failure("internal_error"), context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    private static Dictionary<string, object?> Failure(string error) => new() { ["ok"] = false, ["error"] = error };

    private static IResult Error(string error, IReadOnlyList<string>? messages = null)
    {
        Dictionary<string, object?> body = Failure(error);
        if (messages is { Count: > 0 })
        {
            body["response_metadata"] = new Dictionary<string, object?> { ["messages"] = messages };
        }

        return EmulatorJson.Result(body);
    }

    private async Task<IResult> PostMessageAsync(HttpContext context)
    {
        Request request = await ReadAsync(context).ConfigureAwait(false);
        if (request.Problem is { } problem)
        {
            return Error(problem);
        }

        IReadOnlyDictionary<string, string> p = request.Parameters;
        string requested = p.GetValueOrDefault("channel") ?? string.Empty;
        if (Throttle(context, "chat.postMessage", requested) is { } throttled)
        {
            return throttled;
        }

        if (Authenticate(context, request) is { } denied)
        {
            return Error(denied);
        }

        SlackEmulatedConversation? conversation = Resolve(requested);
        if (conversation is null)
        {
            return Error("channel_not_found");
        }

        if (conversation.IsArchived)
        {
            return Error("is_archived");
        }

        if (!conversation.IsMember)
        {
            return Error("not_in_channel");
        }

        string? text = p.GetValueOrDefault("text");
        JsonArray? blocks = null;
        if (request.Blocks is not null)
        {
            blocks = request.Blocks as JsonArray;
            if (blocks is null)
            {
                return Error("invalid_blocks", ["[ERROR] blocks must be a JSON array"]);
            }

            List<string> violations = CheckBlocks(blocks);
            if (violations.Count > 0)
            {
                return Error("invalid_blocks", violations);
            }
        }

        if (string.IsNullOrWhiteSpace(text) && (blocks is null || blocks.Count == 0) && string.IsNullOrWhiteSpace(p.GetValueOrDefault("attachments")))
        {
            return Error("no_text");
        }

        if (text is { Length: > MaxTextLength })
        {
            return Error("msg_too_long");
        }

        string? threadTs = p.GetValueOrDefault("thread_ts");
        string? parent = null;
        SlackEmulatedMessage message;
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(threadTs))
            {
                SlackEmulatedMessage? target = _messages.Find(m => m.Channel == conversation.Id && m.Ts == threadTs);
                if (target is null)
                {
                    return Error("thread_not_found");
                }

                parent = target.ThreadTs ?? target.Ts;
            }

            string ts = NewTs();
            message = new SlackEmulatedMessage(ts, conversation.Id, requested, parent, text, blocks?.ToJsonString(Readable), ContentOf(blocks, text), p, TimeProvider.GetUtcNow());
            _messages.Add(message);
        }

        var posted = new Dictionary<string, object?>
        {
            ["type"] = "message",
            ["subtype"] = "bot_message",
            ["text"] = text ?? string.Empty,
            ["ts"] = message.Ts,
            ["bot_id"] = BotId,
        };
        if (parent is not null)
        {
            posted["thread_ts"] = parent;
        }

        if (blocks is not null)
        {
            posted["blocks"] = blocks.DeepClone();
        }

        var body = new Dictionary<string, object?> { ["ok"] = true, ["channel"] = conversation.Id, ["ts"] = message.Ts, ["message"] = posted };
        if (request.MissingCharset)
        {
            body["warning"] = "missing_charset";
            body["response_metadata"] = new Dictionary<string, object?> { ["warnings"] = new[] { "missing_charset" } };
        }

        return EmulatorJson.Result(body);
    }

    private async Task<IResult> ListConversationsAsync(HttpContext context)
    {
        Request request = await ReadAsync(context).ConfigureAwait(false);
        if (request.Problem is { } problem)
        {
            return Error(problem);
        }

        if (Throttle(context, "conversations.list", null) is { } throttled)
        {
            return throttled;
        }

        if (Authenticate(context, request) is { } denied)
        {
            return Error(denied);
        }

        IReadOnlyDictionary<string, string> p = request.Parameters;
        string[] types = (p.GetValueOrDefault("types") is { Length: > 0 } t ? t : "public_channel")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (types.Length == 0 || types.Any(type => Array.IndexOf(KnownTypes, type) < 0))
        {
            return Error("invalid_types");
        }

        int limit = 100;
        if (p.GetValueOrDefault("limit") is { Length: > 0 } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return Error("invalid_limit");
        }

        bool excludeArchived = p.GetValueOrDefault("exclude_archived") is "true" or "1";
        string? cursor = null;
        if (p.GetValueOrDefault("cursor") is { Length: > 0 } rawCursor)
        {
            cursor = DecodeCursor(rawCursor);
            if (cursor is null)
            {
                return Error("invalid_cursor");
            }
        }

        if (!_conversations.TryGetPage(cursor, limit, out EmulatorPage<SlackEmulatedConversation>? page,
            c => Array.IndexOf(types, c.Type) >= 0 && !(excludeArchived && c.IsArchived)))
        {
            return Error("invalid_cursor");
        }

        var body = new Dictionary<string, object?>
        {
            ["ok"] = true,
            ["channels"] = page.Items.Select(ConversationObject).ToList(),
            ["response_metadata"] = new Dictionary<string, object?> { ["next_cursor"] = page.NextCursor is null ? string.Empty : EncodeCursor(page.NextCursor) },
        };
        return EmulatorJson.Result(body);
    }

    private static Dictionary<string, object?> ConversationObject(SlackEmulatedConversation c)
    {
        long created = c.Created.ToUnixTimeSeconds();
        if (c.Type == "im")
        {
            return new Dictionary<string, object?>
            {
                ["id"] = c.Id, ["created"] = created, ["is_im"] = true, ["is_org_shared"] = false, ["user"] = c.User, ["is_user_deleted"] = false,
            };
        }

        return new Dictionary<string, object?>
        {
            ["id"] = c.Id,
            ["name"] = c.Name,
            ["is_channel"] = c.Type == "public_channel",
            ["is_group"] = c.Type == "private_channel",
            ["is_im"] = false,
            ["is_mpim"] = c.Type == "mpim",
            ["is_private"] = c.Type is "private_channel" or "mpim",
            ["created"] = created,
            ["is_archived"] = c.IsArchived,
            ["is_general"] = false,
            ["is_member"] = c.IsMember,
            ["name_normalized"] = c.Name,
        };
    }

    // Slack cursors are opaque Base64; this one wraps the store's sequence number.
    private static string EncodeCursor(string next) => Convert.ToBase64String(Encoding.UTF8.GetBytes("team:" + next));

    private static string? DecodeCursor(string cursor)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("team:", StringComparison.Ordinal) && text.Length > 5 ? text[5..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string NewId(string prefix) =>
        prefix + "0EM" + Interlocked.Increment(ref _ids).ToString("D6", CultureInfo.InvariantCulture);

    // Unique and increasing: the clock's seconds and a six-digit counter.
    private string NewTs()
    {
        long counter = Interlocked.Increment(ref _tsCounter) % 1_000_000;
        return TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + counter.ToString("D6", CultureInfo.InvariantCulture);
    }

    private SlackEmulatedConversation? Resolve(string channel)
    {
        if (string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        if (_conversations.TryGet(channel, out SlackEmulatedConversation? byId))
        {
            return byId;
        }

        string name = channel.TrimStart('#');
        foreach (SlackEmulatedConversation c in _conversations.Items)
        {
            if (c.Name is not null && string.Equals(c.Name, name, StringComparison.Ordinal))
            {
                return c;
            }
        }

        lock (_gate)
        {
            if (!_users.Contains(channel))
            {
                return null;
            }
        }

        foreach (SlackEmulatedConversation c in _conversations.Items)
        {
            if (c.Type == "im" && c.User == channel)
            {
                return c;
            }
        }

        var im = new SlackEmulatedConversation { Id = NewId("D"), Type = "im", User = channel, Created = TimeProvider.GetUtcNow() };
        _conversations.TryAdd(im.Id, im);
        return _conversations.TryGet(im.Id, out SlackEmulatedConversation? added) ? added : im;
    }

    private string? Authenticate(HttpContext context, Request request)
    {
        string header = context.Request.Headers.Authorization.ToString();
        string? token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        token ??= request.Token;
        if (string.IsNullOrEmpty(token))
        {
            return "not_authed";
        }

        return string.Equals(token, BotToken, StringComparison.Ordinal) ? null : "invalid_auth";
    }

    private IResult? Throttle(HttpContext context, string method, string? channel)
    {
        DateTimeOffset now = TimeProvider.GetUtcNow();
        TimeSpan wait;
        lock (_gate)
        {
            if (!_tiers.TryGetValue(method, out SlackEmulatorRateTier? tier))
            {
                return null;
            }

            string key = tier.PerChannel ? method + "|" + channel : method;
            if (!_windows.TryGetValue(key, out var window) || now >= window.Start + tier.Window)
            {
                window = (now, 0);
            }

            if (window.Used < tier.PermitLimit)
            {
                _windows[key] = (window.Start, window.Used + 1);
                return null;
            }

            wait = window.Start + tier.Window - now;
        }

        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return EmulatorJson.Result(Failure("ratelimited"), StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Request> ReadAsync(HttpContext context)
    {
        HttpRequest http = context.Request;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Query)
        {
            parameters[name] = values.ToString();
        }

        string? queryToken = parameters.Remove("token", out string? t) ? t : null;
        if (!HttpMethods.IsPost(http.Method) || http.ContentLength is 0 && string.IsNullOrEmpty(http.ContentType))
        {
            return new Request(parameters, queryToken, null, false, null);
        }

        if (http.HasFormContentType)
        {
            IFormCollection form = await http.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var (name, values) in form)
            {
                parameters[name] = values.ToString();
            }

            string? formToken = parameters.Remove("token", out string? ft) ? ft : queryToken;
            JsonNode? blocks = null;
            if (parameters.TryGetValue("blocks", out string? rawBlocks) && rawBlocks.Length > 0)
            {
                try
                {
                    blocks = JsonNode.Parse(rawBlocks);
                }
                catch (JsonException)
                {
                    return new Request(parameters, formToken, null, false, "invalid_blocks_format");
                }
            }

            return new Request(parameters, formToken, blocks, false, null);
        }

        string contentType = http.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new Request(parameters, queryToken, null, false, "invalid_post_type");
        }

        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return new Request(parameters, queryToken, null, false, "invalid_json");
        }

        if (root is not JsonObject body)
        {
            return new Request(parameters, queryToken, null, false, "json_not_object");
        }

        JsonNode? jsonBlocks = null;
        foreach (var (name, value) in body)
        {
            if (name == "blocks")
            {
                jsonBlocks = value?.GetValueKind() == JsonValueKind.String ? ParseOrKeep(value) : value?.DeepClone();
            }

            // Slack ignores a token in a JSON body: JSON requests authenticate with the Authorization header.
            if (name != "token" && value is not null)
            {
                parameters[name] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }
        }

        bool missingCharset = !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase);
        return new Request(parameters, queryToken, jsonBlocks, missingCharset, null);
    }

    private static JsonNode? ParseOrKeep(JsonNode value)
    {
        try
        {
            return JsonNode.Parse(value.GetValue<string>());
        }
        catch (JsonException)
        {
            return value.DeepClone();
        }
    }

    // The Block Kit limits of the block types the SDK sends; other block types pass unchecked.
    private static List<string> CheckBlocks(JsonArray blocks)
    {
        var errors = new List<string>();
        void Fail(string message, string pointer) => errors.Add($"[ERROR] {message} [json-pointer:{pointer}]");
        void Max(JsonNode? text, int max, string pointer)
        {
            if (Str(text) is { } s && s.Length > max)
            {
                Fail($"must be less than {max + 1} characters", pointer);
            }
        }

        if (blocks.Count > 50)
        {
            Fail("no more than 50 items allowed", "/blocks");
        }

        for (int i = 0; i < blocks.Count; i++)
        {
            string at = $"/blocks/{i}";
            if (blocks[i] is not JsonObject block || Str(block["type"]) is not { } type)
            {
                Fail("missing required field: type", at);
                continue;
            }

            switch (type)
            {
                case "header":
                    if (Str(block["text"]?["type"]) != "plain_text")
                    {
                        Fail("must be a plain_text text object", at + "/text");
                    }

                    Max(block["text"]?["text"], 150, at + "/text/text");
                    break;
                case "section":
                    if (block["text"] is null && block["fields"] is null)
                    {
                        Fail("must provide either text or fields", at);
                    }

                    Max(block["text"]?["text"], 3000, at + "/text/text");
                    if (block["fields"] is JsonArray fields)
                    {
                        if (fields.Count > 10)
                        {
                            Fail("no more than 10 items allowed", at + "/fields");
                        }

                        for (int f = 0; f < fields.Count; f++)
                        {
                            Max(fields[f]?["text"], 2000, $"{at}/fields/{f}/text");
                        }
                    }

                    break;
                case "context":
                    if (block["elements"] is not JsonArray { Count: > 0 and <= 10 })
                    {
                        Fail("must have between 1 and 10 elements", at + "/elements");
                    }

                    break;
                case "actions":
                    if (block["elements"] is not JsonArray { Count: > 0 } elements)
                    {
                        Fail("must have at least 1 element", at + "/elements");
                        break;
                    }

                    if (elements.Count > 25)
                    {
                        Fail("no more than 25 items allowed", at + "/elements");
                    }

                    for (int e = 0; e < elements.Count; e++)
                    {
                        if (Str(elements[e]?["type"]) == "button")
                        {
                            Max(elements[e]?["text"]?["text"], 75, $"{at}/elements/{e}/text/text");
                            Max(elements[e]?["url"], 3000, $"{at}/elements/{e}/url");
                        }
                    }

                    break;
            }
        }

        return errors;
    }

    private static string ContentOf(JsonArray? blocks, string? text)
    {
        var sb = new StringBuilder();
        void Line(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                sb.Append(Unescape(value)).Append('\n');
            }
        }

        foreach (JsonNode? block in blocks ?? [])
        {
            Line(Str(block?["text"]?["text"]));
            foreach (JsonNode? field in block?["fields"] as JsonArray ?? [])
            {
                Line(Str(field?["text"]));
            }

            foreach (JsonNode? element in block?["elements"] as JsonArray ?? [])
            {
                if (Str(element?["url"]) is { } url)
                {
                    Line($"{Str(element?["text"]?["text"])}: {url}");
                }
                else
                {
                    Line(Str(element?["text"]) ?? Str(element?["text"]?["text"]));
                }
            }
        }

        Line(text);
        return sb.ToString().TrimEnd('\n');
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    /// <summary>A request's parameters (query and body), its token from the body or query, its blocks, and the
    /// Slack error its body earns before any method logic.</summary>
    private sealed record Request(IReadOnlyDictionary<string, string> Parameters, string? Token, JsonNode? Blocks, bool MissingCharset, string? Problem);
}
