using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Martech.Sdk.Testing;

// GET /v3/categories/stats, counted from the messages the emulator accepted and the events it generated for them.
public sealed partial class SendGridEmulator
{
    private const int MaxStatsCategories = 10;

    private readonly EmulatorEmailStats _stats = new();

    private void RecordStats(IReadOnlyList<SendGridEmulatorMessage> messages)
    {
        foreach (SendGridEmulatorMessage message in messages)
        {
            if (message.Categories.Count == 0)
            {
                continue;
            }

            foreach (string recipient in message.Recipients)
            {
                _stats.Record(message.Categories, EmailEventSimulation.Plan(Webhooks, recipient, message.AcceptedAt, message.Html, message.Text));
            }
        }
    }

    private void MapStatsRoutes(IEndpointRouteBuilder routes) =>
        routes.MapGet("/v3/categories/stats", (HttpContext context) => Unauthorized(context.Request) ?? CategoryStats(context.Request));

    private IResult CategoryStats(HttpRequest request)
    {
        DateOnly today = DateOnly.FromDateTime(TimeProvider.GetUtcNow().UtcDateTime);
        if (!TryDate(request.Query["start_date"], "start_date", required: true, out DateOnly start, out IResult? problem)
            || !TryDate(request.Query["end_date"], "end_date", required: false, out DateOnly end, out problem))
        {
            return problem!;
        }

        end = request.Query.ContainsKey("end_date") ? end : today;
        if (start > end)
        {
            return Error(StatusCodes.Status400BadRequest, "start_date", "start_date must be before or equal to end_date");
        }

        if (start < today.AddMonths(-13))
        {
            return Error(StatusCodes.Status400BadRequest, "start_date", "category statistics are only available for the previous 13 months");
        }

        string[] categories = [.. request.Query["categories"].Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!)];
        if (categories.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "categories", "missing required argument");
        }

        if (categories.Length > MaxStatsCategories)
        {
            return Error(StatusCodes.Status400BadRequest, "categories", $"too many categories: at most {MaxStatsCategories} per request");
        }

        string aggregation = request.Query["aggregated_by"].FirstOrDefault() ?? "day";
        if (aggregation is not ("day" or "month"))
        {
            return Error(StatusCodes.Status400BadRequest, "aggregated_by", aggregation == "week" ? "the emulator answers aggregated_by day and month only" : "aggregated_by must be day, week or month");
        }

        var perCategory = categories.Select(c => _stats.Buckets(c, TimeSpan.Zero, start, end, aggregation == "month")).ToList();
        var days = new List<object>();
        for (int i = 0; i < perCategory[0].Count; i++)
        {
            DateOnly date = perCategory[0][i].Start < start ? start : perCategory[0][i].Start;
            days.Add(new
            {
                date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                stats = categories.Select((c, n) => new { type = "category", name = c, metrics = Metrics(perCategory[n][i]) }).ToArray(),
            });
        }

        return EmulatorJson.Result(days, options: EmulatorJson.PascalCase);
    }

    private static Dictionary<string, int> Metrics(EmulatorStatsBucket b) => new(StringComparer.Ordinal)
    {
        ["blocks"] = 0,
        ["bounce_drops"] = 0,
        ["bounces"] = b.Bounced,
        ["clicks"] = b.Clicks,
        ["deferred"] = 0,
        ["delivered"] = b.Delivered,
        ["invalid_emails"] = 0,
        ["opens"] = b.Opens,
        ["processed"] = b.Sent,
        ["requests"] = b.Sent,
        ["spam_report_drops"] = 0,
        ["spam_reports"] = b.SpamReports,
        ["unique_clicks"] = b.UniqueClicks,
        ["unique_opens"] = b.UniqueOpens,
        ["unsubscribe_drops"] = 0,
        ["unsubscribes"] = b.Unsubscribes,
    };

    private static bool TryDate(StringValues value, string field, bool required, out DateOnly date, out IResult? problem)
    {
        date = default;
        problem = null;
        string? text = value.FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            problem = required ? Error(StatusCodes.Status400BadRequest, field, "missing required argument") : null;
            return !required;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = Error(StatusCodes.Status400BadRequest, field, "invalid date format. Should be YYYY-MM-DD");
            return false;
        }

        return true;
    }
}
