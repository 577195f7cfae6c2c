using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Postmark;

/// <summary>
/// The Postmark <see cref="ICampaignStatsClient"/>: a campaign id is a tag, read from the outbound statistics endpoints
/// <c>/stats/outbound/sends</c>, <c>/bounces</c>, <c>/spam</c>, <c>/opens</c> and <c>/clicks</c> (called together), by
/// day in Postmark's time zone (<see cref="PostmarkOptions.StatsUtcOffset"/>).
/// </summary>
/// <remarks>
/// Counts: sent; bounces = <c>HardBounce</c> + <c>SoftBounce</c> (+ <c>Blocked</c> when present), split into kinds
/// (<c>Transient</c> delays and <c>SMTPApiError</c> rejections are not bounces); spam reports = <c>SpamComplaint</c>;
/// opens and clicks with Postmark's unique counts. The totals are Postmark's own over the period, so their unique counts
/// count a recipient once; the breakdown sums days. Postmark reports no deliveries, drops, unsubscribes or recipients.
/// A tag Postmark never saw reads as zeros.
/// </remarks>
internal sealed class PostmarkCampaignStatsClient : ICampaignStatsClient
{
    private const CampaignMetric AllReported =
        CampaignMetric.Sent | CampaignMetric.Bounces | CampaignMetric.BounceKinds | CampaignMetric.TotalOpens
        | CampaignMetric.UniqueOpens | CampaignMetric.TotalClicks | CampaignMetric.UniqueClicks | CampaignMetric.SpamReports;

    private static readonly MartechRequestOptions StatsOperation = new() { Operation = "campaigns.stats" };

    private readonly MartechProviderMetadata _metadata;
    private readonly PostmarkOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly TimeProvider _time;

    public PostmarkCampaignStatsClient(MartechProviderMetadata metadata, PostmarkOptions options, MartechHttpTransport transport, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _time = time ?? TimeProvider.System;
    }

    public async Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        VendorStatsPeriod period = VendorStatsPeriod.Resolve("Postmark", campaignId, options, _options.StatsUtcOffset, _time.GetUtcNow());
        if (campaignId.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("The tag contains a line break; Postmark tags are one line.", nameof(campaignId));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var series = new VendorStatsSeries(campaignId, period);
        if (period.IsEmpty)
        {
            return series.Build(AllReported);
        }

        string query = Query(campaignId, period);
        Task<JsonElement> sends = GetAsync("stats/outbound/sends", query, cancellationToken);
        Task<JsonElement> bounces = GetAsync("stats/outbound/bounces", query, cancellationToken);
        Task<JsonElement> spam = GetAsync("stats/outbound/spam", query, cancellationToken);
        Task<JsonElement> opens = GetAsync("stats/outbound/opens", query, cancellationToken);
        Task<JsonElement> clicks = GetAsync("stats/outbound/clicks", query, cancellationToken);
        await Task.WhenAll(sends, bounces, spam, opens, clicks).ConfigureAwait(false);

        string provider = _metadata.Name;
        CampaignMetric reported = AllReported;
        Read(await sends.ConfigureAwait(false), series, campaignId, e => new() { CampaignId = campaignId, Sent = N(e, "Sent") });
        Read(await bounces.ConfigureAwait(false), series, campaignId, e => Bounces(campaignId, e));
        Read(await spam.ConfigureAwait(false), series, campaignId, e => new() { CampaignId = campaignId, SpamReports = N(e, "SpamComplaint") });
        JsonElement opened = await opens.ConfigureAwait(false);
        reported &= Read(opened, series, campaignId, e => new() { CampaignId = campaignId, TotalOpens = N(e, "Opens"), UniqueOpens = N(e, "Unique") }, "Opens", CampaignMetric.UniqueOpens);
        JsonElement clicked = await clicks.ConfigureAwait(false);
        reported &= Read(clicked, series, campaignId, e => new() { CampaignId = campaignId, TotalClicks = N(e, "Clicks"), UniqueClicks = N(e, "Unique") }, "Clicks", CampaignMetric.UniqueClicks);

        // Postmark's totals over the period: its unique counts count a recipient once, which summed days cannot.
        CampaignStats days = series.Build(reported);
        CampaignStats bounceTotals = Bounces(campaignId, await bounces.ConfigureAwait(false));
        bool Has(CampaignMetric metric) => (reported & metric) == metric;
        return days with
        {
            Sent = Total(await sends.ConfigureAwait(false), "Sent") ?? days.Sent,
            Bounces = bounceTotals.Bounces,
            HardBounces = bounceTotals.HardBounces,
            SoftBounces = bounceTotals.SoftBounces,
            BlockedBounces = bounceTotals.BlockedBounces,
            SpamReports = Total(await spam.ConfigureAwait(false), "SpamComplaint") ?? days.SpamReports,
            TotalOpens = Total(opened, "Opens") ?? days.TotalOpens,
            UniqueOpens = Has(CampaignMetric.UniqueOpens) ? Total(opened, "Unique") ?? days.UniqueOpens : 0,
            TotalClicks = Total(clicked, "Clicks") ?? days.TotalClicks,
            UniqueClicks = Has(CampaignMetric.UniqueClicks) ? Total(clicked, "Unique") ?? days.UniqueClicks : 0,
        };

        int N(JsonElement element, string name) => VendorStatsJson.Count(provider, element, name) ?? 0;
        int? Total(JsonElement root, string name) => VendorStatsJson.Count(provider, root, name);
        CampaignStats Bounces(string id, JsonElement e)
        {
            int hard = N(e, "HardBounce"), soft = N(e, "SoftBounce"), blocked = N(e, "Blocked");
            return new() { CampaignId = id, Bounces = hard + soft + blocked, HardBounces = hard, SoftBounces = soft, BlockedBounces = blocked };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_options) ? _options
            : serviceType == typeof(MartechProviderMetadata) ? _metadata
            : null;
    }

    private string Query(string tag, VendorStatsPeriod period)
    {
        var query = new StringBuilder("?tag=").Append(Uri.EscapeDataString(tag));
        if (period.FirstDay is { } first)
        {
            query.Append("&fromdate=").Append(VendorStatsPeriod.FormatDate(first));
        }

        // todate is inclusive; with no end, Postmark counts up to now.
        if (period.EndDay is not null)
        {
            query.Append("&todate=").Append(VendorStatsPeriod.FormatDate(period.LastCountedDay));
        }

        if (_options.StatsMessageStream is { } stream)
        {
            query.Append("&messagestream=").Append(Uri.EscapeDataString(stream));
        }

        return query.ToString();
    }

    private async Task<JsonElement> GetAsync(string path, string query, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path + query, UriKind.Relative));
        StatsOperation.ApplyTo(request);
        return await _transport.SendAsync(request, PostmarkJsonContext.Wire.JsonElement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an endpoint's <c>Days</c> to the series; returns the reported flags minus
    /// <paramref name="unique"/> when a count of <paramref name="totalName"/> came without its <c>Unique</c>.</summary>
    private CampaignMetric Read(JsonElement root, VendorStatsSeries series, string tag, Func<JsonElement, CampaignStats> map, string? totalName = null, CampaignMetric unique = CampaignMetric.None)
    {
        string provider = _metadata.Name;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw VendorStatsJson.Unreadable(provider, $"the body is {root.ValueKind}, not an object");
        }

        bool uniqueMissing = totalName is not null && (VendorStatsJson.Count(provider, root, totalName) ?? 0) > 0 && VendorStatsJson.Count(provider, root, "Unique") is null;
        if (root.TryGetProperty("Days", out JsonElement days) && days.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement day in days.EnumerateArray())
            {
                string? date = day.TryGetProperty("Date", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (!VendorStatsPeriod.TryParseDate(date, out DateOnly when))
                {
                    throw VendorStatsJson.Unreadable(provider, $"a day's 'Date' ({date ?? "none"}) is not yyyy-MM-dd");
                }

                uniqueMissing |= totalName is not null && (VendorStatsJson.Count(provider, day, totalName) ?? 0) > 0 && VendorStatsJson.Count(provider, day, "Unique") is null;
                series.Add(when, map(day) with { CampaignId = tag });
            }
        }

        return uniqueMissing ? AllReported & ~unique : AllReported;
    }
}
