namespace Martech.Sdk.HubSpot;

/// <summary>
/// Options of a HubSpot provider instance, bound from <c>Martech:&lt;name&gt;</c> (<c>Martech:HubSpot</c> by default)
/// and validated when the host starts.
/// </summary>
/// <remarks>
/// Settings marked as assumptions in the provider documentation (<c>docs/providers/hubspot.md</c>) are options so
/// they can follow HubSpot when it differs: the objects path, batch and page limits, the lead association type, the
/// lead and consent property names, and the campaign statistics paths and counter names (<see cref="CampaignStats"/>).
/// </remarks>
/// <example>
/// <code>
/// "Martech": {
///   "HubSpot": {
///     "AccessToken": "pat-eu1-…",
///     "Tier": "ProfessionalOrEnterprise",
///     "ContactPropertiesToRead": [ "favourite_colour" ]
///   }
/// }
/// </code>
/// </example>
public sealed class HubSpotOptions : MartechProviderOptions
{
    /// <summary>HubSpot's documented batch limit, the default of <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 100;

    /// <summary>The largest list page HubSpot is reported to serve, the default of <see cref="MaxPageSize"/>.</summary>
    public const int DefaultMaxPageSize = 100;

    /// <summary>The private app's access token, sent as <c>Authorization: Bearer …</c>. Required. Never shown by
    /// <see cref="MartechProviderOptions.ToString"/>, logs or exception messages.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The API's base address.</summary>
    /// <value>The default value is <c>https://api.hubapi.com/</c>.</value>
    public Uri BaseAddress { get; set; } = new("https://api.hubapi.com/");

    /// <summary>The path of the CRM objects API under <see cref="BaseAddress"/>, without leading or trailing slash;
    /// object types are appended (<c>crm/v3/objects/contacts</c>). HubSpot's date-versioned paths use the same
    /// operations under another prefix, such as <c>crm/objects/2026-03</c>.</summary>
    /// <value>The default value is <c>crm/v3/objects</c>.</value>
    public string ObjectsPath { get; set; } = "crm/v3/objects";

    /// <summary>Contact properties read besides the ones the SDK maps (email, firstname, lastname, company, jobtitle,
    /// phone, lifecyclestage, hubspot_owner_id, createdate, lastmodifieddate and the consent properties). HubSpot
    /// returns only the properties a read asks for, so list your custom properties here to get them in
    /// <see cref="Contact.CustomFields"/>.</summary>
    public IReadOnlyList<string> ContactPropertiesToRead { get; set; } = [];

    /// <summary>Lead properties read besides the ones in <see cref="LeadProperties"/>; list your custom lead
    /// properties here to get them in <see cref="Lead.CustomFields"/>.</summary>
    public IReadOnlyList<string> LeadPropertiesToRead { get; set; } = [];

    /// <summary>Properties never written back from <see cref="Contact.CustomFields"/> or
    /// <see cref="Lead.CustomFields"/>, because HubSpot calculates them and rejects writes (<c>READ_ONLY_VALUE</c>).
    /// <c>hs_object_id</c>, <c>createdate</c>, <c>lastmodifieddate</c> and <c>hs_lastmodifieddate</c> are never
    /// written whatever this holds.</summary>
    public IReadOnlyList<string> ReadOnlyProperties { get; set; } = [];

    /// <summary>The contact properties holding email consent.</summary>
    /// <value>The default value uses the custom properties <c>martech_email_consent</c>,
    /// <c>martech_email_consent_source</c> and <c>martech_email_consent_updated_at</c>.</value>
    public HubSpotConsentProperties EmailConsent { get; set; } = new()
    {
        StatusProperty = "martech_email_consent",
        SourceProperty = "martech_email_consent_source",
        UpdatedAtProperty = "martech_email_consent_updated_at",
    };

    /// <summary>The contact properties holding SMS consent.</summary>
    /// <value>The default value uses the custom properties <c>martech_sms_consent</c>,
    /// <c>martech_sms_consent_source</c> and <c>martech_sms_consent_updated_at</c>.</value>
    public HubSpotConsentProperties SmsConsent { get; set; } = new()
    {
        StatusProperty = "martech_sms_consent",
        SourceProperty = "martech_sms_consent_source",
        UpdatedAtProperty = "martech_sms_consent_updated_at",
    };

    /// <summary>The lead properties that hold the lead's own members.</summary>
    public HubSpotLeadProperties LeadProperties { get; set; } = new();

    /// <summary>Translates <see cref="LeadStatus"/> values to the values of the portal's status property
    /// (<see cref="HubSpotLeadProperties.Status"/>) and back, ignoring case, such as <c>"working": "ATTEMPTING"</c>.
    /// A status without an entry is written and read as it is.</summary>
    public IReadOnlyDictionary<string, string> LeadStatusValues { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The association type of a lead's contact. HubSpot requires every lead to be associated with a contact.</summary>
    /// <value>The default value is 578, HubSpot's "lead to primary contact" type in its leads guide.</value>
    public int LeadContactAssociationTypeId { get; set; } = 578;

    /// <summary>The category of <see cref="LeadContactAssociationTypeId"/>: <c>HUBSPOT_DEFINED</c>,
    /// <c>USER_DEFINED</c> or <c>INTEGRATOR_DEFINED</c>.</summary>
    /// <value>The default value is <c>HUBSPOT_DEFINED</c>.</value>
    public string LeadContactAssociationCategory { get; set; } = "HUBSPOT_DEFINED";

    /// <summary>The most inputs sent in one batch request; larger <see cref="BulkOptions.BatchSize"/> values are
    /// clamped to it.</summary>
    /// <value>The default value is 100, HubSpot's batch limit.</value>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>The largest page asked for in a listing; larger <see cref="ListOptions.PageSize"/> values are clamped
    /// to it.</summary>
    /// <value>The default value is 100.</value>
    public int MaxPageSize { get; set; } = DefaultMaxPageSize;

    /// <summary>The subscription tier whose published burst limit seeds the rate budget, unless
    /// <see cref="RateLimitPermits"/> is set.</summary>
    /// <value>The default value is <see cref="HubSpotApiTier.FreeOrStarter"/>: 100 requests per 10 seconds, which is
    /// also the limit of every OAuth app.</value>
    public HubSpotApiTier Tier { get; set; } = HubSpotApiTier.FreeOrStarter;

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/>, overriding <see cref="Tier"/>; <see langword="null"/>
    /// to use the tier's limit.</summary>
    public int? RateLimitPermits { get; set; }

    /// <summary>The window the rate budget counts over.</summary>
    /// <value>The default value is 10 seconds, HubSpot's burst window.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>HubSpot's documented limit of its CRM search endpoints, the default of
    /// <see cref="SearchRequestsPerSecond"/>.</summary>
    public const int DefaultSearchRequestsPerSecond = 4;

    /// <summary>Requests per second to the CRM search endpoints (<c>POST …/objects/{type}/search</c>, which serve
    /// look-ups by email and filtered listings) across every object type of the token: a budget of their own, on top of
    /// the burst budget (<see cref="RateLimitPermits"/>). HubSpot documents 4 per second per token; some newer pages say
    /// 5 (unconfirmed), so raise it if your account shows that.</summary>
    /// <value>The default value is 4.</value>
    public int SearchRequestsPerSecond { get; set; } = DefaultSearchRequestsPerSecond;

    /// <summary>The longest custom field name (a property's internal name) sent to HubSpot; a longer one is refused
    /// before any request. HubSpot's limit for internal names is not confirmed in its published reference (100 is the
    /// commonly stated figure), so raise it if your portal holds longer names.</summary>
    /// <value>The default value is 100.</value>
    public int MaxCustomFieldNameLength { get; set; } = 100;

    /// <summary>The longest a request waits for the rate budget before failing with
    /// <see cref="MartechRateLimitedException"/>.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RateLimitMaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries, timeouts and the circuit breaker of this instance's transport.</summary>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>Campaign numbers (<c>Martech:&lt;name&gt;:CampaignStats</c>): the marketing campaigns and email statistics
    /// paths, the counter names read and how many email ids a request carries.</summary>
    public HubSpotCampaignStatsOptions CampaignStats { get; set; } = new();

    /// <summary>Webhooks: the app's client secret that signs them, whether legacy signatures are accepted, tolerances and
    /// the endpoint path (<c>Martech:&lt;name&gt;:Webhooks</c>). Without a client secret, webhooks are refused.</summary>
    public HubSpotWebhookOptions Webhooks { get; set; } = new();

    /// <summary>The requests per <see cref="RateLimitWindow"/> the budget is seeded with: <see cref="RateLimitPermits"/>
    /// when set, otherwise the <see cref="Tier"/>'s published limit.</summary>
    /// <returns>The permit count.</returns>
    public int GetEffectiveRateLimitPermits() => RateLimitPermits ?? Tier switch
    {
        HubSpotApiTier.ProfessionalOrEnterprise => 150,
        HubSpotApiTier.ApiLimitIncrease => 200,
        _ => 100,
    };

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return HubSpotOptionsValidator.Validate(this, configurationPath)
            .Concat(ResilienceProblems(Resilience, configurationPath))
            .Concat(CampaignStats is null ? [$"{configurationPath}:{nameof(CampaignStats)} is required."] : CampaignStats.Validate($"{configurationPath}:{nameof(CampaignStats)}"))
            .Concat(Webhooks is null ? [$"{configurationPath}:{nameof(Webhooks)} is required."] : Webhooks.Validate($"{configurationPath}:{nameof(Webhooks)}"));
    }
}
