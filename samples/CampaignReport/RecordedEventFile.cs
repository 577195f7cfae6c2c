using System.Text;
using System.Text.Json;
using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>Reads and writes a file of recorded events: JSON lines, one event a line as
/// <see cref="MartechEventSerializer"/> writes it, in the order the events arrived.</summary>
internal static class RecordedEventFile
{
    /// <summary>Reads every event of the file, duplicates included, in file order.</summary>
    /// <exception cref="InvalidDataException">A line is not an event; the message names the file and the line.</exception>
    public static async Task<IReadOnlyList<MartechEvent>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var events = new List<MartechEvent>();
        int number = 0;
        await foreach (string line in File.ReadLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                events.Add(MartechEventSerializer.Deserialize(Encoding.UTF8.GetBytes(line)));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}, line {number}: not a recorded event ({ex.Message}).", ex);
            }
        }

        return events;
    }

    /// <summary>Writes the events, one JSON line each, with "\n" line ends (the same bytes on every OS).</summary>
    public static async Task WriteAsync(string path, IEnumerable<MartechEvent> events, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        byte[] newLine = "\n"u8.ToArray();
        foreach (MartechEvent e in events)
        {
            await file.WriteAsync(MartechEventSerializer.SerializeToUtf8Bytes(e), cancellationToken);
            await file.WriteAsync(newLine, cancellationToken);
        }
    }

    /// <summary>What the file holds, before any counting: how many lines, how many repeat an earlier event's id,
    /// how many arrived after an event that happened later, and how many opens and clicks machines made.</summary>
    public static EventFileFacts Describe(IReadOnlyList<MartechEvent> events)
    {
        var seen = new HashSet<(string Provider, string Id)>();
        int duplicates = 0, outOfOrder = 0, machineOpens = 0, machineClicks = 0;
        DateTimeOffset latest = DateTimeOffset.MinValue;
        foreach (MartechEvent e in events)
        {
            if (!seen.Add((e.Provider, e.Id)))
            {
                duplicates++;
                continue;
            }

            if (e.OccurredAt < latest)
            {
                outOfOrder++;
            }
            else
            {
                latest = e.OccurredAt;
            }

            if (e is EmailEvent { Source: { } source } email && IsMachine(source))
            {
                if (email.Type == EmailEventType.Opened)
                {
                    machineOpens++;
                }
                else if (email.Type == EmailEventType.Clicked)
                {
                    machineClicks++;
                }
            }
        }

        return new EventFileFacts(events.Count, seen.Count, duplicates, outOfOrder, machineOpens, machineClicks);
    }

    /// <summary>Apple Mail Privacy Protection, image proxies, link scanners: anything but a person or no signal.</summary>
    public static bool IsMachine(EngagementSource source) => source is not (EngagementSource.Human or EngagementSource.Unknown);
}

/// <summary>What a recorded-events file holds.</summary>
/// <param name="Lines">Events in the file, duplicates included.</param>
/// <param name="Distinct">Distinct events (by provider and id).</param>
/// <param name="Duplicates">Lines that repeat an earlier event's provider and id (the vendor's redeliveries).</param>
/// <param name="OutOfOrder">Distinct events that happened before one that arrived earlier.</param>
/// <param name="MachineOpens">Distinct opens by machines (Apple Mail Privacy Protection, image proxies, scanners).</param>
/// <param name="MachineClicks">Distinct clicks by machines (link scanners).</param>
internal sealed record EventFileFacts(int Lines, int Distinct, int Duplicates, int OutOfOrder, int MachineOpens, int MachineClicks);
