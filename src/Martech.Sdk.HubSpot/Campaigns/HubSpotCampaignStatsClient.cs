using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// The HubSpot <see cref="ICampaignStatsClient"/>: the campaign id is a marketing campaign's GUID; its stats are the
/// email statistics of the campaign's marketing emails (<c>MARKETING_EMAIL</c> assets) over the period, added up by
/// HubSpot (<c>aggregate.counters</c> of <c>GET /marketing/v3/emails/statistics/list</c>), one request per period of a
/// breakdown. Also <see cref="IHubSpotCampaignReports"/>: attribution metrics and statistics of emails named by id.
/// </summary>
internal sealed class HubSpotCampaignStatsClient : ICampaignStatsClient, IHubSpotCampaignReports
{
    private readonly MartechProviderMetadata _metadata;
    private readonly HubSpotOptions _options;
    private readonly HubSpotCampaignStatsOptions _stats;
    private readonly MartechHttpTransport _transport;
    private readonly HubSpotCampaignApi _api;
    private readonly TimeProvider _time;
    private readonly string _maxPeriodsSetting;

    public HubSpotCampaignStatsClient(MartechProviderMetadata metadata, HubSpotOptions options, MartechHttpTransport transport, string configurationPath, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(configurationPath);
        _metadata = metadata;
        _options = options;
        _stats = options.CampaignStats;
        _transport = transport;
        _api = new HubSpotCampaignApi(transport, _stats);
        _time = timeProvider ?? TimeProvider.System;
        _maxPeriodsSetting = $"{configurationPath}:{nameof(HubSpotOptions.CampaignStats)}:{nameof(HubSpotCampaignStatsOptions.MaxBreakdownPeriods)}";
    }

    public async Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        RequireCampaignId(campaignId, nameof(campaignId));
        Period period = Plan(options);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> emailIds = await _api.ListMarketingEmailIdsAsync(campaignId, cancellationToken).ConfigureAwait(false);
        return await StatsAsync(campaignId, emailIds, period, cancellationToken).ConfigureAwait(false);
    }

    public Task<CampaignStats> GetEmailStatsAsync(IReadOnlyCollection<string> emailIds, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emailIds);
        var ids = new List<string>(emailIds.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in emailIds)
        {
            if (string.IsNullOrEmpty(id) || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"'{id}' is not a HubSpot marketing email id: email ids are numbers, such as 123456789.", nameof(emailIds));
            }

            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count == 0)
        {
            throw new ArgumentException("Name at least one marketing email id: HubSpot answers a statistics request without email ids with the statistics of every email.", nameof(emailIds));
        }

        Period period = Plan(options);
        cancellationToken.ThrowIfCancellationRequested();
        return StatsAsync(string.Join(',', ids), ids, period, cancellationToken);
    }

    public async Task<HubSpotCampaignAttribution> GetAttributionAsync(string campaignId, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken = default)
    {
        RequireCampaignId(campaignId, nameof(campaignId));
        if (endDate < startDate)
        {
            throw new ArgumentException($"The end date ({endDate:yyyy-MM-dd}) is before the start date ({startDate:yyyy-MM-dd}).", nameof(endDate));
        }

        cancellationToken.ThrowIfCancellationRequested();
        Dictionary<string, JsonElement> metrics = await _api.GetMetricsAsync(campaignId, startDate, endDate, cancellationToken).ConfigureAwait(false);
        long? Metric(string name) => metrics.TryGetValue(name, out JsonElement value) && HubSpotEmailCounterTotals.TryCount(value, out long count) ? count : null;
        return new HubSpotCampaignAttribution(
            campaignId,
            startDate,
            endDate,
            Metric("influencedContacts"),
            Metric("newContactsFirstTouch"),
            Metric("newContactsLastTouch"),
            Metric("sessions"))
        {
            Raw = JsonSerializer.SerializeToElement(metrics, HubSpotJsonContext.Default.DictionaryStringJsonElement),
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        HubSpotServices.Get(this, _metadata, _options, _transport, serviceType, serviceKey);

    /// <summary>Checks a campaign id is a GUID, before any request.</summary>
    private static void RequireCampaignId(string campaignId, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId, parameter);
        if (campaignId.Trim().Length != campaignId.Length || !Guid.TryParse(campaignId, out _))
        {
            throw new ArgumentException(
                $"'{campaignId}' is not a HubSpot campaign id: HubSpot names a marketing campaign by its GUID (campaignGuid, such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, as GET /marketing/v3/campaigns lists it). For marketing emails by their numeric ids, use IHubSpotCampaignReports.GetEmailStatsAsync.",
                parameter);
        }
    }

    /// <summary>Checks the options and works out the periods to read, before any request.</summary>
    private Period Plan(CampaignStatsOptions? options)
    {
        options ??= new CampaignStatsOptions();
        options.Validate();
        if (options.Breakdown == CampaignStatsBreakdown.None)
        {
            return new Period(options.From, options.To, []);
        }

        if (options.From is not { } from)
        {
            throw new ArgumentException($"CampaignStatsOptions.Breakdown ({options.Breakdown}) needs CampaignStatsOptions.From: HubSpot's statistics are read one {options.Breakdown.ToString().ToLowerInvariant()} at a time, from a start.", nameof(options));
        }

        DateTimeOffset to = options.To ?? _time.GetUtcNow();
        if (to < from)
        {
            // A period that starts after now (no To given) has nothing yet: zeros, like every other source.
            to = from;
        }

        var periods = new List<(DateTimeOffset From, DateTimeOffset To)>();
        DateTimeOffset start = from.ToUniversalTime();
        while (start < to)
        {
            if (periods.Count == _stats.MaxBreakdownPeriods)
            {
                throw new ArgumentException($"The breakdown from {from:O} to {to:O} holds more than {_stats.MaxBreakdownPeriods} {options.Breakdown.ToString().ToLowerInvariant()}s, each a request to HubSpot: shorten the period or raise {_maxPeriodsSetting}.", nameof(options));
            }

            DateTimeOffset end = NextBoundary(start, options.Breakdown);
            periods.Add((start, end < to ? end : to));
            start = end;
        }

        return new Period(from, to, periods);
    }

    private static DateTimeOffset NextBoundary(DateTimeOffset instant, CampaignStatsBreakdown breakdown)
    {
        DateTime utc = instant.UtcDateTime;
        DateTime boundary = breakdown == CampaignStatsBreakdown.Day
            ? utc.Date.AddDays(1)
            : new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        return new DateTimeOffset(boundary, TimeSpan.Zero);
    }

    private async Task<CampaignStats> StatsAsync(string campaignId, IReadOnlyList<string> emailIds, Period period, CancellationToken cancellationToken)
    {
        var breakdown = new List<CampaignStats>(period.Breakdown.Count);
        foreach (var (from, to) in period.Breakdown)
        {
            HubSpotEmailCounterTotals entry = await CountAsync(emailIds, from, to, cancellationToken).ConfigureAwait(false);
            breakdown.Add(entry.ToStats(campaignId, from, to, []));
        }

        HubSpotEmailCounterTotals totals = await CountAsync(emailIds, period.From, period.To, cancellationToken).ConfigureAwait(false);
        return totals.ToStats(campaignId, period.From, period.To, breakdown);
    }

    private async Task<HubSpotEmailCounterTotals> CountAsync(IReadOnlyList<string> emailIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        // No emails, or an empty period (one that starts after now): nothing to ask HubSpot.
        if (emailIds.Count == 0 || (from is { } f && to is { } t && f >= t))
        {
            return HubSpotEmailCounterTotals.None(_stats, _api.Provider);
        }

        var totals = new HubSpotEmailCounterTotals(_stats, _api.Provider);
        foreach (string[] chunk in emailIds.Chunk(_stats.MaxEmailIdsPerRequest))
        {
            totals.Add(await _api.GetEmailCountersAsync(chunk, from, to, cancellationToken).ConfigureAwait(false));
        }

        return totals;
    }

    /// <summary>The period read: its bounds (<see langword="null"/> when open) and its breakdown's periods.</summary>
    private sealed record Period(DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Breakdown);
}
