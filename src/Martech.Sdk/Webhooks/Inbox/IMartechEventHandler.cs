namespace Martech.Sdk;

/// <summary>
/// Handles events of one type from the webhook inbox. Register with
/// <c>AddWebhooks().AddHandler&lt;EmailEvent, MyHandler&gt;()</c>; a handler of <see cref="MartechEvent"/> sees every event.
/// </summary>
/// <remarks>
/// Delivery is at least once: an event whose handler failed, timed out, or whose process died mid-way is handed over
/// again, so make handlers idempotent on <see cref="MartechEventContext.Key"/>. When one event has several handlers, a
/// failure in any runs them all again. Each event gets its own DI scope. A handler that keeps failing parks the event
/// (see <c>MartechWebhookInbox.ReplayAsync</c>) instead of blocking the others.
/// </remarks>
/// <typeparam name="TEvent">The event type: <see cref="EmailEvent"/>, <see cref="ContactEvent"/>,
/// <see cref="MessageReceivedEvent"/>, <see cref="MessageStatusEvent"/>, <see cref="FormSubmissionEvent"/>, <see cref="RawEvent"/>, or
/// <see cref="MartechEvent"/> for all.</typeparam>
public interface IMartechEventHandler<in TEvent>
    where TEvent : MartechEvent
{
    /// <summary>Handles one event.</summary>
    /// <param name="martechEvent">The event.</param>
    /// <param name="context">Its dedupe key, attempt number and when it was received.</param>
    /// <param name="cancellationToken">Cancelled when the handler times out or the host stops.</param>
    /// <returns>A task that completes when the event is handled; a fault means "try again later".</returns>
    Task HandleAsync(TEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken = default);
}
