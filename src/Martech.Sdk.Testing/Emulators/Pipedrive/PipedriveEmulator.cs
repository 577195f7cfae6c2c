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
/// An emulator of the Pipedrive API parts the Pipedrive provider uses, on loopback: v2 persons (create, read, PATCH,
/// delete, cursor listing, <c>ids</c> lookup, search by email), v1 leads (create, read, PATCH, delete, active and
/// archived listings with <c>start</c>/<c>limit</c> paging), v1 person and lead field definitions with custom fields
/// keyed by 40-character hashes, and v2 lead-to-deal conversion jobs. Every answer uses Pipedrive's envelope
/// (<c>{"success", "data", "additional_data"}</c>), errors its <c>{"success": false, "error", "error_info"}</c> body,
/// and rate-limited requests get <c>x-ratelimit-limit</c>/<c>-remaining</c>/<c>-reset</c> and 429 with
/// <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// <para>Requests need the <c>x-api-token</c> header (or the legacy <c>api_token</c> query parameter) to equal
/// <see cref="ApiToken"/>. v2 lives under <c>/api/v2/</c> (<see cref="V2BaseAddress"/>) and v1 under <c>/v1/</c>
/// (<see cref="V1BaseAddress"/>) and <c>/api/v1/</c>, as on the company-domain host.</para>
/// <para>The emulator starts with the custom fields the provider's default field mapping names
/// (<see cref="DefaultPersonFieldNames"/>, <see cref="DefaultLeadFieldNames"/>); add more with
/// <see cref="AddPersonField"/> and <see cref="AddLeadField"/>. Bodies are checked like Pipedrive checks them: unknown
/// properties, unknown custom field keys, a missing name or title, or a lead without a person or organization are
/// answered 400. <see cref="RejectWhen"/> answers chosen requests with an error, including Pipedrive's
/// <c>"success": false</c> on HTTP 200.</para>
/// <para>Where Pipedrive's behaviour is not documented the emulator assumes: a person is named from first and last
/// name at the first space; a deleted person or lead is gone (404); a converted lead is deleted when its job
/// completes.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var pipedrive = new PipedriveEmulator();
/// await pipedrive.StartAsync();
/// services.AddMartech().AddPipedrive(configure: o =>
/// {
///     o.ApiToken = PipedriveEmulator.DefaultApiToken;
///     o.BaseAddress = pipedrive.V2BaseAddress;
///     o.V1BaseAddress = pipedrive.V1BaseAddress;
/// });
/// </code>
/// </example>
public sealed partial class PipedriveEmulator : VendorEmulator
{
    /// <summary>The API token the emulator accepts unless <see cref="ApiToken"/> is changed.</summary>
    public const string DefaultApiToken = "pipedrive-emulator-token";

    /// <summary>The largest <c>limit</c> a listing accepts.</summary>
    public const int MaxLimit = 500;

    /// <summary>The most ids <c>GET /api/v2/persons?ids=</c> accepts.</summary>
    public const int MaxIds = 100;

    private const string ErrorInfo = "Please check developers.pipedrive.com for more information about Pipedrive API.";
    private const long OwnerId = 1;

    private readonly Lock _gate = new();
    private readonly EmulatorStore<JsonObject> _persons = new();

    // Persons by each of their email addresses, ignoring case as the exact search does.
    private readonly EmulatorStoreIndex<JsonObject> _personsByEmail;
    private readonly EmulatorStore<JsonObject> _leads = new();
    private readonly List<PipedriveEmulatorField> _personFields = [];
    private readonly List<PipedriveEmulatorField> _leadFields = [];
    private readonly Dictionary<string, ConversionJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<long> _deals = [];
    private readonly List<PipedriveEmulatorRejection> _rejections = [];
    private long _lastDealId;
    private string _apiToken = DefaultApiToken;
    private int _conversionPolls;
    private string _conversionOutcome = "completed";

    /// <summary>Creates an emulator with the default fields; call <see cref="VendorEmulator.StartAsync"/> to listen.</summary>
    public PipedriveEmulator()
    {
        _personsByEmail = _persons.AddMultiKeyIndex(
            static person => person["emails"] is JsonArray emails
                ? emails.Select(static e => e?["value"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null)
                : null,
            StringComparer.OrdinalIgnoreCase);
        SeedFields();
    }

    /// <summary>Gets the person custom fields the emulator starts with: the provider's default field mapping
    /// (<c>Company</c>, <c>Job title</c>, <c>Lifecycle stage</c>, <c>SMS consent</c>), all text fields.</summary>
    public static IReadOnlyList<string> DefaultPersonFieldNames { get; } = ["Company", "Job title", "Lifecycle stage", "SMS consent"];

    /// <summary>Gets the lead custom fields the emulator starts with: <c>Lead status</c> and <c>Lead source</c> (text)
    /// and <c>Lead score</c> (number).</summary>
    public static IReadOnlyList<string> DefaultLeadFieldNames { get; } = ["Lead status", "Lead source", "Lead score"];

    /// <summary>Gets or sets the API token requests must carry.</summary>
    /// <value>The default value is <see cref="DefaultApiToken"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string ApiToken
    {
        get => Volatile.Read(ref _apiToken);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _apiToken, value);
        }
    }

    /// <summary>Gets the API v2 base address, <c>http://127.0.0.1:{port}/api/v2/</c>.</summary>
    public Uri V2BaseAddress => new(BaseAddress, "api/v2/");

    /// <summary>Gets the API v1 base address, <c>http://127.0.0.1:{port}/v1/</c>.</summary>
    public Uri V1BaseAddress => new(BaseAddress, "v1/");

    /// <summary>Gets or sets how many status reads of a conversion job answer <c>running</c> before it finishes.</summary>
    /// <value>The default value is 0: the first read finds it finished.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int ConversionPollsBeforeCompletion
    {
        get => Volatile.Read(ref _conversionPolls);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _conversionPolls, value);
        }
    }

    /// <summary>Gets or sets how conversion jobs end: <c>completed</c> (a deal is created and the lead deleted),
    /// <c>failed</c> or <c>rejected</c>.</summary>
    /// <value>The default value is <c>completed</c>.</value>
    /// <exception cref="ArgumentException">Set to another value.</exception>
    public string ConversionOutcome
    {
        get => Volatile.Read(ref _conversionOutcome);
        set
        {
            if (value is not ("completed" or "failed" or "rejected"))
            {
                throw new ArgumentException("The outcome must be 'completed', 'failed' or 'rejected'.", nameof(value));
            }

            Volatile.Write(ref _conversionOutcome, value);
        }
    }

    /// <summary>Gets a snapshot of the person field definitions, Pipedrive's own first.</summary>
    public IReadOnlyList<PipedriveEmulatorField> PersonFields
    {
        get
        {
            lock (_gate)
            {
                return [.. _personFields];
            }
        }
    }

    /// <summary>Gets a snapshot of the lead field definitions, Pipedrive's own first.</summary>
    public IReadOnlyList<PipedriveEmulatorField> LeadFields
    {
        get
        {
            lock (_gate)
            {
                return [.. _leadFields];
            }
        }
    }

    /// <summary>Gets a snapshot of the stored persons as v2 JSON (with <c>marketing_status</c>), in creation order.</summary>
    public IReadOnlyList<JsonObject> Persons
    {
        get
        {
            lock (_gate)
            {
                return [.. _persons.Items.Select(p => (JsonObject)p.DeepClone())];
            }
        }
    }

    /// <summary>Gets a snapshot of the stored leads (archived included) as v1 JSON, in creation order.</summary>
    public IReadOnlyList<JsonObject> Leads
    {
        get
        {
            lock (_gate)
            {
                return [.. _leads.Items.Select(l => (JsonObject)l.DeepClone())];
            }
        }
    }

    /// <summary>Gets the ids of the deals conversion jobs created.</summary>
    public IReadOnlyList<long> Deals
    {
        get
        {
            lock (_gate)
            {
                return [.. _deals];
            }
        }
    }

    /// <summary>Adds a custom person field.</summary>
    /// <param name="name">The name Pipedrive shows.</param>
    /// <param name="fieldType">The type, such as <c>varchar</c>, <c>double</c>, <c>date</c> or <c>enum</c>.</param>
    /// <param name="options">The option labels of an <c>enum</c> field.</param>
    /// <returns>The field's 40-character hash key (derived from its entity and name, so the same name gets the same key).</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="fieldType"/> is empty.</exception>
    public string AddPersonField(string name, string fieldType = "varchar", IEnumerable<string>? options = null) =>
        AddField(_personFields, "person", name, fieldType, options);

    /// <summary>Adds a custom lead field (in Pipedrive, a deal field leads inherit).</summary>
    /// <param name="name">The name Pipedrive shows.</param>
    /// <param name="fieldType">The type, such as <c>varchar</c>, <c>double</c> or <c>enum</c>.</param>
    /// <param name="options">The option labels of an <c>enum</c> field.</param>
    /// <returns>The field's 40-character hash key.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="fieldType"/> is empty.</exception>
    public string AddLeadField(string name, string fieldType = "varchar", IEnumerable<string>? options = null) =>
        AddField(_leadFields, "lead", name, fieldType, options);

    /// <summary>Answers requests that match a predicate with Pipedrive's error body instead of processing them.</summary>
    /// <param name="predicate">Gets the method, the path (without query) and the body text.</param>
    /// <param name="statusCode">The status: a 4xx or 5xx, or 200 for Pipedrive's <c>"success": false</c> on HTTP 200.</param>
    /// <param name="error">The <c>error</c> text.</param>
    /// <param name="count">How many requests at most; <see langword="null"/> for every matching one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 200 or 400–599, or
    /// <paramref name="count"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="error"/> is empty.</exception>
    public void RejectWhen(Func<string, string, string, bool> predicate, int statusCode, string error, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (statusCode != 200 && statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "The status must be 200 (success: false) or 400–599.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        if (count is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(count));
        }

        lock (_gate)
        {
            _rejections.Add(new PipedriveEmulatorRejection(predicate, statusCode, error, count));
        }
    }

    /// <summary>Returns the emulator to its starting state: no persons, leads, jobs or deals, the default fields, no
    /// rejections, faults, rate limit or logged requests, the default token and conversion behaviour.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _persons.Clear();
            _leads.Clear();
            _jobs.Clear();
            _deals.Clear();
            _rejections.Clear();
            SeedFields();
        }

        ApiToken = DefaultApiToken;
        ConversionPollsBeforeCompletion = 0;
        ConversionOutcome = "completed";
        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        MapPersonRoutes(routes);
        MapLeadRoutes(routes);
        foreach (string prefix in (string[])["/v1", "/api/v1"])
        {
            routes.MapGet(prefix + "/personFields", (HttpContext context) => Guard(context) ?? ListFields(context, _personFields));
            routes.MapGet(prefix + "/leadFields", (HttpContext context) => Guard(context) ?? ListFields(context, _leadFields));
        }
    }

    /// <inheritdoc />
    protected override void WriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);

        // Seconds until the window resets: a duration, not a timestamp.
        response.Headers["x-ratelimit-reset"] = Math.Max(0, (long)Math.Ceiling(resetAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context.Response, ErrorBody(StatusCodes.Status429TooManyRequests, "Request over limit"), context.Response.StatusCode, context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context.Response, ErrorBody(context.Response.StatusCode, "Internal server error"), context.Response.StatusCode, context.RequestAborted);
    }

    private static Task WriteAsync(HttpResponse response, JsonNode body, int statusCode, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = EmulatorJson.ContentType;
        return response.WriteAsync(body.ToJsonString(), Encoding.UTF8, cancellationToken);
    }

    private static IResult Json(JsonNode body, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), EmulatorJson.ContentType, Encoding.UTF8, statusCode);

    private static IResult Success(JsonNode? data, JsonNode? additionalData = null) =>
        Json(new JsonObject { ["success"] = true, ["data"] = data, ["additional_data"] = additionalData });

    private static IResult Error(int statusCode, string error) => Json(ErrorBody(statusCode, error), statusCode);

    private static JsonObject ErrorBody(int? statusCode, string error) => new()
    {
        ["success"] = false,
        ["error"] = error,
        ["errorCode"] = statusCode,
        ["error_info"] = ErrorInfo,
        ["data"] = null,
        ["additional_data"] = null,
    };

    private static string HashKey(string entity, string name)
    {
        // 40 hexadecimal characters, like Pipedrive's keys; derived from the name so it is stable across resets.
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(entity + ":" + name));
        return Convert.ToHexStringLower(hash.AsSpan(0, 20));
    }

    private static string V2Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static string V1Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    private static bool TryReadLimit(HttpRequest request, out int limit, out IResult? error)
    {
        limit = 100;
        error = null;
        string? raw = request.Query["limit"];
        if (raw is null)
        {
            return true;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit)
        {
            error = Error(StatusCodes.Status400BadRequest, $"Validation failed: limit: must be an integer from 1 to {MaxLimit}.");
            return false;
        }

        return true;
    }

    private static (JsonObject? Body, IResult? Error) ReadObject(HttpRequest request, bool allowEmpty = false)
    {
        string text = ReadText(request);
        if (text.Length == 0 && allowEmpty)
        {
            return (new JsonObject(), null);
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject body
                ? (body, null)
                : (null, Error(StatusCodes.Status400BadRequest, "Validation failed: the body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "Validation failed: the body is not valid JSON."));
        }
    }

    private static string ReadText(HttpRequest request)
    {
        // The kit's pipeline buffered the body in a memory stream, so reading it is synchronous and repeatable.
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        string text = reader.ReadToEnd();
        request.Body.Position = 0;
        return text;
    }

    private static bool IsSafeInteger(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue(out value);
    }

    private string AddField(List<PipedriveEmulatorField> fields, string entity, string name, string fieldType, IEnumerable<string>? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldType);
        string key = HashKey(entity, name);
        lock (_gate)
        {
            fields.RemoveAll(f => f.Key == key);
            fields.Add(new PipedriveEmulatorField(key, name, fieldType, IsCustom: true, [.. options ?? []]));
        }

        return key;
    }

    private void SeedFields()
    {
        _personFields.Clear();
        _personFields.AddRange(
        [
            new PipedriveEmulatorField("name", "Name", "varchar", false, []),
            new PipedriveEmulatorField("email", "Email", "varchar", false, []),
            new PipedriveEmulatorField("phone", "Phone", "phone", false, []),
            new PipedriveEmulatorField("owner_id", "Owner", "user", false, []),
            new PipedriveEmulatorField("marketing_status", "Marketing status", "enum", false, ["no_consent", "unsubscribed", "subscribed", "archived"]),
        ]);
        foreach (string name in DefaultPersonFieldNames)
        {
            _personFields.Add(new PipedriveEmulatorField(HashKey("person", name), name, "varchar", true, []));
        }

        _leadFields.Clear();
        _leadFields.AddRange(
        [
            new PipedriveEmulatorField("title", "Title", "varchar", false, []),
            new PipedriveEmulatorField("owner_id", "Owner", "user", false, []),
            new PipedriveEmulatorField("person_id", "Person", "people", false, []),
            new PipedriveEmulatorField("value", "Value", "monetary", false, []),
        ]);
        foreach (string name in DefaultLeadFieldNames)
        {
            _leadFields.Add(new PipedriveEmulatorField(HashKey("lead", name), name, name == "Lead score" ? "double" : "varchar", true, []));
        }
    }

    /// <summary>Checks the token, then the rejection rules; <see langword="null"/> lets the request through.</summary>
    private IResult? Guard(HttpContext context)
    {
        HttpRequest request = context.Request;
        string? token = request.Headers["x-api-token"].FirstOrDefault() ?? request.Query["api_token"].FirstOrDefault();
        if (string.IsNullOrEmpty(token))
        {
            return Error(StatusCodes.Status401Unauthorized, "You need to be authorized to make this request.");
        }

        if (!string.Equals(token, ApiToken, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status401Unauthorized, "unauthorized access");
        }

        PipedriveEmulatorRejection[] rules;
        lock (_gate)
        {
            if (_rejections.Count == 0)
            {
                return null;
            }

            rules = [.. _rejections];
        }

        string body = ReadText(request);
        foreach (PipedriveEmulatorRejection rule in rules)
        {
            if (rule.TryApply(request.Method.ToUpperInvariant(), request.Path.Value ?? "/", body))
            {
                return Json(ErrorBody(rule.StatusCode == 200 ? null : rule.StatusCode, rule.Error), rule.StatusCode);
            }
        }

        return null;
    }

    private IResult ListFields(HttpContext context, List<PipedriveEmulatorField> source)
    {
        HttpRequest request = context.Request;
        if (!TryReadLimit(request, out int limit, out IResult? error))
        {
            return error!;
        }

        int start = 0;
        if (request.Query["start"].FirstOrDefault() is { } rawStart
            && (!int.TryParse(rawStart, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: start: must be a non-negative integer.");
        }

        PipedriveEmulatorField[] fields;
        lock (_gate)
        {
            fields = [.. source];
        }

        var data = new JsonArray();
        for (int i = start; i < fields.Length && i < start + limit; i++)
        {
            data.Add(FieldJson(fields[i], i + 1));
        }

        bool more = start + limit < fields.Length;
        return Success(data, Pagination(start, limit, more));
    }

    private static JsonObject Pagination(int start, int limit, bool more)
    {
        var pagination = new JsonObject
        {
            ["start"] = start,
            ["limit"] = limit,
            ["more_items_in_collection"] = more,
        };
        if (more)
        {
            pagination["next_start"] = start + limit;
        }

        return new JsonObject { ["pagination"] = pagination };
    }

    private static JsonObject FieldJson(PipedriveEmulatorField field, int id)
    {
        var json = new JsonObject
        {
            ["id"] = id,
            ["key"] = field.Key,
            ["name"] = field.Name,
            ["order_nr"] = id,
            ["field_type"] = field.FieldType,
            ["active_flag"] = true,
            ["edit_flag"] = field.IsCustom,
            ["index_visible_flag"] = true,
            ["details_visible_flag"] = true,
            ["add_visible_flag"] = true,
            ["important_flag"] = false,
            ["bulk_edit_allowed"] = true,
            ["searchable_flag"] = field.IsCustom,
            ["filtering_allowed"] = true,
            ["sortable_flag"] = true,
            ["mandatory_flag"] = false,
        };
        if (field.Options.Count > 0)
        {
            var options = new JsonArray();
            for (int i = 0; i < field.Options.Count; i++)
            {
                // Pipedrive's own option fields (marketing_status) use their values as ids; custom ones use numbers.
                options.Add(new JsonObject { ["id"] = field.IsCustom ? JsonValue.Create(i + 1) : JsonValue.Create(field.Options[i]), ["label"] = field.Options[i] });
            }

            json["options"] = options;
        }

        return json;
    }

    private sealed class ConversionJob(string leadId, int pollsLeft, string outcome)
    {
        public string LeadId { get; } = leadId;

        public int PollsLeft { get; set; } = pollsLeft;

        public string Outcome { get; } = outcome;

        public string Status { get; set; } = "not_started";

        public long? DealId { get; set; }
    }
}
