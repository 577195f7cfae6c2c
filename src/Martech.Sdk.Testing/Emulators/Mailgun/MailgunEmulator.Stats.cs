using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

// Tag statistics (GET /v3/{domain}/tags/{tag}/stats and /v3/{domain}/tag/stats?tag=), counted from the messages the
// emulator accepted and the events it generated for them.
public sealed partial class MailgunEmulator
{
    private static readonly string[] StatsEvents = ["accepted", "delivered", "failed", "opened", "clicked", "unsubscribed", "complained", "stored"];

    private readonly EmulatorEmailStats _stats = new();

    private void RecordStats(MailgunReceivedMessage message)
    {
        if (message.Tags.Count == 0)
        {
            return;
        }

        foreach (string recipient in message.RecipientAddresses.Distinct(StringComparer.Ordinal))
        {
            _stats.Record(message.Tags, EmailEventSimulation.Plan(Webhooks, recipient, message.ReceivedAt, message.Html, message.Text));
        }
    }

    private void MapStatsRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/{domain}/tags/{tag}/stats", (HttpContext context, string domain, string tag) => Guard(context, domain) ?? Task.FromResult(TagStats(context.Request, tag)));
        routes.MapGet("/v3/{domain}/tag/stats", (HttpContext context, string domain) => Guard(context, domain) ?? Task.FromResult(TagStats(context.Request, context.Request.Query["tag"].FirstOrDefault())));
    }

    private IResult TagStats(HttpRequest request, string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return Message(StatusCodes.Status400BadRequest, "'tag' parameter is missing");
        }

        string[] events = [.. request.Query["event"].Select(e => e ?? string.Empty)];
        if (events.Length == 0)
        {
            return Message(StatusCodes.Status400BadRequest, "'event' parameter is missing");
        }

        if (events.FirstOrDefault(e => !StatsEvents.Contains(e, StringComparer.Ordinal)) is { } unknown)
        {
            return Message(StatusCodes.Status400BadRequest, $"Invalid event type: {unknown}");
        }

        string resolution = request.Query["resolution"].FirstOrDefault() ?? "day";
        if (resolution is not ("day" or "month"))
        {
            return Message(StatusCodes.Status400BadRequest, resolution == "hour" ? "The emulator answers resolution day and month only" : $"Invalid resolution: {resolution}");
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        if (!TryStatsTime(request.Query["end"].FirstOrDefault(), now, out DateTimeOffset end)
            || !TryStatsTime(request.Query["start"].FirstOrDefault(), end.AddDays(-7), out DateTimeOffset start))
        {
            return Message(StatusCodes.Status400BadRequest, "'start' and 'end' must be RFC 2822 dates or Unix times");
        }

        if (start > end)
        {
            return Message(StatusCodes.Status400BadRequest, "'start' must be before 'end'");
        }

        if (!_stats.Knows(tag))
        {
            return Message(StatusCodes.Status404NotFound, "tag not found");
        }

        // The end is an instant: a bucket starting at it is not counted.
        DateOnly first = DateOnly.FromDateTime(start.UtcDateTime);
        DateOnly last = DateOnly.FromDateTime(end.UtcDateTime.AddTicks(-1));
        bool monthly = resolution == "month";
        var stats = new List<Dictionary<string, object>>();
        foreach (EmulatorStatsBucket bucket in last < first ? [] : _stats.Buckets(tag, TimeSpan.Zero, first, last, monthly))
        {
            var entry = new Dictionary<string, object>(StringComparer.Ordinal) { ["time"] = FormatDate(new DateTimeOffset(bucket.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) };
            foreach (string e in events.Distinct(StringComparer.Ordinal))
            {
                entry[e] = StatsEntry(e, bucket);
            }

            stats.Add(entry);
        }

        return EmulatorJson.Result(
            new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["tag"] = tag,
                ["description"] = string.Empty,
                ["resolution"] = resolution,
                ["start"] = FormatDate(start),
                ["end"] = FormatDate(end),
                ["stats"] = stats,
            },
            options: EmulatorJson.PascalCase);
    }

    private static object StatsEntry(string e, EmulatorStatsBucket b) => e switch
    {
        "accepted" => new Dictionary<string, int> { ["incoming"] = 0, ["outgoing"] = b.Sent, ["total"] = b.Sent },
        "delivered" => new Dictionary<string, int> { ["smtp"] = b.Delivered, ["http"] = 0, ["optimized"] = 0, ["total"] = b.Delivered },
        "failed" => new Dictionary<string, object>
        {
            ["permanent"] = new Dictionary<string, int>
            {
                ["bounce"] = b.Bounced, ["delayed-bounce"] = 0, ["suppress-bounce"] = 0, ["suppress-unsubscribe"] = 0,
                ["suppress-complaint"] = 0, ["webhook"] = 0, ["optimized"] = 0, ["total"] = b.Bounced,
            },
            ["temporary"] = new Dictionary<string, int> { ["espblock"] = 0, ["total"] = 0 },
        },
        "opened" => new Dictionary<string, int> { ["total"] = b.Opens, ["unique"] = b.UniqueOpens },
        "clicked" => new Dictionary<string, int> { ["total"] = b.Clicks, ["unique"] = b.UniqueClicks },
        "unsubscribed" => new Dictionary<string, int> { ["total"] = b.Unsubscribes },
        "complained" => new Dictionary<string, int> { ["total"] = b.SpamReports },
        _ => new Dictionary<string, int> { ["total"] = 0 },
    };

    private static bool TryStatsTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return TryParseDate(text, out value);
    }
}
