using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

// Marketing routes: a campaign's assets, its attribution metrics, and marketing email statistics, served from what a
// test seeds (AddCampaign, RecordEmailStatistics, RecordCampaignMetrics).
public sealed partial class HubSpotEmulator
{
    /// <summary>The asset types the campaigns API knows; the emulator holds marketing emails only and lists the others
    /// empty.</summary>
    private static readonly HashSet<string> AssetTypes = new(StringComparer.Ordinal)
    {
        "MARKETING_EMAIL", "AD_CAMPAIGN", "BLOG_POST", "CASE_STUDY", "CTA", "EXTERNAL_WEB_URL", "FEEDBACK_SURVEY", "FORM",
        "LANDING_PAGE", "MARKETING_EVENT", "MARKETING_SMS", "OBJECT_LIST", "SITE_PAGE", "SOCIAL_BROADCAST", "WEB_INTERACTIVE",
    };

    private readonly Lock _marketingGate = new();
    private readonly Dictionary<string, HubSpotEmulatorCampaign> _campaigns = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(long EmailId, DateTimeOffset At, IReadOnlyDictionary<string, long> Counters)> _emailStatistics = [];
    private readonly List<(string CampaignId, DateOnly Day, IReadOnlyDictionary<string, long> Metrics)> _campaignMetrics = [];

    /// <summary>Gets the path the marketing API is served under, starting with <c>/</c>.</summary>
    /// <value><c>/marketing/v3</c>.</value>
    public string MarketingPath { get; } = "/marketing/v3";

    /// <summary>Gets or sets the counters every email statistics answer holds (zero when nothing was recorded), besides
    /// any other name recorded with <see cref="RecordEmailStatistics"/>. Remove one to see how a client copes with a
    /// counter HubSpot does not send.</summary>
    /// <value>The default value is the counters of HubSpot's legacy email statistics: <c>sent</c>, <c>delivered</c>,
    /// <c>open</c>, <c>click</c>, <c>bounce</c>, <c>hardbounced</c>, <c>softbounced</c>, <c>unsubscribed</c>,
    /// <c>spamreport</c>, <c>dropped</c>, <c>processed</c>, <c>deferred</c>, <c>suppressed</c>, <c>reply</c>,
    /// <c>selected</c>, <c>pending</c>, <c>contactslost</c> and <c>notsent</c>.</value>
    public IReadOnlyList<string> EmailStatisticsCounters { get; set; } =
    [
        "sent", "delivered", "open", "click", "bounce", "hardbounced", "softbounced", "unsubscribed", "spamreport", "dropped",
        "processed", "deferred", "suppressed", "reply", "selected", "pending", "contactslost", "notsent",
    ];

    /// <summary>Gets or sets the most assets an assets page holds when the request names no <c>limit</c>.</summary>
    /// <value>The default value is 10.</value>
    public int DefaultAssetPageSize { get; set; } = 10;

    /// <summary>Adds a marketing campaign with its marketing emails, as if created in HubSpot, and returns it.</summary>
    /// <param name="name">The campaign's name.</param>
    /// <param name="marketingEmailIds">The ids of its marketing emails (its <c>MARKETING_EMAIL</c> assets).</param>
    /// <returns>The campaign, with a new GUID.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public HubSpotEmulatorCampaign AddCampaign(string name, params IReadOnlyList<long> marketingEmailIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(marketingEmailIds);
        var campaign = new HubSpotEmulatorCampaign(Guid.NewGuid().ToString(), name, [.. marketingEmailIds]);
        lock (_marketingGate)
        {
            _campaigns.Add(campaign.Id, campaign);
        }

        return campaign;
    }

    /// <summary>Records email statistics of one marketing email at a moment (for example the opens of one hour): the
    /// statistics list adds up the counters of every record of the emails asked for whose moment lies in
    /// [<c>startTimestamp</c>, <c>endTimestamp</c>).</summary>
    /// <param name="emailId">The marketing email's id.</param>
    /// <param name="occurredAt">When the counted events happened.</param>
    /// <param name="counters">Counts by counter name, such as <c>sent</c>, <c>delivered</c>, <c>open</c>, <c>click</c>.</param>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public void RecordEmailStatistics(long emailId, DateTimeOffset occurredAt, IReadOnlyDictionary<string, long> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        if (counters.Any(c => c.Value < 0))
        {
            throw new ArgumentException("Counts cannot be negative.", nameof(counters));
        }

        lock (_marketingGate)
        {
            _emailStatistics.Add((emailId, occurredAt, new Dictionary<string, long>(counters, StringComparer.Ordinal)));
        }
    }

    /// <summary>Records a campaign's attribution metrics of one day: the metrics report adds up the days from
    /// <c>startDate</c> to <c>endDate</c>, both included (HubSpot counts distinct contacts; the emulator adds the days as
    /// recorded).</summary>
    /// <param name="campaignId">The campaign's GUID.</param>
    /// <param name="day">The day.</param>
    /// <param name="metrics">Values by metric name: <c>influencedContacts</c>, <c>newContactsFirstTouch</c>,
    /// <c>newContactsLastTouch</c>, <c>sessions</c>.</param>
    /// <exception cref="ArgumentException">There is no such campaign.</exception>
    public void RecordCampaignMetrics(string campaignId, DateOnly day, IReadOnlyDictionary<string, long> metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(metrics);
        lock (_marketingGate)
        {
            if (!_campaigns.ContainsKey(campaignId))
            {
                throw new ArgumentException($"The emulator holds no campaign '{campaignId}'; add it with AddCampaign first.", nameof(campaignId));
            }

            _campaignMetrics.Add((campaignId, day, new Dictionary<string, long>(metrics, StringComparer.Ordinal)));
        }
    }

    private void ClearMarketing()
    {
        lock (_marketingGate)
        {
            _campaigns.Clear();
            _emailStatistics.Clear();
            _campaignMetrics.Clear();
        }
    }

    private void MapMarketingRoutes(IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder marketing = routes.MapGroup(MarketingPath);
        marketing.AddEndpointFilter(async (context, next) => Authenticate(context.HttpContext) ?? await next(context).ConfigureAwait(false));
        marketing.MapGet("/campaigns/{campaignGuid}/assets/{assetType}", (HttpContext http, string campaignGuid, string assetType) => CampaignAssets(http, campaignGuid, assetType));
        marketing.MapGet("/campaigns/{campaignGuid}/reports/metrics", (HttpContext http, string campaignGuid) => CampaignMetrics(http, campaignGuid));
        marketing.MapGet("/emails/statistics/list", (HttpContext http) => EmailStatistics(http));
    }

    private IResult CampaignAssets(HttpContext http, string campaignGuid, string assetType)
    {
        if (FindCampaign(campaignGuid, out HubSpotEmulatorCampaign? campaign) is { } problem)
        {
            return problem;
        }

        if (!AssetTypes.Contains(assetType))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Unable to process JSON: asset type '{assetType}' is not one of {string.Join(", ", AssetTypes.Order(StringComparer.Ordinal))}.");
        }

        IQueryCollection query = http.Request.Query;
        int limit = DefaultAssetPageSize;
        if (query["limit"] is { Count: > 0 } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 100))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"limit must be between 1 and 100 (was '{rawLimit}').");
        }

        int offset = 0;
        if (query["after"] is { Count: > 0 } rawAfter && (!int.TryParse(rawAfter, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"The paging cursor '{rawAfter}' is not valid.");
        }

        IReadOnlyList<long> emails = assetType == "MARKETING_EMAIL" ? campaign!.MarketingEmailIds : [];
        var results = new JsonArray();
        foreach (long id in emails.Skip(offset).Take(limit))
        {
            results.Add(new JsonObject { ["id"] = id.ToString(CultureInfo.InvariantCulture), ["name"] = $"Email {id}" });
        }

        var body = new JsonObject { ["results"] = results };
        if (offset + limit < emails.Count)
        {
            string after = (offset + limit).ToString(CultureInfo.InvariantCulture);
            body["paging"] = new JsonObject
            {
                ["next"] = new JsonObject
                {
                    ["after"] = after,
                    ["link"] = $"{BaseAddress}{MarketingPath.TrimStart('/')}/campaigns/{campaign!.Id}/assets/{assetType}?after={after}",
                },
            };
        }

        return EmulatorJson.Result(body);
    }

    private IResult CampaignMetrics(HttpContext http, string campaignGuid)
    {
        if (FindCampaign(campaignGuid, out HubSpotEmulatorCampaign? campaign) is { } problem)
        {
            return problem;
        }

        IQueryCollection query = http.Request.Query;
        if (!DateOnly.TryParseExact(query["startDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly start)
            || !DateOnly.TryParseExact(query["endDate"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly end))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"startDate and endDate are required, as YYYY-MM-DD (were '{query["startDate"]}' and '{query["endDate"]}').");
        }

        if (end < start)
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "endDate must not be before startDate.");
        }

        var sums = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["influencedContacts"] = 0,
            ["newContactsFirstTouch"] = 0,
            ["newContactsLastTouch"] = 0,
            ["sessions"] = 0,
        };
        lock (_marketingGate)
        {
            foreach (var (campaignId, day, metrics) in _campaignMetrics)
            {
                if (string.Equals(campaignId, campaign!.Id, StringComparison.OrdinalIgnoreCase) && day >= start && day <= end)
                {
                    Add(sums, metrics);
                }
            }
        }

        var body = new JsonObject();
        foreach (var (name, value) in sums)
        {
            body[name] = value;
        }

        return EmulatorJson.Result(body);
    }

    private IResult EmailStatistics(HttpContext http)
    {
        IQueryCollection query = http.Request.Query;
        if (!TryTimestamp(query, "startTimestamp", out DateTimeOffset? start, out IResult? invalid)
            || !TryTimestamp(query, "endTimestamp", out DateTimeOffset? end, out invalid))
        {
            return invalid!;
        }

        var emailIds = new HashSet<long>();
        foreach (string? raw in query["emailIds"])
        {
            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"emailIds must be numbers (was '{raw}').");
            }

            emailIds.Add(id);
        }

        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string counter in EmailStatisticsCounters)
        {
            sums[counter] = 0;
        }

        var emails = new SortedSet<long>(emailIds);
        lock (_marketingGate)
        {
            foreach (var (emailId, at, counters) in _emailStatistics)
            {
                // Without emailIds HubSpot reports every email.
                if ((emailIds.Count == 0 || emailIds.Contains(emailId)) && (start is null || at >= start) && (end is null || at < end))
                {
                    Add(sums, counters);
                    emails.Add(emailId);
                }
            }
        }

        var counterJson = new JsonObject();
        foreach (var (name, value) in sums)
        {
            counterJson[name] = value;
        }

        long delivered = sums.GetValueOrDefault("delivered");
        var body = new JsonObject
        {
            ["aggregate"] = new JsonObject
            {
                ["counters"] = counterJson,
                ["deviceBreakdown"] = new JsonObject(),
                ["qualifierStats"] = new JsonObject(),
                ["ratios"] = new JsonObject
                {
                    ["openratio"] = delivered == 0 ? 0 : sums.GetValueOrDefault("open") * 100.0 / delivered,
                    ["clickratio"] = delivered == 0 ? 0 : sums.GetValueOrDefault("click") * 100.0 / delivered,
                },
            },
            ["campaignAggregations"] = new JsonObject(),
            ["emails"] = new JsonArray([.. emails.Select(id => (JsonNode)id)]),
        };
        return EmulatorJson.Result(body);
    }

    private IResult? FindCampaign(string campaignGuid, out HubSpotEmulatorCampaign? campaign)
    {
        campaign = null;
        if (!Guid.TryParse(campaignGuid, out _))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Invalid campaign guid '{campaignGuid}'.");
        }

        lock (_marketingGate)
        {
            if (_campaigns.TryGetValue(campaignGuid, out campaign))
            {
                return null;
            }
        }

        return Error(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", $"Campaign with id {campaignGuid} not found.");
    }

    private static bool TryTimestamp(IQueryCollection query, string name, out DateTimeOffset? value, out IResult? invalid)
    {
        value = null;
        invalid = null;
        if (query[name] is not { Count: > 0 } raw)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(raw.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            value = parsed;
            return true;
        }

        invalid = Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"{name} must be an ISO 8601 timestamp (was '{raw}').");
        return false;
    }

    private static void Add(Dictionary<string, long> sums, IReadOnlyDictionary<string, long> values)
    {
        foreach (var (name, value) in values)
        {
            sums[name] = sums.GetValueOrDefault(name) + value;
        }
    }
}
