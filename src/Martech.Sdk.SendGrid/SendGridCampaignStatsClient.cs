using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// The SendGrid <see cref="ICampaignStatsClient"/>: a campaign id is a category, read from
/// <c>GET /v3/categories/stats</c> one day at a time (<c>aggregated_by=day</c>, UTC days).
/// </summary>
/// <remarks>
/// Counts: sent = <c>processed</c>; delivered; bounces = <c>bounces</c> + <c>blocks</c> (SendGrid does not split hard
/// from soft, so <see cref="CampaignMetric.BounceKinds"/> is not reported); dropped = <c>bounce_drops</c> + <c>spam_report_drops</c> +
/// <c>unsubscribe_drops</c> + <c>invalid_emails</c>; opens, unique opens, clicks, unique clicks, unsubscribes, spam reports.
/// SendGrid reports no distinct-recipient count and no machine split. A category SendGrid answers 404 for has never been
/// sent to and reads as zeros.
/// </remarks>
internal sealed class SendGridCampaignStatsClient : ICampaignStatsClient
{
    /// <summary>SendGrid keeps category statistics for the previous 13 months.</summary>
    public const int RetentionMonths = 13;

    public const CampaignMetric Reported =
        CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.Dropped | CampaignMetric.Bounces
        | CampaignMetric.TotalOpens | CampaignMetric.UniqueOpens | CampaignMetric.TotalClicks | CampaignMetric.UniqueClicks
        | CampaignMetric.Unsubscribes | CampaignMetric.SpamReports;

    private static readonly MartechRequestOptions StatsOperation = new() { Operation = "campaigns.stats" };

    private readonly MartechProviderMetadata _metadata;
    private readonly SendGridApi _api;
    private readonly TimeProvider _time;

    public SendGridCampaignStatsClient(MartechProviderMetadata metadata, SendGridApi api, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(time);
        _metadata = metadata;
        _api = api;
        _time = time;
    }

    public async Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        VendorStatsPeriod period = VendorStatsPeriod.Resolve("SendGrid", campaignId, options, TimeSpan.Zero, _time.GetUtcNow());
        if (campaignId.Length > SendGridMessageValidation.MaxCategoryLength)
        {
            throw new ArgumentException($"The category '{campaignId[..20]}…' has {campaignId.Length} characters; SendGrid categories are at most {SendGridMessageValidation.MaxCategoryLength}.", nameof(campaignId));
        }

        DateOnly earliest = period.Today.AddMonths(-RetentionMonths);
        period.ThrowIfBefore(earliest, $"category statistics for the previous {RetentionMonths} months");
        period = period.FirstDay is null ? period.StartingAt(earliest) : period;
        cancellationToken.ThrowIfCancellationRequested();

        var series = new VendorStatsSeries(campaignId, period);
        if (!period.IsEmpty)
        {
            string query = new StringBuilder("v3/categories/stats?start_date=")
                .Append(VendorStatsPeriod.FormatDate(period.FirstDay!.Value))
                .Append("&end_date=").Append(VendorStatsPeriod.FormatDate(period.LastCountedDay))
                .Append("&aggregated_by=day&categories=").Append(Uri.EscapeDataString(campaignId))
                .ToString();
            JsonElement days;
            try
            {
                days = await _api.GetAsync(query, StatsOperation, SendGridJsonContext.Wire.JsonElement, cancellationToken).ConfigureAwait(false);
            }
            catch (MartechNotFoundException)
            {
                return series.Build(Reported);
            }

            Read(days, campaignId, series);
        }

        return series.Build(Reported);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(MartechProviderMetadata) ? _metadata
            : null;
    }

    private void Read(JsonElement days, string category, VendorStatsSeries series)
    {
        string provider = _metadata.Name;
        if (days.ValueKind != JsonValueKind.Array)
        {
            throw VendorStatsJson.Unreadable(provider, $"the body is {days.ValueKind}, not an array of days");
        }

        foreach (JsonElement day in days.EnumerateArray())
        {
            if (!day.TryGetProperty("date", out JsonElement date) || !VendorStatsPeriod.TryParseDate(date.ValueKind == JsonValueKind.String ? date.GetString() : null, out DateOnly when))
            {
                throw VendorStatsJson.Unreadable(provider, "a day has no yyyy-MM-dd 'date'");
            }

            if (!day.TryGetProperty("stats", out JsonElement stats) || stats.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (JsonElement stat in stats.EnumerateArray())
            {
                // Only the category asked for (SendGrid echoes it in 'name'; case as it was sent).
                if (stat.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String
                    && !string.Equals(name.GetString(), category, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (stat.TryGetProperty("metrics", out JsonElement metrics))
                {
                    series.Add(when, Map(provider, category, metrics));
                }
            }
        }
    }

    private static CampaignStats Map(string provider, string category, JsonElement m)
    {
        int N(string name) => VendorStatsJson.Count(provider, m, name) ?? 0;
        return new CampaignStats
        {
            CampaignId = category,
            Sent = N("processed"),
            Delivered = N("delivered"),
            Bounces = N("bounces") + N("blocks"),
            Dropped = N("bounce_drops") + N("spam_report_drops") + N("unsubscribe_drops") + N("invalid_emails"),
            TotalOpens = N("opens"),
            UniqueOpens = N("unique_opens"),
            TotalClicks = N("clicks"),
            UniqueClicks = N("unique_clicks"),
            Unsubscribes = N("unsubscribes"),
            SpamReports = N("spam_reports"),
        };
    }
}
