using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>What an engagement event was, as the ledger and explanations say it (<see cref="LeadScoreEntry.Trigger"/>):
/// <c>email opened</c>, <c>email clicked &lt;url&gt;</c>, <c>form '&lt;id&gt;' submitted on &lt;page&gt;</c>,
/// <c>message received from &lt;sender&gt;</c>, then <c> (&lt;machine source&gt;)</c> for an open or click not by a
/// human and <c> (campaign &lt;id&gt;)</c>. Events of one campaign share a few such texts, so the first
/// <see cref="MostKept"/> distinct texts are kept and shared (written into a stack buffer and looked up without a new
/// string); later ones are new strings.</summary>
internal sealed class LeadScoreTriggers
{
    public const int MostKept = 10_000;

    private readonly ConcurrentDictionary<string, string> _kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private int _count;

    public LeadScoreTriggers() => _byText = _kept.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of an event that an engagement rule matched.</summary>
    public string Of(MartechEvent martechEvent)
    {
        Span<char> buffer = stackalloc char[256];
        if (!TryWrite(martechEvent, buffer, out int written))
        {
            return Write(martechEvent);
        }

        ReadOnlySpan<char> text = buffer[..written];
        if (_byText.TryGetValue(text, out string? kept))
        {
            return kept;
        }

        string made = text.ToString();
        if (Volatile.Read(ref _count) >= MostKept)
        {
            return made;
        }

        if (_kept.TryAdd(made, made))
        {
            Interlocked.Increment(ref _count);
            return made;
        }

        return _kept.TryGetValue(made, out kept) ? kept : made;
    }

    private static bool TryWrite(MartechEvent martechEvent, Span<char> buffer, out int written)
    {
        bool fits = martechEvent switch
        {
            EmailEvent { Source: { } by } e when e.Type == EmailEventType.Opened && by != EngagementSource.Human => buffer.TryWrite($"email opened ({by})", out written),
            EmailEvent e when e.Type == EmailEventType.Opened => buffer.TryWrite($"email opened", out written),
            EmailEvent { Source: { } by } e when by != EngagementSource.Human => buffer.TryWrite($"email clicked {e.Url?.ToString()} ({by})", out written),
            EmailEvent e => buffer.TryWrite($"email clicked {e.Url?.ToString()}", out written),
            FormSubmissionEvent { PageUrl: { } page } form => buffer.TryWrite($"form '{form.FormId}' submitted on {page}", out written),
            FormSubmissionEvent form => buffer.TryWrite($"form '{form.FormId}' submitted", out written),
            MessageReceivedEvent message => buffer.TryWrite($"message received from {message.From}", out written),
            _ => buffer.TryWrite($"{martechEvent.GetType().Name}", out written),
        };
        if (fits && martechEvent.CampaignId is { } campaign)
        {
            fits = buffer[written..].TryWrite($" (campaign {campaign})", out int more);
            written += more;
        }

        return fits;
    }

    // A text over the stack buffer: written into ever larger pooled buffers.
    private static string Write(MartechEvent martechEvent)
    {
        for (int size = 1024; ; size *= 4)
        {
            char[] buffer = System.Buffers.ArrayPool<char>.Shared.Rent(size);
            try
            {
                if (TryWrite(martechEvent, buffer, out int written))
                {
                    return new string(buffer, 0, written);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(buffer);
            }
        }
    }
}
