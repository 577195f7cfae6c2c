using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// An emulated Salesforce org on loopback, speaking the REST API's wire format so the Salesforce provider can run
/// against it over real sockets: the OAuth2 token endpoint (client credentials and refresh token, answering an
/// <c>instance_url</c> that points back at the emulator), describe, sObject create / read / update / delete, upsert by
/// external id (201, 200 or 204, and 300 for several matches), sObject Collections (create, update, upsert and delete, up
/// to 200 records, <c>allOrNone</c>, per-record results), and SOQL with query cursors (<c>nextRecordsUrl</c>,
/// <c>Sforce-Query-Options: batchSize</c>).
/// </summary>
/// <remarks>
/// <para>It knows the Account, Contact, Lead, Campaign and CampaignMember objects with their main standard fields, and
/// its schema is open: a field it does not know is created as a custom field (text, number or boolean, from its first
/// value) the first time a record is written with it, as in an org that has that field. Writes are checked as Salesforce
/// checks them: required fields (<c>REQUIRED_FIELD_MISSING</c>), read-only fields
/// (<c>INVALID_FIELD_FOR_INSERT_UPDATE</c>), text length (<c>STRING_TOO_LONG</c>), email format
/// (<c>INVALID_EMAIL_ADDRESS</c>), references (<c>MALFORMED_ID</c>, <c>INVALID_CROSS_REFERENCE_KEY</c>), object and array
/// values (<c>JSON_PARSER_ERROR</c>), duplicate campaign members (<c>DUPLICATE_VALUE</c>) and the validation rules a test
/// adds (<see cref="AddValidationRule"/>). Deletes go to a recycle bin (<c>ENTITY_IS_DELETED</c> afterwards) and cascade
/// as Salesforce's do.</para>
/// <para>Every data API response carries <c>Sforce-Limit-Info: api-usage=used/limit</c>; past
/// <see cref="DailyApiLimit"/> requests are refused with 403 <c>REQUEST_LIMIT_EXCEEDED</c>. Requests need a bearer token
/// the token endpoint issued; an unknown, expired (<see cref="AccessTokenLifetime"/>) or revoked
/// (<see cref="ExpireAccessTokens"/>) token gets 401 <c>INVALID_SESSION_ID</c>. The base class's rate limit and faults
/// answer with Salesforce's error array.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var salesforce = new SalesforceEmulator();
/// await salesforce.StartAsync();
/// services.AddMartech().AddSalesforce(configure: o =&gt;
/// {
///     o.MyDomainUrl = salesforce.BaseAddress;
///     o.ClientId = SalesforceEmulator.DefaultClientId;
///     o.ClientSecret = SalesforceEmulator.DefaultClientSecret;
/// });
/// string campaignId = salesforce.AddCampaign("Spring launch");
/// </code>
/// </example>
public sealed partial class SalesforceEmulator : VendorEmulator
{
    /// <summary>The consumer key the emulator accepts unless <see cref="ClientId"/> is changed.</summary>
    public const string DefaultClientId = "emulator-consumer-key";

    /// <summary>The consumer secret the emulator accepts unless <see cref="ClientSecret"/> is changed.</summary>
    public const string DefaultClientSecret = "emulator-consumer-secret";

    /// <summary>The daily API allocation reported by default.</summary>
    public const int DefaultDailyApiLimit = 15_000;

    private const int MaxCollectionSize = 200;
    private const int DefaultBatchSize = 2000;
    private const string OrgId = "00D5E0000000001";
    private readonly EmulatorSalesforceOrg _org;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshTokens = new(StringComparer.Ordinal);
    private int _apiUsage;
    private int _dailyApiLimit = DefaultDailyApiLimit;
    private int _tokensIssued;
    private long _accessTokenLifetimeTicks = -1;
    private string _clientId = DefaultClientId;
    private string _clientSecret = DefaultClientSecret;

    /// <summary>Creates an emulator that is not yet listening.</summary>
    public SalesforceEmulator()
    {
        _org = new EmulatorSalesforceOrg(() => TimeProvider.GetUtcNow());
    }

    /// <summary>Gets or sets the consumer key the token endpoint accepts.</summary>
    /// <value>The default value is <see cref="DefaultClientId"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string ClientId
    {
        get => Volatile.Read(ref _clientId);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _clientId, value);
        }
    }

    /// <summary>Gets or sets the consumer secret the token endpoint accepts.</summary>
    /// <value>The default value is <see cref="DefaultClientSecret"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string ClientSecret
    {
        get => Volatile.Read(ref _clientSecret);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _clientSecret, value);
        }
    }

    /// <summary>Gets or sets the org's daily API allocation, the second number of <c>Sforce-Limit-Info</c>.</summary>
    /// <value>The default value is <see cref="DefaultDailyApiLimit"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or less.</exception>
    public int DailyApiLimit
    {
        get => Volatile.Read(ref _dailyApiLimit);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref _dailyApiLimit, value);
        }
    }

    /// <summary>Gets or sets the API requests counted so far today, the first number of <c>Sforce-Limit-Info</c>; set it
    /// near <see cref="DailyApiLimit"/> to test running out.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int ApiUsage
    {
        get => Volatile.Read(ref _apiUsage);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _apiUsage, value);
        }
    }

    /// <summary>Gets or sets how long an access token is accepted (by <see cref="VendorEmulator.TimeProvider"/>);
    /// <see langword="null"/> for as long as the emulator runs. Salesforce's token answer carries no expiry, so clients
    /// learn of it from the 401.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative value.</exception>
    public TimeSpan? AccessTokenLifetime
    {
        get => Interlocked.Read(ref _accessTokenLifetimeTicks) is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;
        set
        {
            if (value is { } lifetime)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
            }

            Interlocked.Exchange(ref _accessTokenLifetimeTicks, value?.Ticks ?? -1);
        }
    }

    /// <summary>Gets how many access tokens the token endpoint has issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Gets the token endpoint, <c>{BaseAddress}services/oauth2/token</c>.</summary>
    /// <exception cref="InvalidOperationException">The emulator has not been started.</exception>
    public Uri TokenEndpoint => new(BaseAddress, "services/oauth2/token");

    /// <summary>Creates a refresh token the token endpoint accepts for the <c>refresh_token</c> grant, as if a user had
    /// consented.</summary>
    /// <returns>The refresh token.</returns>
    public string AddRefreshToken()
    {
        string token = "5Aep861" + RandomToken(48);
        _refreshTokens[token] = 0;
        return token;
    }

    /// <summary>Revokes a refresh token: the token endpoint answers <c>invalid_grant</c> for it from now on.</summary>
    /// <param name="refreshToken">The refresh token.</param>
    /// <returns><see langword="true"/> when it was valid.</returns>
    public bool RevokeRefreshToken(string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        return _refreshTokens.TryRemove(refreshToken, out _);
    }

    /// <summary>Invalidates every access token issued so far: the next request with one gets 401
    /// <c>INVALID_SESSION_ID</c>, as after a session timeout or a revoked session.</summary>
    public void ExpireAccessTokens() => _accessTokens.Clear();

    /// <summary>Makes a field an external id of an object, so upserts can match on it
    /// (<c>PATCH /sobjects/{type}/{field}/{value}</c>). The field is created as a text field when it does not exist.
    /// Matching ignores case, as for a case-insensitive external id.</summary>
    /// <param name="sObjectType">The object, such as <c>Contact</c>.</param>
    /// <param name="fieldName">The field, such as <c>Email_Key__c</c>.</param>
    /// <exception cref="ArgumentException">The object is unknown, or the field is not a text field.</exception>
    public void AddExternalIdField(string sObjectType, string fieldName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sObjectType);
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldName);
        _org.MarkExternalId(sObjectType, fieldName);
    }

    /// <summary>Adds a validation rule: a record of the object whose field value fails <paramref name="isValid"/> is
    /// refused with <c>FIELD_CUSTOM_VALIDATION_EXCEPTION</c> and <paramref name="message"/> (per record in sObject
    /// Collections, so a batch fails partly).</summary>
    /// <param name="sObjectType">The object, such as <c>Contact</c>.</param>
    /// <param name="fieldName">The field checked.</param>
    /// <param name="isValid">Decides on the field's value as stored after the write (<see langword="null"/> when empty).</param>
    /// <param name="message">The error message.</param>
    /// <exception cref="ArgumentException">An argument is empty or the object is unknown.</exception>
    public void AddValidationRule(string sObjectType, string fieldName, Func<JsonNode?, bool> isValid, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sObjectType);
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldName);
        ArgumentNullException.ThrowIfNull(isValid);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        _org.AddValidationRule(new EmulatorValidationRule(sObjectType, fieldName, isValid, message));
    }

    /// <summary>Sets which campaign member statuses count as responded (<c>HasResponded</c>).</summary>
    /// <param name="statuses">The statuses; the default is <c>Responded</c>.</param>
    public void SetRespondedStatuses(IReadOnlyCollection<string> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        _org.SetRespondedStatuses(statuses);
    }

    /// <summary>Creates a campaign, as a user would in Salesforce (campaigns have no create method in the SDK).</summary>
    /// <param name="name">The campaign's name.</param>
    /// <param name="status">Its status picklist value, such as <c>Planned</c> or <c>In Progress</c>.</param>
    /// <param name="type">Its type, such as <c>Email</c> or <c>Webinar</c>.</param>
    /// <returns>The campaign's id.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public string AddCampaign(string name, string status = "Planned", string? type = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        return AddRecord("Campaign", new Dictionary<string, object?> { ["Name"] = name, ["Status"] = status, ["Type"] = type });
    }

    /// <summary>Creates a record directly, with the checks an API create makes but without counting API usage.</summary>
    /// <param name="sObjectType">The object, such as <c>Contact</c>.</param>
    /// <param name="fields">Field values: strings, booleans, numbers, <see cref="DateTimeOffset"/> (a datetime),
    /// <see cref="DateOnly"/> (a date), <see cref="JsonNode"/> or <see langword="null"/>.</param>
    /// <returns>The record's id.</returns>
    /// <exception cref="ArgumentException">The object is unknown or a value has an unsupported type.</exception>
    /// <exception cref="InvalidOperationException">Salesforce would refuse the record; the message says why.</exception>
    public string AddRecord(string sObjectType, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sObjectType);
        ArgumentNullException.ThrowIfNull(fields);
        _org.RequireObject(sObjectType);
        var input = new JsonObject();
        foreach (var (name, value) in fields)
        {
            input[name] = ToNode(name, value);
        }

        var (id, error) = _org.Create(sObjectType, input);
        return id ?? throw new InvalidOperationException($"{error!.ErrorCode}: {error.Message}");
    }

    /// <summary>Gets a record with every field, as <c>GET /sobjects/{type}/{id}</c> would; deleted records are not
    /// returned.</summary>
    /// <param name="sObjectType">The object.</param>
    /// <param name="id">The record id (15 or 18 characters).</param>
    /// <returns>A copy of the record, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The object is unknown.</exception>
    public JsonObject? GetRecord(string sObjectType, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sObjectType);
        ArgumentNullException.ThrowIfNull(id);
        _org.RequireObject(sObjectType);
        return _org.Get(sObjectType, id, ApiVersionForReads, null, out _);
    }

    /// <summary>Gets every live record of an object, in creation order, with every field.</summary>
    /// <param name="sObjectType">The object.</param>
    /// <returns>Copies of the records.</returns>
    /// <exception cref="ArgumentException">The object is unknown.</exception>
    public IReadOnlyList<JsonObject> GetRecords(string sObjectType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sObjectType);
        return _org.Snapshot(sObjectType, ApiVersionForReads);
    }

    /// <summary>Counts the live records of an object.</summary>
    /// <param name="sObjectType">The object.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">The object is unknown.</exception>
    public int CountRecords(string sObjectType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sObjectType);
        return _org.Count(sObjectType);
    }

    /// <summary>Sets a contact's member status in a campaign, as a user or a marketing tool would; a responded status
    /// sets <c>HasResponded</c> and, the first time, <c>FirstRespondedDate</c>.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="contactId">The member contact.</param>
    /// <param name="status">The status, such as <c>Responded</c>.</param>
    /// <exception cref="InvalidOperationException">The contact is not a member of the campaign.</exception>
    public void SetCampaignMemberStatus(string campaignId, string contactId, string status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        _org.SetMemberStatus(campaignId, contactId, status);
    }

    /// <summary>Marks a lead converted into a contact, as Salesforce's lead conversion does (<c>IsConverted</c>,
    /// <c>ConvertedContactId</c>, status <c>Closed - Converted</c>); the lead can no longer be updated.</summary>
    /// <param name="leadId">The lead.</param>
    /// <param name="contactId">The contact it became.</param>
    /// <exception cref="InvalidOperationException">There is no such lead or contact.</exception>
    public void MarkLeadConverted(string leadId, string contactId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leadId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        _org.MarkConverted(leadId, contactId);
    }

    /// <summary>Empties the org for the next test: records, recycle bin, query cursors, custom fields, external ids,
    /// validation rules and responded statuses, API usage and limit, token lifetime, faults, rate limit and request log.
    /// Issued tokens and credentials stay valid.</summary>
    public void Reset()
    {
        _org.Reset();
        ApiUsage = 0;
        DailyApiLimit = DefaultDailyApiLimit;
        AccessTokenLifetime = null;
        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/services/oauth2/token", TokenAsync);

        RouteGroupBuilder api = routes.MapGroup("/services/data/{version}");
        api.AddEndpointFilter(AuthorizeAndCountAsync);
        api.MapGet("/sobjects/{type}/describe", (string type) =>
            _org.Object(type) is null ? Errors(EmulatorApiError.NotFound()) : Json(_org.Describe(type)));
        api.MapPost("/sobjects/{type}", CreateAsync);
        api.MapGet("/sobjects/{type}/{id}", (string version, string type, string id, HttpRequest request) =>
        {
            string? fields = request.Query["fields"];
            IReadOnlyList<string>? selected = string.IsNullOrWhiteSpace(fields) ? null : fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            JsonObject? record = _org.Get(type, id, version, selected, out EmulatorApiError? error);
            return record is null ? Errors(error!) : Json(record);
        });
        api.MapMethods("/sobjects/{type}/{id}", [HttpMethods.Patch], UpdateAsync);
        api.MapDelete("/sobjects/{type}/{id}", (string type, string id) =>
            _org.Delete(type, id) is { } error ? Errors(error) : Results.NoContent());
        api.MapMethods("/sobjects/{type}/{field}/{value}", [HttpMethods.Patch], UpsertAsync);
        api.MapGet("/query", Query);
        api.MapGet("/query/{locator}", QueryMore);
        api.MapPost("/composite/sobjects", (string version, HttpRequest request) => CollectionAsync(request, CollectionKind.Create, null, null));
        api.MapMethods("/composite/sobjects", [HttpMethods.Patch], (string version, HttpRequest request) => CollectionAsync(request, CollectionKind.Update, null, null));
        api.MapMethods("/composite/sobjects/{type}/{field}", [HttpMethods.Patch], (string version, string type, string field, HttpRequest request) => CollectionAsync(request, CollectionKind.Upsert, type, field));
        api.MapDelete("/composite/sobjects", DeleteCollection);
    }

    /// <summary>Salesforce counts API requests against its limits; the OAuth token endpoint is not an API request, so it is
    /// neither counted nor refused by the <see cref="VendorEmulator.RateLimit"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="false"/> for <c>/services/oauth2/…</c>, otherwise <see langword="true"/>.</returns>
    protected override bool CountsAgainstRateLimit(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.Path.StartsWith("/services/oauth2/", StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteErrorAsync(context, "REQUEST_LIMIT_EXCEEDED", "Too many requests: the request rate is over the limit; retry later.");
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteErrorAsync(context, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)");
    }

    private enum CollectionKind
    {
        Create,
        Update,
        Upsert,
    }

    private const string ApiVersionForReads = "v62.0";

    [GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    private static async Task WriteErrorAsync(HttpContext context, string code, string message)
    {
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(ErrorArray(code, message, []).ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonArray ErrorArray(string code, string message, IReadOnlyList<string> fields) =>
        [new JsonObject { ["message"] = message, ["errorCode"] = code, ["fields"] = new JsonArray([.. fields.Select(static f => (JsonNode?)f)]) }];

    private static IResult Errors(EmulatorApiError error) => Json(ErrorArray(error.ErrorCode, error.Message, error.Fields), error.Status);

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(), "application/json;charset=UTF-8", Encoding.UTF8, status);

    private static string RandomToken(int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(Alphabet, length);
    }

    private static JsonNode? ToNode(string name, object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => s,
        bool b => b,
        int i => i,
        long l => l,
        double d => d,
        decimal m => m,
        DateTimeOffset moment => EmulatorSalesforceOrg.Stamp(moment),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Field '{name}' has a value of unsupported type {value.GetType().Name}.", nameof(value)),
    };

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return JsonNode.Parse(body);
    }

    private static IResult ParserError(string message) => Errors(EmulatorApiError.Bad("JSON_PARSER_ERROR", message));

    private async ValueTask<object?> AuthorizeAndCountAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string? version = http.GetRouteValue("version") as string;
        if (version is null || !VersionPattern().IsMatch(version))
        {
            return Errors(EmulatorApiError.NotFound());
        }

        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out AuthenticationHeaderValue? header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { } token
            || !_accessTokens.TryGetValue(token, out DateTimeOffset issuedAt)
            || (AccessTokenLifetime is { } lifetime && TimeProvider.GetUtcNow() - issuedAt >= lifetime))
        {
            return Errors(new EmulatorApiError(StatusCodes.Status401Unauthorized, "INVALID_SESSION_ID", "Session expired or invalid", []));
        }

        int limit = DailyApiLimit;
        int used = Interlocked.Increment(ref _apiUsage);
        if (used > limit)
        {
            Interlocked.Decrement(ref _apiUsage);
            http.Response.Headers["Sforce-Limit-Info"] = $"api-usage={limit.ToString(CultureInfo.InvariantCulture)}/{limit.ToString(CultureInfo.InvariantCulture)}";
            return Errors(new EmulatorApiError(StatusCodes.Status403Forbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", []));
        }

        http.Response.Headers["Sforce-Limit-Info"] = $"api-usage={used.ToString(CultureInfo.InvariantCulture)}/{limit.ToString(CultureInfo.InvariantCulture)}";
        return await next(context).ConfigureAwait(false);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException)
        {
            return OAuthError("invalid_request", "the request must be form-encoded");
        }

        string? clientId = form["client_id"];
        string? clientSecret = form["client_secret"];
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out AuthenticationHeaderValue? basic)
            && string.Equals(basic.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && basic.Parameter is { } encoded)
        {
            string pair;
            try
            {
                pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                return OAuthError("invalid_client", "invalid client credentials");
            }

            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            clientId = Uri.UnescapeDataString(colon < 0 ? pair : pair[..colon]);
            clientSecret = colon < 0 ? null : Uri.UnescapeDataString(pair[(colon + 1)..]);
        }

        string? grant = form["grant_type"];
        if (grant is not ("client_credentials" or "refresh_token"))
        {
            return OAuthError("unsupported_grant_type", "grant type not supported");
        }

        if (!string.Equals(clientId, ClientId, StringComparison.Ordinal))
        {
            return OAuthError("invalid_client_id", "client identifier invalid");
        }

        if ((grant == "client_credentials" || clientSecret is not null) && !string.Equals(clientSecret, ClientSecret, StringComparison.Ordinal))
        {
            return OAuthError("invalid_client", "invalid client credentials");
        }

        if (grant == "refresh_token" && (form["refresh_token"].ToString() is not { Length: > 0 } refresh || !_refreshTokens.ContainsKey(refresh)))
        {
            return OAuthError("invalid_grant", "expired access/refresh token");
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        string accessToken = OrgId + "!AR" + RandomToken(96);
        _accessTokens[accessToken] = now;
        Interlocked.Increment(ref _tokensIssued);
        string instance = BaseAddress.GetLeftPart(UriPartial.Authority);
        return Json(new JsonObject
        {
            ["access_token"] = accessToken,
            ["signature"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken))),
            ["scope"] = "api",
            ["instance_url"] = instance,
            ["id"] = $"{instance}/id/{OrgId}AAA/{EmulatorSalesforceOrg.UserId}",
            ["token_type"] = "Bearer",
            ["issued_at"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    private static IResult OAuthError(string error, string description) =>
        Json(new JsonObject { ["error"] = error, ["error_description"] = description }, StatusCodes.Status400BadRequest);

    private async Task<IResult> CreateAsync(string type, HttpRequest request)
    {
        if (_org.Object(type) is null)
        {
            return Errors(EmulatorApiError.NotFound());
        }

        JsonObject? body;
        try
        {
            body = await ReadBodyAsync(request).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException ex)
        {
            return ParserError(ex.Message);
        }

        if (body is null)
        {
            return ParserError("The request body must be a JSON object of field values.");
        }

        var (id, error) = _org.Create(type, body);
        return error is not null
            ? Errors(error)
            : Json(new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() }, StatusCodes.Status201Created);
    }

    private async Task<IResult> UpdateAsync(string type, string id, HttpRequest request)
    {
        JsonObject? body;
        try
        {
            body = await ReadBodyAsync(request).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException ex)
        {
            return ParserError(ex.Message);
        }

        if (body is null)
        {
            return ParserError("The request body must be a JSON object of field values.");
        }

        return _org.Update(type, id, body) is { } error ? Errors(error) : Results.NoContent();
    }

    private async Task<IResult> UpsertAsync(string version, string type, string field, string value, HttpRequest request)
    {
        JsonObject? body;
        try
        {
            body = await ReadBodyAsync(request).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException ex)
        {
            return ParserError(ex.Message);
        }

        if (body is null)
        {
            return ParserError("The request body must be a JSON object of field values.");
        }

        var (id, created, matches, error) = _org.Upsert(type, field, value, body);
        if (matches is not null)
        {
            return Json(new JsonArray([.. matches.Select(m => (JsonNode?)$"/services/data/{version}/sobjects/{type}/{m}")]), StatusCodes.Status300MultipleChoices);
        }

        if (error is not null)
        {
            return Errors(error);
        }

        if (!created && ApiVersionNumber(version) < 46)
        {
            return Results.NoContent();
        }

        return Json(
            new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray(), ["created"] = created },
            created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static double ApiVersionNumber(string version) =>
        double.TryParse(version.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : 0;

    private IResult Query(string version, HttpRequest request)
    {
        string? soql = request.Query["q"];
        if (string.IsNullOrWhiteSpace(soql))
        {
            return Errors(EmulatorApiError.Bad("MALFORMED_QUERY", "A query string has to be specified"));
        }

        int batchSize = DefaultBatchSize;
        string options = request.Headers["Sforce-Query-Options"].ToString();
        foreach (string option in options.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (option.StartsWith("batchSize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(option.AsSpan("batchSize=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int size))
            {
                // Salesforce takes 200 to 2,000.
                batchSize = Math.Clamp(size, 200, DefaultBatchSize);
            }
        }

        SoqlResult rows;
        try
        {
            rows = _org.Query(soql, version);
        }
        catch (SoqlException ex)
        {
            return Errors(EmulatorApiError.Bad(ex.ErrorCode, ex.Message));
        }

        return rows.CountOnly
            ? Json(new JsonObject { ["totalSize"] = rows.TotalSize, ["done"] = true, ["records"] = new JsonArray() })
            : Batch(version, rows, 0, batchSize, null);
    }

    private IResult QueryMore(string version, string locator)
    {
        int dash = locator.LastIndexOf('-');
        if (dash <= 0
            || !int.TryParse(locator.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int offset)
            || _org.Cursor(locator[..dash]) is not { } cursor
            || offset > cursor.Rows.Count)
        {
            return Errors(EmulatorApiError.Bad("INVALID_QUERY_LOCATOR", "invalid query locator"));
        }

        return Batch(version, cursor.Rows, offset, cursor.BatchSize, locator[..dash]);
    }

    /// <summary>Answers one batch of a query's rows, rendered now; a locator for the rest when more remain.</summary>
    private IResult Batch(string version, SoqlResult rows, int offset, int batchSize, string? locator)
    {
        int end = Math.Min(rows.Count, offset + batchSize);
        JsonArray records = _org.Render(rows, offset, end);
        var result = new JsonObject { ["totalSize"] = rows.TotalSize, ["done"] = end >= rows.Count };
        if (end < rows.Count)
        {
            locator ??= _org.OpenCursor(rows, batchSize);
            result["nextRecordsUrl"] = $"/services/data/{version}/query/{locator}-{end.ToString(CultureInfo.InvariantCulture)}";
        }

        result["records"] = records;
        return Json(result);
    }

    private async Task<IResult> CollectionAsync(HttpRequest request, CollectionKind kind, string? type, string? field)
    {
        JsonObject? body;
        try
        {
            body = await ReadBodyAsync(request).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException ex)
        {
            return ParserError(ex.Message);
        }

        if (body?["records"] is not JsonArray records)
        {
            return ParserError("The request body must be {\"allOrNone\": …, \"records\": […]}.");
        }

        if (records.Count > MaxCollectionSize)
        {
            return Errors(EmulatorApiError.Bad("EXCEEDED_ID_LIMIT", $"The number of records in the request exceeds the limit of {MaxCollectionSize}."));
        }

        var inputs = new List<(string Type, JsonObject Fields)>(records.Count);
        foreach (JsonNode? node in records)
        {
            if (node is not JsonObject record || OrgText(record["attributes"]?["type"]) is not { } recordType)
            {
                return Errors(EmulatorApiError.Bad("INVALID_TYPE", "Each record needs attributes with its sObject type."));
            }

            if (kind == CollectionKind.Upsert && !string.Equals(recordType, type, StringComparison.OrdinalIgnoreCase))
            {
                return Errors(EmulatorApiError.Bad("INVALID_TYPE", $"Every record of an upsert on {type} must be a {type}, not {recordType}."));
            }

            if (record.Any(static p => p.Key != "attributes" && p.Value is JsonObject or JsonArray))
            {
                return ParserError("Cannot deserialize a field value from START_OBJECT or START_ARRAY.");
            }

            inputs.Add((recordType, record));
        }

        bool allOrNone = body["allOrNone"]?.GetValueKind() == JsonValueKind.True;
        List<JsonObject> results = _org.Transaction(
            () => inputs.Select(input => WriteOne(kind, input.Type, input.Fields, field)).ToList(),
            r => !allOrNone || r.TrueForAll(static x => x["success"]!.GetValue<bool>()));
        if (allOrNone && !results.TrueForAll(static x => x["success"]!.GetValue<bool>()))
        {
            for (int i = 0; i < results.Count; i++)
            {
                if (results[i]["success"]!.GetValue<bool>())
                {
                    results[i] = Failure(null, "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid and the request was using AllOrNone header", []);
                }
            }
        }

        return Json(new JsonArray([.. results]));
    }

    private JsonObject WriteOne(CollectionKind kind, string type, JsonObject record, string? field)
    {
        var fields = (JsonObject)record.DeepClone();
        fields.Remove("attributes");
        switch (kind)
        {
            case CollectionKind.Create:
            {
                var (id, error) = _org.Create(type, fields);
                return error is null ? Success(id!, null) : Failure(null, error);
            }

            case CollectionKind.Update:
            {
                string? id = OrgText(fields["id"]) ?? OrgText(fields["Id"]);
                fields.Remove("id");
                fields.Remove("Id");
                EmulatorApiError? error = _org.UpdateInCollection(type, id, fields);
                return error is null ? Success(id!, null) : Failure(id, error);
            }

            default:
            {
                string? value = OrgText(fields[field!]);
                if (string.IsNullOrEmpty(value))
                {
                    return Failure(null, "MISSING_ARGUMENT", $"{field} not specified", [field!]);
                }

                var (id, created, matches, error) = _org.Upsert(type, field!, value, fields);
                if (matches is not null)
                {
                    return Failure(null, "DUPLICATE_EXTERNAL_ID", $"{field}: more than one record found for external id field: [{string.Join(", ", matches)}]", [field!]);
                }

                return error is null ? Success(id!, created) : Failure(null, error);
            }
        }
    }

    private IResult DeleteCollection(HttpRequest request)
    {
        string ids = request.Query["ids"].ToString();
        string[] list = ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (list.Length == 0)
        {
            return Errors(EmulatorApiError.Bad("MISSING_ARGUMENT", "ids not specified"));
        }

        if (list.Length > MaxCollectionSize)
        {
            return Errors(EmulatorApiError.Bad("EXCEEDED_ID_LIMIT", $"The number of records in the request exceeds the limit of {MaxCollectionSize}."));
        }

        bool allOrNone = string.Equals(request.Query["allOrNone"], "true", StringComparison.OrdinalIgnoreCase);
        List<JsonObject> results = _org.Transaction(
            () => list.Select(id => _org.DeleteAny(id) is { } error ? Failure(id, error) : Success(id, null)).ToList(),
            r => !allOrNone || r.TrueForAll(static x => x["success"]!.GetValue<bool>()));
        return Json(new JsonArray([.. results]));
    }

    private static JsonObject Success(string id, bool? created)
    {
        var result = new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };
        if (created is bool value)
        {
            result["created"] = value;
        }

        return result;
    }

    private static JsonObject Failure(string? id, EmulatorApiError error) => Failure(id, error.ErrorCode, error.Message, error.Fields);

    private static JsonObject Failure(string? id, string code, string message, IReadOnlyList<string> fields)
    {
        var result = new JsonObject();
        if (id is not null)
        {
            result["id"] = id;
        }

        result["success"] = false;
        result["errors"] = new JsonArray(new JsonObject
        {
            ["statusCode"] = code,
            ["message"] = message,
            ["fields"] = new JsonArray([.. fields.Select(static f => (JsonNode?)f)]),
        });
        return result;
    }

    private static string? OrgText(JsonNode? node) => EmulatorSalesforceOrg.Text(node);
}
