namespace Martech.Sdk;

/// <summary>What a verified webhook request carried: its events, and what to answer the vendor.</summary>
public sealed class WebhookReceiveResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="events">The events, in the vendor's order; may be empty (a ping, a challenge).</param>
    /// <param name="response">The answer the vendor expects; <see langword="null"/> for 200 with no body.</param>
    public WebhookReceiveResult(IReadOnlyList<MartechEvent> events, WebhookResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        Events = events;
        Response = response ?? WebhookResponse.Ok;
    }

    /// <summary>The events in the request, in the vendor's order (one request may carry many).</summary>
    public IReadOnlyList<MartechEvent> Events { get; }

    /// <summary>The answer the vendor expects once the events are safely recorded.</summary>
    public WebhookResponse Response { get; }
}
