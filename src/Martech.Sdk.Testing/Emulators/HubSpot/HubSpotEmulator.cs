using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// An emulator of HubSpot's CRM v3 objects API for contacts and leads, on loopback: the real paths and JSON (every
/// property value a string), bearer authentication, <c>paging.next.after</c> cursors (URL-encoded Base64 for lists,
/// numbers for searches), search with filter groups, <c>batch/upsert</c> by email with the <c>new</c> flag,
/// <c>batch/update</c> and <c>batch/read</c> with 207 partial failures whose <c>errors[]</c> name their inputs in
/// <c>context.ids</c>, GDPR delete, leads that must be associated with a contact, HubSpot's error bodies
/// (<c>category</c>, <c>correlationId</c>), and, when <see cref="VendorEmulator.RateLimit"/> is set, the
/// <c>X-HubSpot-RateLimit-*</c> headers and its 429 body with <c>policyName</c>. Its marketing API serves a campaign's
/// marketing email assets, its attribution metrics and the marketing email statistics list from what a test seeds
/// (<see cref="AddCampaign"/>, <see cref="RecordEmailStatistics"/>, <see cref="RecordCampaignMetrics"/>).
/// </summary>
/// <remarks>
/// <para>Any property name is accepted (a portal's custom properties need no definition here), except the read-only
/// ones in <see cref="ReadOnlyProperties"/>; <c>lifecyclestage</c> must be one of <see cref="LifecycleStages"/> and
/// <c>email</c> must look like an address, or the input fails with <c>VALIDATION_ERROR</c> as HubSpot answers.</para>
/// <para>Where HubSpot's behaviour is not documented the emulator picks one and says so: archiving or GDPR-deleting an
/// id that does not exist answers 204, and search results come in creation order.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var hubspot = new HubSpotEmulator();
/// await hubspot.StartAsync();
/// services.AddMartech().AddHubSpot(configure: o =&gt;
/// {
///     o.BaseAddress = hubspot.BaseAddress;
///     o.AccessToken = HubSpotEmulator.DefaultAccessToken;
/// });
/// </code>
/// </example>
public sealed partial class HubSpotEmulator : VendorEmulator
{
    /// <summary>The access token the emulator accepts unless <see cref="AccessToken"/> is changed.</summary>
    public const string DefaultAccessToken = "pat-emulator-0000-hubspot";

    private readonly Lock _writeGate = new();
    private readonly ObjectType _contacts;
    private readonly ObjectType _leads;

    /// <summary>Creates an emulator that serves the objects API under <paramref name="objectsPath"/>.</summary>
    /// <param name="objectsPath">The path of the objects API, such as <c>crm/v3/objects</c> (the default) or a
    /// date-versioned one such as <c>crm/objects/2026-03</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="objectsPath"/> is empty.</exception>
    public HubSpotEmulator(string objectsPath = "crm/v3/objects")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectsPath);
        ObjectsPath = "/" + objectsPath.Trim('/');
        Contacts = new EmulatorStore<HubSpotEmulatorObject>();
        Leads = new EmulatorStore<HubSpotEmulatorObject>();
        _contacts = new ObjectType("contacts", "CONTACT", Contacts, 100, "createdate", "lastmodifieddate", "email", ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"]);
        _leads = new ObjectType("leads", "LEAD", Leads, 500_000, "hs_createdate", "hs_lastmodifieddate", null, ["hs_createdate", "hs_lastmodifieddate", "hs_lead_name", "hs_object_id"]);
    }

    /// <summary>Gets the path the objects API is served under, starting with <c>/</c>, such as <c>/crm/v3/objects</c>.</summary>
    public string ObjectsPath { get; }

    /// <summary>Gets or sets the bearer token requests must carry; <see langword="null"/> accepts any token, though one is
    /// still required.</summary>
    /// <value>The default value is <see cref="DefaultAccessToken"/>.</value>
    public string? AccessToken { get; set; } = DefaultAccessToken;

    /// <summary>Gets the stored contacts, to seed and inspect directly (seeded objects skip validation).</summary>
    public EmulatorStore<HubSpotEmulatorObject> Contacts { get; }

    /// <summary>Gets the stored leads, to seed and inspect directly.</summary>
    public EmulatorStore<HubSpotEmulatorObject> Leads { get; }

    /// <summary>Gets or sets the most inputs a batch request may hold; more answer 400.</summary>
    /// <value>The default value is 100.</value>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Gets or sets the largest <c>limit</c> a list request may ask for; more answer 400.</summary>
    /// <value>The default value is 100.</value>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Gets or sets the largest <c>limit</c> a search may ask for; more answer 400.</summary>
    /// <value>The default value is 200.</value>
    public int MaxSearchPageSize { get; set; } = 200;

    /// <summary>Gets or sets the values <c>lifecyclestage</c> accepts, compared by the set's own comparer.</summary>
    /// <value>The default value is HubSpot's default options, ignoring case.</value>
    public IReadOnlySet<string> LifecycleStages { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other",
    };

    /// <summary>Gets or sets the properties a write may not set (<c>READ_ONLY_VALUE</c>), compared by the set's own comparer.</summary>
    /// <value>The default value is <c>hs_object_id</c>, <c>lastmodifieddate</c>, <c>hs_lastmodifieddate</c> and
    /// <c>hs_createdate</c>, ignoring case.</value>
    public IReadOnlySet<string> ReadOnlyProperties { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "hs_object_id", "lastmodifieddate", "hs_lastmodifieddate", "hs_createdate",
    };

    /// <summary>Gets or sets the association type id a lead's contact association must use.</summary>
    /// <value>The default value is 578 (lead to primary contact).</value>
    public int LeadContactAssociationTypeId { get; set; } = 578;

    /// <summary>Removes every contact and lead, campaign and recorded statistic, fault rule, recorded request and the rate limit, so a test starts
    /// afresh on a running emulator. Ids keep counting.</summary>
    public void Reset()
    {
        lock (_writeGate)
        {
            Contacts.Clear();
            Leads.Clear();
        }

        ClearMarketing();
        ResetKit();
    }

    /// <summary>Adds a contact directly, as if created in HubSpot, and returns it.</summary>
    /// <param name="properties">Its properties, such as <c>email</c> and <c>firstname</c>.</param>
    /// <returns>The stored contact.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="properties"/> is <see langword="null"/>.</exception>
    public HubSpotEmulatorObject AddContact(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        lock (_writeGate)
        {
            return Create(_contacts, properties, []);
        }
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RouteGroupBuilder api = routes.MapGroup(ObjectsPath);
        api.AddEndpointFilter(async (context, next) => Authenticate(context.HttpContext) ?? await next(context).ConfigureAwait(false));
        foreach (ObjectType type in (ReadOnlySpan<ObjectType>)[_contacts, _leads])
        {
            string path = "/" + type.Name;
            api.MapGet(path, (HttpContext http) => List(type, http));
            api.MapPost(path, Handler(http => CreateAsync(type, http)));
            api.MapPost(path + "/search", Handler(http => SearchAsync(type, http)));
            api.MapPost(path + "/batch/upsert", Handler(http => BatchUpsertAsync(type, http)));
            api.MapPost(path + "/batch/update", Handler(http => BatchUpdateAsync(type, http)));
            api.MapPost(path + "/batch/read", Handler(http => BatchReadAsync(type, http)));
            api.MapPost(path + "/gdpr-delete", Handler(http => GdprDeleteAsync(type, http)));
            api.MapGet(path + "/{id}", (HttpContext http, string id) => Get(type, http, id));
            api.MapPatch(path + "/{id}", (HttpContext http, string id) => UpdateAsync(type, http, id));
            api.MapDelete(path + "/{id}", (HttpContext http, string id) => Archive(type, http, id));
        }

        MapMarketingRoutes(routes);
    }

    /// <inheritdoc />
    protected override void WriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["X-HubSpot-RateLimit-Max"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-HubSpot-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        long interval = (long)(RateLimit?.Window ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        response.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = interval.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = "You have reached your ten_secondly_rolling limit.",
            ["errorType"] = "RATE_LIMIT",
            ["correlationId"] = NewCorrelationId(),
            ["policyName"] = "TEN_SECONDLY_ROLLING",
            ["requestId"] = NewCorrelationId(),
        };
        return EmulatorJson.WriteAsync(context.Response, body, context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, ErrorBody("INTERNAL_ERROR", "internal error"), context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    // A route handler whose result is written (a bare HttpContext lambda would be taken as a RequestDelegate).
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static string NewCorrelationId() => Guid.NewGuid().ToString();

    private static JsonObject ErrorBody(string category, string message, JsonObject? context = null)
    {
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = NewCorrelationId(),
            ["category"] = category,
        };
        if (context is not null)
        {
            body["context"] = context;
        }

        return body;
    }

    private static IResult Error(int status, string category, string message, JsonObject? context = null) =>
        EmulatorJson.Result(ErrorBody(category, message, context), status);

    private IResult? Authenticate(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        const string Bearer = "Bearer ";
        bool present = header is not null && header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && header.Length > Bearer.Length;
        if (present && (AccessToken is null || string.Equals(header![Bearer.Length..], AccessToken, StringComparison.Ordinal)))
        {
            return null;
        }

        return present
            ? Error(StatusCodes.Status401Unauthorized, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview")
            : Error(StatusCodes.Status401Unauthorized, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await EmulatorJson.ReadNodeAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult InvalidJson() => Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid input JSON on line 1: the body is not valid JSON.");

    /// <summary>One object type's store and the names it uses.</summary>
    private sealed class ObjectType(string name, string singular, EmulatorStore<HubSpotEmulatorObject> store, long firstId, string createdProperty, string modifiedProperty, string? uniqueProperty, string[] defaultProperties)
    {
        private long _lastId = firstId;

        public string Name { get; } = name;

        public string Singular { get; } = singular;

        public EmulatorStore<HubSpotEmulatorObject> Store { get; } = store;

        public string CreatedProperty { get; } = createdProperty;

        public string ModifiedProperty { get; } = modifiedProperty;

        /// <summary>The unique property a contact may be addressed by (<c>idProperty=email</c>); null for leads.</summary>
        public string? UniqueProperty { get; } = uniqueProperty;

        public IReadOnlyList<string> DefaultProperties { get; } = defaultProperties;

        /// <summary>The objects by <see cref="UniqueProperty"/>, ignoring case as HubSpot does; null for leads.</summary>
        public EmulatorStoreIndex<HubSpotEmulatorObject>? UniqueIndex { get; } =
            uniqueProperty is null ? null : store.AddIndex(item => item[uniqueProperty], StringComparer.OrdinalIgnoreCase);

        public string NextId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);
    }
}
