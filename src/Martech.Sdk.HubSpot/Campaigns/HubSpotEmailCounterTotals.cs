using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>Adds up the counters of one or more statistics answers (a campaign with more emails than one request
/// carries) and turns them into a <see cref="CampaignStats"/> whose <see cref="CampaignStats.Reported"/> holds exactly the
/// counts HubSpot sent.</summary>
internal sealed class HubSpotEmailCounterTotals
{
    private readonly Dictionary<string, long> _sums = new(StringComparer.Ordinal);
    private readonly HubSpotCampaignStatsOptions _options;
    private readonly string _provider;
    private bool _allZero;

    public HubSpotEmailCounterTotals(HubSpotCampaignStatsOptions options, string provider)
    {
        _options = options;
        _provider = provider;
    }

    /// <summary>A total for no emails at all: every configured count is reported, as 0 (no request is made, since
    /// HubSpot answers a request without <c>emailIds</c> with the statistics of every email).</summary>
    public static HubSpotEmailCounterTotals None(HubSpotCampaignStatsOptions options, string provider) =>
        new(options, provider) { _allZero = true };

    /// <summary>Adds an answer's counters; a value that is not a whole number of at least 0 is left out, so its count is
    /// not reported unless another answer sent it.</summary>
    public void Add(Dictionary<string, JsonElement>? counters)
    {
        if (counters is null)
        {
            return;
        }

        foreach (var (name, value) in counters)
        {
            if (TryCount(value, out long count))
            {
                _sums[name] = _sums.TryGetValue(name, out long sum) ? sum + count : count;
            }
        }
    }

    /// <summary>The stats these counters make for a campaign and period.</summary>
    public CampaignStats ToStats(string campaignId, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<CampaignStats> breakdown)
    {
        HubSpotEmailCounterNames names = _options.Counters;
        CampaignMetric reported = CampaignMetric.None;
        int Read(string? counter, CampaignMetric metric)
        {
            if (string.IsNullOrEmpty(counter))
            {
                return 0;
            }

            if (_allZero)
            {
                reported |= metric;
                return 0;
            }

            if (!_sums.TryGetValue(counter, out long value))
            {
                return 0;
            }

            reported |= metric;
            return value <= int.MaxValue
                ? (int)value
                : throw new MartechRequestException($"{_provider} emails.statistics: HubSpot's counter '{counter}' ({value}) is larger than CampaignStats can hold.")
                {
                    Provider = _provider,
                    StatusCode = System.Net.HttpStatusCode.OK,
                };
        }

        bool unique = _options.OpensAndClicksAreUnique;
        int opens = Read(names.Opens, unique ? CampaignMetric.UniqueOpens : CampaignMetric.TotalOpens);
        int clicks = Read(names.Clicks, unique ? CampaignMetric.UniqueClicks : CampaignMetric.TotalClicks);
        int hard = Read(names.HardBounces, CampaignMetric.None);
        int soft = Read(names.SoftBounces, CampaignMetric.None);
        bool kinds = !string.IsNullOrEmpty(names.HardBounces) && !string.IsNullOrEmpty(names.SoftBounces)
            && (_allZero || (_sums.ContainsKey(names.HardBounces) && _sums.ContainsKey(names.SoftBounces)));
        return new CampaignStats
        {
            CampaignId = campaignId,
            From = from,
            To = to,
            Source = CampaignStatsSource.Vendor,
            Sent = Read(names.Sent, CampaignMetric.Sent),
            Delivered = Read(names.Delivered, CampaignMetric.Delivered),
            Dropped = Read(names.Dropped, CampaignMetric.Dropped),
            Bounces = Read(names.Bounces, CampaignMetric.Bounces),
            HardBounces = hard,
            SoftBounces = soft,
            UniqueOpens = unique ? opens : 0,
            TotalOpens = unique ? 0 : opens,
            UniqueClicks = unique ? clicks : 0,
            TotalClicks = unique ? 0 : clicks,
            Unsubscribes = Read(names.Unsubscribes, CampaignMetric.Unsubscribes),
            SpamReports = Read(names.SpamReports, CampaignMetric.SpamReports),
            Reported = reported | (kinds ? CampaignMetric.BounceKinds : CampaignMetric.None),
            Breakdown = breakdown,
        };
    }

    /// <summary>Reads a count: a whole JSON number (<c>12</c> or <c>12.0</c>) or a numeric string, at least 0.</summary>
    internal static bool TryCount(JsonElement value, out long count)
    {
        count = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out count):
                return count >= 0;
            case JsonValueKind.Number when value.TryGetDouble(out double number) && number >= 0 && number <= long.MaxValue && Math.Floor(number) == number:
                count = (long)number;
                return true;
            case JsonValueKind.String:
                return long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out count);
            default:
                return false;
        }
    }
}
