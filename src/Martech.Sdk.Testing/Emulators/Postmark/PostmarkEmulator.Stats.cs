using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

// Outbound statistics (GET /stats/outbound and its sends, bounces, spam, opens, clicks and tracked pages), counted from
// the messages the emulator accepted and the events it generated for them.
public sealed partial class PostmarkEmulator
{
    private readonly EmulatorEmailStats _stats = new();
    private long _statsUtcOffsetTicks = TimeSpan.FromHours(-5).Ticks;

    /// <summary>Gets or sets the offset from UTC of the days the statistics endpoints count in.</summary>
    /// <value>The default value is −05:00: Postmark documents its statistics in EST.</value>
    public TimeSpan StatsUtcOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _statsUtcOffsetTicks));
        set => Interlocked.Exchange(ref _statsUtcOffsetTicks, value.Ticks);
    }

    // Every message counts under: all messages, its tag, and both again within its stream.
    private static string StatsKey(string? stream, string? tag) => $"{stream}\n{tag ?? "*"}";

    private void RecordStats(PostmarkEmulatedEmail email)
    {
        string? html = Property(email.Json, "HtmlBody");
        string? text = Property(email.Json, "TextBody");
        bool opens = !(email.Json.TryGetProperty("TrackOpens", out JsonElement trackOpens) && trackOpens.ValueKind == JsonValueKind.False);
        bool clicks = !string.Equals(Property(email.Json, "TrackLinks"), "None", StringComparison.Ordinal);
        string[] keys = email.Tag is { } tag
            ? [StatsKey(null, null), StatsKey(null, tag), StatsKey(email.MessageStream, null), StatsKey(email.MessageStream, tag)]
            : [StatsKey(null, null), StatsKey(email.MessageStream, null)];
        foreach (EmailAddress recipient in email.Recipients)
        {
            var events = EmailEventSimulation.Plan(Webhooks, recipient.Value, email.SubmittedAt, html, text)
                .Where(e => !(e.Type == EmailEventType.Opened && !opens) && !(e.Type == EmailEventType.Clicked && !clicks))
                .ToList();
            _stats.Record(keys, events);
        }
    }

    private void MapStatsRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/stats/outbound", Handler(context => Task.FromResult(Stats(context.Request, "overview"))));
        foreach (string page in (string[])["sends", "bounces", "spam", "opens", "clicks", "tracked"])
        {
            routes.MapGet($"/stats/outbound/{page}", Handler(context => Task.FromResult(Stats(context.Request, page))));
        }
    }

    private IResult Stats(HttpRequest request, string page)
    {
        if (!TryStatsDate(request.Query["fromdate"].FirstOrDefault(), out DateOnly? from))
        {
            return Error(300, "Invalid 'fromdate': expected a date such as 2014-01-01.");
        }

        if (!TryStatsDate(request.Query["todate"].FirstOrDefault(), out DateOnly? to))
        {
            return Error(300, "Invalid 'todate': expected a date such as 2014-01-01.");
        }

        string? stream = request.Query["messagestream"].FirstOrDefault();
        if (stream is not null && !HasStream(stream))
        {
            return Error(1226, "The message stream for the provided 'ID' was not found.");
        }

        string? tag = request.Query["tag"].FirstOrDefault();
        var (total, days) = _stats.Range(StatsKey(stream, string.IsNullOrEmpty(tag) ? null : tag), StatsUtcOffset, from, to);
        return page switch
        {
            "overview" => Json(new Dictionary<string, object>
            {
                ["Sent"] = total.Sent,
                ["Bounced"] = total.Bounced,
                ["SMTPApiErrors"] = 0,
                ["BounceRate"] = Rate(total.Bounced, total.Sent),
                ["SpamComplaints"] = total.SpamReports,
                ["SpamComplaintsRate"] = Rate(total.SpamReports, total.Sent),
                ["Opens"] = total.Opens,
                ["UniqueOpens"] = total.UniqueOpens,
                ["Tracked"] = total.Sent,
                ["WithLinkTracking"] = total.Sent,
                ["WithOpenTracking"] = total.Sent,
                ["TotalTrackedLinksSent"] = total.Sent,
                ["UniqueLinksClicked"] = total.UniqueClicks,
                ["TotalClicks"] = total.Clicks,
                ["WithClientRecorded"] = 0,
                ["WithPlatformRecorded"] = 0,
            }),
            "sends" => Days(days, total, ("Sent", b => b.Sent)),
            "bounces" => Days(days, total, ("HardBounce", b => b.Bounced), ("SoftBounce", _ => 0), ("Transient", _ => 0), ("SMTPApiError", _ => 0)),
            "spam" => Days(days, total, ("SpamComplaint", b => b.SpamReports)),
            "opens" => Days(days, total, ("Opens", b => b.Opens), ("Unique", b => b.UniqueOpens)),
            "clicks" => Days(days, total, ("Clicks", b => b.Clicks), ("Unique", b => b.UniqueClicks)),
            _ => Days(days, total, ("Tracked", b => b.Sent)),
        };
    }

    // A day lists only the counts it has, and only days with a count are listed; the totals list every count.
    private static IResult Days(IReadOnlyList<EmulatorStatsBucket> days, EmulatorStatsBucket total, params (string Name, Func<EmulatorStatsBucket, int> Count)[] counts)
    {
        var list = new List<Dictionary<string, object>>();
        foreach (EmulatorStatsBucket day in days)
        {
            var entry = new Dictionary<string, object> { ["Date"] = day.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            foreach (var (name, count) in counts)
            {
                if (count(day) > 0)
                {
                    entry[name] = count(day);
                }
            }

            if (entry.Count > 1)
            {
                list.Add(entry);
            }
        }

        var body = new Dictionary<string, object> { ["Days"] = list };
        foreach (var (name, count) in counts)
        {
            body[name] = count(total);
        }

        return Json(body);
    }

    private static IResult Json(Dictionary<string, object> body) => EmulatorJson.Result(body, options: EmulatorJson.PascalCase);

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round(part * 100.0 / whole, 3);

    private static bool TryStatsDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}
