using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// The wire calls behind HubSpot's campaign numbers: a campaign's marketing emails (its <c>MARKETING_EMAIL</c> assets,
/// following <c>paging.next.after</c>), the email statistics of a set of emails over a period, and a campaign's
/// attribution metrics. All are GETs, so the transport may retry them.
/// </summary>
internal sealed class HubSpotCampaignApi
{
    /// <summary>The asset type of marketing emails in the campaigns API.</summary>
    public const string MarketingEmailAssetType = "MARKETING_EMAIL";

    private static readonly MartechRequestOptions Assets = new() { Operation = "campaigns.assets" };
    private static readonly MartechRequestOptions Statistics = new() { Operation = "emails.statistics" };
    private static readonly MartechRequestOptions Metrics = new() { Operation = "campaigns.metrics" };

    private readonly MartechHttpTransport _transport;
    private readonly string _campaignsPath;
    private readonly string _statisticsPath;

    public HubSpotCampaignApi(MartechHttpTransport transport, HubSpotCampaignStatsOptions options)
    {
        _transport = transport;
        _campaignsPath = options.CampaignsPath.Trim('/');
        _statisticsPath = options.EmailStatisticsPath.Trim('/');
    }

    public string Provider => _transport.Name;

    /// <summary>The ids of a campaign's marketing emails, each once, in HubSpot's order.</summary>
    /// <exception cref="MartechNotFoundException">There is no such campaign.</exception>
    public async Task<IReadOnlyList<string>> ListMarketingEmailIdsAsync(string campaignId, CancellationToken cancellationToken)
    {
        string path = $"{_campaignsPath}/{Uri.EscapeDataString(campaignId)}/assets/{MarketingEmailAssetType}";
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            string uri = after is null ? path : path + "?after=" + HubSpotPaths.Cursor(after);
            HubSpotCampaignAssetPage page = await GetAsync(uri, Assets, HubSpotJsonContext.Default.HubSpotCampaignAssetPage, cancellationToken).ConfigureAwait(false);
            foreach (HubSpotCampaignAsset asset in page.Results ?? [])
            {
                string id = AssetId(asset.Id);
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }

            string? next = page.Paging?.Next?.After is { Length: > 0 } cursor ? cursor : null;
            if (next is not null && next == after)
            {
                throw Unexpected($"answered the same paging cursor '{next}' twice while listing the campaign's marketing emails");
            }

            after = next;
        }
        while (after is not null);

        return ids;
    }

    /// <summary>The <c>aggregate.counters</c> of the emails' statistics over a period (<c>startTimestamp</c> and
    /// <c>endTimestamp</c> left out when <see langword="null"/>); <see langword="null"/> when HubSpot sent none.</summary>
    public async Task<Dictionary<string, JsonElement>?> GetEmailCountersAsync(IReadOnlyList<string> emailIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var uri = new StringBuilder(_statisticsPath);
        char separator = '?';
        if (from is { } start)
        {
            uri.Append(separator).Append("startTimestamp=").Append(Timestamp(start));
            separator = '&';
        }

        if (to is { } end)
        {
            uri.Append(separator).Append("endTimestamp=").Append(Timestamp(end));
            separator = '&';
        }

        foreach (string id in emailIds)
        {
            uri.Append(separator).Append("emailIds=").Append(Uri.EscapeDataString(id));
            separator = '&';
        }

        HubSpotEmailStatistics statistics = await GetAsync(uri.ToString(), Statistics, HubSpotJsonContext.Default.HubSpotEmailStatistics, cancellationToken).ConfigureAwait(false);
        return statistics.Aggregate?.Counters;
    }

    /// <summary>A campaign's attribution metrics between two dates, as HubSpot sent them.</summary>
    /// <exception cref="MartechNotFoundException">There is no such campaign.</exception>
    public Task<Dictionary<string, JsonElement>> GetMetricsAsync(string campaignId, DateOnly startDate, DateOnly endDate, CancellationToken cancellationToken)
    {
        string uri = $"{_campaignsPath}/{Uri.EscapeDataString(campaignId)}/reports/metrics?startDate={Date(startDate)}&endDate={Date(endDate)}";
        return GetAsync(uri, Metrics, HubSpotJsonContext.Default.DictionaryStringJsonElement, cancellationToken);
    }

    /// <summary>An instant as HubSpot's ISO 8601 timestamps write it, in UTC with milliseconds.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<T> GetAsync<T>(string relativeUri, MartechRequestOptions options, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativeUri, UriKind.Relative));
        options.ApplyTo(request);
        return await _transport.SendAsync(request, type, cancellationToken).ConfigureAwait(false);
    }

    private string AssetId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String when id.GetString() is { Length: > 0 } text => text,
        JsonValueKind.Number => id.GetRawText(),
        _ => throw Unexpected($"listed a marketing email without an id (id was {(id.ValueKind == JsonValueKind.Undefined ? "absent" : id.GetRawText())})"),
    };

    private MartechRequestException Unexpected(string what) =>
        new($"{Provider} campaigns.assets: HubSpot {what}.")
        {
            Provider = Provider,
            StatusCode = System.Net.HttpStatusCode.OK,
        };
}
