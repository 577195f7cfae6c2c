using System.Text.RegularExpressions;

namespace Martech.Sdk;

/// <summary>Plans what happens to one recipient of a sent email under <see cref="WebhookCallbackOptions"/>: processed,
/// then either a bounce or delivered → opened → clicked → unsubscribed / spam report, a second apart.</summary>
internal static partial class EmailEventSimulation
{
    public static IReadOnlyList<SimulatedEmailEvent> Plan(WebhookCallbackOptions options, string recipient, DateTimeOffset sentAt, string? html, string? text)
    {
        var events = new List<SimulatedEmailEvent>();
        int sequence = 0;
        DateTimeOffset At() => sentAt.AddSeconds(sequence);
        events.Add(new(EmailEventType.Processed, recipient, At(), sequence++));
        if (options.BounceAddresses.Contains(recipient))
        {
            events.Add(new(EmailEventType.Bounced, recipient, At(), sequence++));
            return events;
        }

        events.Add(new(EmailEventType.Delivered, recipient, At(), sequence++));
        if (!options.Opens)
        {
            return events;
        }

        bool machine = options.MachineOpenAddresses.Contains(recipient);
        events.Add(new(EmailEventType.Opened, recipient, At(), sequence++, null, machine));
        if (options.Clicks && !machine)
        {
            events.Add(new(EmailEventType.Clicked, recipient, At(), sequence++, FirstLink(html, text) ?? options.ClickUrl));
        }

        if (options.UnsubscribeAddresses.Contains(recipient))
        {
            events.Add(new(EmailEventType.Unsubscribed, recipient, At(), sequence++));
        }

        if (options.SpamReportAddresses.Contains(recipient))
        {
            events.Add(new(EmailEventType.SpamReport, recipient, At(), sequence++));
        }

        return events;
    }

    public static Uri? FirstLink(string? html, string? text)
    {
        foreach (string? body in (string?[])[html, text])
        {
            if (body is null)
            {
                continue;
            }

            Match match = LinkPattern().Match(body);
            if (match.Success && Uri.TryCreate(match.Value, UriKind.Absolute, out Uri? url))
            {
                return url;
            }
        }

        return null;
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
