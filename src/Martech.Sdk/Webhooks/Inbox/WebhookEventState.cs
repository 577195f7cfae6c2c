namespace Martech.Sdk;

/// <summary>Where a recorded webhook event is in its handling.</summary>
public enum WebhookEventState
{
    /// <summary>Recorded and waiting for its handlers (first time, or again after a failure).</summary>
    Pending,

    /// <summary>Its handlers are running (a dispatcher holds its lease).</summary>
    Leased,

    /// <summary>Its handlers succeeded. Kept for the dedupe window so a redelivery is recognised.</summary>
    Handled,

    /// <summary>Not handed to handlers because a newer change to the same contact was already handled (the ordering
    /// guard). Kept for the dedupe window.</summary>
    Superseded,

    /// <summary>Its handlers kept failing; kept for inspection until replayed with
    /// <see cref="IWebhookEventStore.RequeueAsync"/> (<c>MartechWebhookInbox.ReplayAsync</c>).</summary>
    Parked,
}
