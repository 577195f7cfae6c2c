using System.Text.Json;

namespace Martech.Sdk;

/// <summary>Writes <see cref="MartechEvent"/>s as JSON and reads them back as the same typed events, raw payload
/// included: how a durable event store keeps them, and how the in-memory provider's webhooks carry them.</summary>
/// <remarks>The kind of event is written as <c>"$kind"</c> (<c>email</c>, <c>contact</c>, <c>message.received</c>,
/// <c>message.status</c>, <c>form.submitted</c>, <c>raw</c>); properties are camelCase; the vendor payload is under <c>"raw"</c>.
/// Source-generated: trim- and AOT-safe.</remarks>
public static class MartechEventSerializer
{
    /// <summary>Writes one event as UTF-8 JSON.</summary>
    /// <param name="martechEvent">The event.</param>
    /// <returns>The JSON bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="martechEvent"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The event is of a type outside the SDK's event kinds.</exception>
    public static byte[] SerializeToUtf8Bytes(MartechEvent martechEvent)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        return JsonSerializer.SerializeToUtf8Bytes(martechEvent, MartechEventJsonContext.Default.MartechEvent);
    }

    /// <summary>Writes events as a UTF-8 JSON array.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The JSON bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of its items is <see langword="null"/>.</exception>
    public static byte[] SerializeToUtf8Bytes(IReadOnlyList<MartechEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var array = new MartechEvent[events.Count];
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = events[i] ?? throw new ArgumentNullException(nameof(events), $"The event at index {i} is null.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(array, MartechEventJsonContext.Default.MartechEventArray);
    }

    /// <summary>Reads one event written by <see cref="SerializeToUtf8Bytes(MartechEvent)"/>.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <returns>The event, of its original kind.</returns>
    /// <exception cref="JsonException">The JSON is not an event (no <c>$kind</c>, an unknown kind, a missing required
    /// property, an invalid address).</exception>
    public static MartechEvent Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, MartechEventJsonContext.Default.MartechEvent)
                ?? throw new JsonException("The JSON holds null, not an event.");
        }
        catch (NotSupportedException ex)
        {
            // A missing or unknown "$kind" is a malformed event, not an unsupported type.
            throw new JsonException($"The JSON is not a Martech event: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a JSON array of events written by <see cref="SerializeToUtf8Bytes(IReadOnlyList{MartechEvent})"/>.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="JsonException">The JSON is not an array of events, or holds a null item.</exception>
    public static IReadOnlyList<MartechEvent> DeserializeArray(ReadOnlySpan<byte> utf8Json)
    {
        MartechEvent[] events;
        try
        {
            events = JsonSerializer.Deserialize(utf8Json, MartechEventJsonContext.Default.MartechEventArray)
                ?? throw new JsonException("The JSON holds null, not an array of events.");
        }
        catch (NotSupportedException ex)
        {
            throw new JsonException($"The JSON is not an array of Martech events: {ex.Message}", ex);
        }

        foreach (MartechEvent? item in events)
        {
            if (item is null)
            {
                throw new JsonException("The array holds a null event.");
            }
        }

        return events;
    }
}
