using System.Globalization;

namespace Martech.Sdk;

/// <summary>Escalation cards and destinations: what the monitor sends through a message provider for a transition.</summary>
internal static class SlaEscalation
{
    public static Uri? ItemLink(string format, SlaItemKind kind, string id)
    {
        string text = format.Replace("{kind}", Uri.EscapeDataString(kind.Value), StringComparison.Ordinal).Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
        return Uri.TryCreate(text, UriKind.Absolute, out Uri? link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp) ? link : null;
    }

    /// <summary>The card for a transition: what happened, the item, its owner, its due time and how late (or how much
    /// time is left). Times are in <paramref name="timeZone"/> (the policy calendar's, where the team works) with UTC
    /// beside them, or in UTC for a wall-clock policy.</summary>
    public static MessageCard Card(SlaTransition transition, string? itemLinkFormat, TimeZoneInfo? timeZone = null)
    {
        string Instant(DateTimeOffset instant) => SlaEscalation.Instant(instant, timeZone);

        SlaClock clock = transition.Clock;
        SlaItem item = transition.Item;
        string what = $"{item.Kind} {item.Id}";
        string owner = item.OwnerId ?? "unassigned";
        var fields = new List<MessageCardField>
        {
            new("Item", what),
            new("Owner", owner),
            new("Policy", $"{clock.Policy} ({clock.Metric}, target {Duration(clock.Target)}{(clock.Calendar is null ? string.Empty : $" of '{clock.Calendar}' business time")})"),
            new("Started", Instant(clock.StartedAt)),
        };
        if (item.Email is { } email)
        {
            fields.Insert(1, new MessageCardField("Email", email.Value));
        }

        string title;
        string text;
        CardSeverity severity;
        switch (transition.Kind)
        {
            case SlaTransitionKind.Breached:
                DateTimeOffset due = clock.BreachedAt ?? transition.OccurredAt;
                TimeSpan late = clock.OverdueBy ?? TimeSpan.Zero;
                title = $"SLA breached: {clock.Policy}";
                text = clock.IsOpen
                    ? $"{what} (owner {owner}) was due {Instant(due)} and is {Duration(late)} late."
                    : $"{what} (owner {owner}) was due {Instant(due)} and was handled {Duration(late)} late.";
                fields.Add(new MessageCardField("Due", Instant(due)));
                fields.Add(new MessageCardField("Late by", Duration(late)));
                severity = CardSeverity.Critical;
                break;
            case SlaTransitionKind.AtRisk:
                title = $"SLA at risk: {clock.Policy}";
                text = $"{what} (owner {owner}) is due {(clock.DueAt is { } d ? Instant(d) : "soon")}, with {Duration(clock.Remaining)} of business time left.";
                fields.Add(new MessageCardField("Due", clock.DueAt is { } atRiskDue ? Instant(atRiskDue) : "paused"));
                fields.Add(new MessageCardField("Remaining", Duration(clock.Remaining)));
                severity = CardSeverity.Warning;
                break;
            default:
                title = $"SLA met: {clock.Policy}";
                text = $"{what} (owner {owner}) was handled {Instant(clock.MetAt ?? transition.OccurredAt)}, after {Duration(clock.Elapsed)}.";
                fields.Add(new MessageCardField("Met", Instant(clock.MetAt ?? transition.OccurredAt)));
                severity = CardSeverity.Success;
                break;
        }

        var links = new List<MessageCardLink>();
        if (itemLinkFormat is not null && ItemLink(itemLinkFormat, item.Kind, item.Id) is { } link)
        {
            links.Add(new MessageCardLink($"Open {item.Kind}", link));
        }

        return new MessageCard { Title = title, Text = text, Fields = fields, Links = links, Severity = severity };
    }

    /// <summary>An instant as <c>2026-12-22 13:50 Europe/Berlin (12:50 UTC)</c>, or <c>2026-12-22 12:50 UTC</c> without a
    /// time zone or in one that is always UTC.</summary>
    public static string Instant(DateTimeOffset instant, TimeZoneInfo? timeZone = null)
    {
        string utc = instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        if (timeZone is null || (timeZone.BaseUtcOffset == TimeSpan.Zero && !timeZone.SupportsDaylightSavingTime))
        {
            return utc;
        }

        DateTimeOffset local = TimeZoneInfo.ConvertTime(instant, timeZone);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {timeZone.Id} ({instant.ToUniversalTime().ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    private static string Duration(TimeSpan duration) => DurationText.Format(duration);
}
