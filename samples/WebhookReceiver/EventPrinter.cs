using System.Collections.Concurrent;
using Martech.Sdk;

namespace WebhookReceiver;

/// <summary>The app's event handler: prints each typed event as it is handed over, and keeps them for the summary.</summary>
internal sealed class EventPrinter(TextWriter output) : IMartechEventHandler<MartechEvent>
{
    private readonly ConcurrentQueue<MartechEvent> _events = new();
    private readonly Lock _write = new();

    public IReadOnlyList<MartechEvent> Events => [.. _events];

    public Task HandleAsync(MartechEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(martechEvent);
        string line = martechEvent switch
        {
            EmailEvent e => $"  {e.Provider,-9} email  {e.Type,-12} {e.Recipient,-22} {Describe(e)}",
            MessageStatusEvent s => $"  {s.Provider,-9} sms    {s.Status,-12} {s.To,-22} {(s.ErrorCode is null ? string.Empty : $"error {s.ErrorCode}: {s.ErrorMessage}")}",
            MessageReceivedEvent m => $"  {m.Provider,-9} inbound from {m.From}: {m.Text}",
            ContactEvent c => $"  {c.Provider,-9} contact {c.Type} {c.ContactId}",
            RawEvent r => $"  {r.Provider,-9} raw    {r.VendorEventType}",
            _ => $"  {martechEvent.Provider,-9} {martechEvent.GetType().Name}",
        };
        lock (_write)
        {
            output.WriteLine(line.TrimEnd());
        }

        return Task.CompletedTask;
    }

    private static string Describe(EmailEvent e)
    {
        var parts = new List<string>();
        if (e.Type == EmailEventType.Bounced)
        {
            parts.Add($"{e.BounceKind}: {e.Reason}");
        }

        if (e.Url is not null)
        {
            parts.Add(e.Url.ToString());
        }

        if (e.Source is { } source)
        {
            parts.Add(EngagementClassifier.IsMachine(source) ? $"{source} (machine, not counted as a person)" : source.ToString());
        }

        if (e.CampaignId is not null && e.Type == EmailEventType.Processed)
        {
            parts.Add($"campaign {e.CampaignId}");
        }

        return string.Join("  ", parts);
    }
}
