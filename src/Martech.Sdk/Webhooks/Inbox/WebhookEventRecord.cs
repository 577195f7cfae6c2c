namespace Martech.Sdk;

/// <summary>A webhook event as an <see cref="IWebhookEventStore"/> keeps it: the event, its dedupe key, its state and
/// the history of its handling.</summary>
public sealed record WebhookEventRecord
{
    /// <summary>The dedupe key: <c>provider:id</c> (see <see cref="KeyOf"/>).</summary>
    public required string Key { get; init; }

    /// <summary>The event.</summary>
    public required MartechEvent Event { get; init; }

    /// <summary>The state.</summary>
    public required WebhookEventState State { get; init; }

    /// <summary>How many times handlers have been started for it, this one included when leased.</summary>
    public int Attempts { get; init; }

    /// <summary>When the store recorded it.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When it may next be leased (for a pending event after a failure), or until when it is leased.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The last handler failure, for retried and parked events: the exception type and message.</summary>
    public string? LastError { get; init; }

    /// <summary>The lease this record was handed out under; completing, retrying or parking with a stale lease (one that
    /// expired and was given to another dispatcher) does nothing.</summary>
    public string? LeaseId { get; init; }

    /// <summary>The dedupe key of an event: its provider instance and its <see cref="MartechEvent.Id"/>,
    /// <c>provider:id</c>. Instance names cannot hold a colon (it separates configuration sections), so the key is
    /// unambiguous.</summary>
    /// <param name="martechEvent">The event.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(MartechEvent martechEvent)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        return martechEvent.Provider + ":" + martechEvent.Id;
    }
}
