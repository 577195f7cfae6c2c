using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// The Mailgun <see cref="ICampaignStatsClient"/>: a campaign id is a tag, read from the tag statistics endpoint
/// (<see cref="MailgunOptions.TagStatsEndpoint"/>) by UTC day, or by month when whole months are asked for by month.
/// </summary>
/// <remarks>
/// Counts: sent = <c>accepted.outgoing</c>; delivered = <c>delivered.total</c>; bounces =
/// <c>failed.permanent.bounce</c> + <c>delayed-bounce</c> (Mailgun does not split hard, soft and blocked, so
/// <see cref="CampaignMetric.BounceKinds"/> is not reported); dropped = <c>failed.permanent.suppress-bounce</c> +
/// <c>suppress-unsubscribe</c> + <c>suppress-complaint</c>; temporary failures are not counted (Mailgun retries them: they
/// end delivered or as a permanent failure); opens and clicks (<c>total</c>, <c>unique</c>); unsubscribes; spam reports =
/// <c>complained.total</c>. When an entry has no <c>unique</c>, the unique counts are not reported. A 404 for the tag (an
/// unknown tag) reads as zeros; a 404 naming the domain is an error.
/// </remarks>
internal sealed class MailgunCampaignStatsClient : ICampaignStatsClient
{
    private const CampaignMetric AllReported =
        CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.Dropped | CampaignMetric.Bounces
        | CampaignMetric.TotalOpens | CampaignMetric.UniqueOpens | CampaignMetric.TotalClicks | CampaignMetric.UniqueClicks
        | CampaignMetric.Unsubscribes | CampaignMetric.SpamReports;

    private const string Events = "event=accepted&event=delivered&event=failed&event=opened&event=clicked&event=unsubscribed&event=complained";

    private static readonly MartechRequestOptions StatsOperation = new() { Operation = "campaigns.stats" };

    private readonly MartechProviderMetadata _metadata;
    private readonly MailgunOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly TimeProvider _time;

    public MailgunCampaignStatsClient(MartechProviderMetadata metadata, MailgunOptions options, MartechHttpTransport transport, TimeProvider? time)
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
        VendorStatsPeriod period = VendorStatsPeriod.Resolve("Mailgun", campaignId, options, TimeSpan.Zero, _time.GetUtcNow());
        if (campaignId.Length > MailgunOptions.MaxTagLength || !Ascii.IsValid(campaignId))
        {
            throw new ArgumentException($"The tag '{campaignId}' is not a Mailgun tag: tags are ASCII and at most {MailgunOptions.MaxTagLength} characters.", nameof(campaignId));
        }

        // Mailgun keeps daily stats for a year and monthly ones for ever: whole months asked for by month read monthly.
        bool monthly = period.Breakdown == CampaignStatsBreakdown.Month && period.FirstDay is not { Day: not 1 } && period.EndDay is not { Day: not 1 };
        DateOnly yearAgo = period.Today.AddYears(-1);
        if (!monthly)
        {
            period.ThrowIfBefore(yearAgo, "daily tag statistics for a year (monthly ones for ever: ask for Breakdown = Month over whole months)");
        }

        period = period.FirstDay is null ? period.StartingAt(monthly ? new DateOnly(yearAgo.Year, yearAgo.Month, 1) : yearAgo) : period;
        cancellationToken.ThrowIfCancellationRequested();

        var series = new VendorStatsSeries(campaignId, period);
        CampaignMetric reported = AllReported;
        if (!period.IsEmpty)
        {
            JsonElement? body = await FetchAsync(campaignId, period, monthly, cancellationToken).ConfigureAwait(false);
            if (body is { } answer)
            {
                reported = Read(answer, campaignId, series);
            }
        }

        return series.Build(reported);
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

    private async Task<JsonElement?> FetchAsync(string tag, VendorStatsPeriod period, bool monthly, CancellationToken cancellationToken)
    {
        string domain = Uri.EscapeDataString(_options.Domain!);
        var path = _options.TagStatsEndpoint == MailgunTagStatsEndpoint.TagInQuery
            ? new StringBuilder("v3/").Append(domain).Append("/tag/stats?tag=").Append(Uri.EscapeDataString(tag)).Append('&')
            : new StringBuilder("v3/").Append(domain).Append("/tags/").Append(Uri.EscapeDataString(tag)).Append("/stats?");
        path.Append(Events)
            .Append("&start=").Append(period.From!.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append("&end=").Append(period.StartOf(period.LastCountedDay.AddDays(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append("&resolution=").Append(monthly ? "month" : "day");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path.ToString(), UriKind.Relative));
        StatsOperation.ApplyTo(request);
        try
        {
            return await _transport.SendAsync(request, MailgunJsonContext.Wire.JsonElement, cancellationToken).ConfigureAwait(false);
        }
        catch (MartechNotFoundException ex) when (!ex.Message.Contains("domain not found", StringComparison.OrdinalIgnoreCase))
        {
            // Mailgun knows a tag once a message carried it: an unknown tag has sent nothing.
            return null;
        }
    }

    private CampaignMetric Read(JsonElement body, string tag, VendorStatsSeries series)
    {
        string provider = _metadata.Name;
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("stats", out JsonElement stats) || stats.ValueKind != JsonValueKind.Array)
        {
            throw VendorStatsJson.Unreadable(provider, "the body has no 'stats' array");
        }

        CampaignMetric reported = AllReported;
        foreach (JsonElement entry in stats.EnumerateArray())
        {
            string? time = entry.TryGetProperty("time", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (!MailgunDates.TryParse(time, out DateTimeOffset at))
            {
                throw VendorStatsJson.Unreadable(provider, $"an entry's 'time' ({time ?? "none"}) is not an RFC 2822 date");
            }

            JsonElement failed = Child(entry, "failed");
            JsonElement permanent = Child(failed, "permanent");
            JsonElement opened = Child(entry, "opened");
            JsonElement clicked = Child(entry, "clicked");
            int N(JsonElement parent, string name) => VendorStatsJson.Count(provider, parent, name) ?? 0;
            int? uniqueOpens = VendorStatsJson.Count(provider, opened, "unique");
            int? uniqueClicks = VendorStatsJson.Count(provider, clicked, "unique");
            if (uniqueOpens is null && N(opened, "total") > 0)
            {
                reported &= ~CampaignMetric.UniqueOpens;
            }

            if (uniqueClicks is null && N(clicked, "total") > 0)
            {
                reported &= ~CampaignMetric.UniqueClicks;
            }

            series.Add(DateOnly.FromDateTime(at.UtcDateTime), new CampaignStats
            {
                CampaignId = tag,
                Sent = N(Child(entry, "accepted"), "outgoing"),
                Delivered = N(Child(entry, "delivered"), "total"),
                Bounces = N(permanent, "bounce") + N(permanent, "delayed-bounce"),
                Dropped = N(permanent, "suppress-bounce") + N(permanent, "suppress-unsubscribe") + N(permanent, "suppress-complaint"),
                TotalOpens = N(opened, "total"),
                UniqueOpens = uniqueOpens ?? 0,
                TotalClicks = N(clicked, "total"),
                UniqueClicks = uniqueClicks ?? 0,
                Unsubscribes = N(Child(entry, "unsubscribed"), "total"),
                SpamReports = N(Child(entry, "complained"), "total"),
            });
        }

        return reported;
    }

    private static JsonElement Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement child) ? child : default;
}
