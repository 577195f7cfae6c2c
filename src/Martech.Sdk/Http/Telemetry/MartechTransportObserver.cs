namespace Martech.Sdk;

/// <summary>
/// An in-process seam beside the <c>Martech.Sdk</c> meter: the transport reports each request, retry and rate-budget
/// wait of one container's provider instances to it directly, without building tag lists or boxing, and whether or
/// not a meter listener is attached. At most one per container (the vendor SLO recorder); when none is registered the
/// transport pays one null check.
/// </summary>
internal abstract class MartechTransportObserver
{
    /// <summary>A request finished, retries and waits included: a response arrived (<paramref name="statusCode"/>), or
    /// it failed with <paramref name="exception"/>.</summary>
    /// <param name="context">The instance's transport.</param>
    /// <param name="operation">The operation, or the HTTP method when the provider named none.</param>
    /// <param name="statusCode">The final status code, or <see langword="null"/> when no response arrived.</param>
    /// <param name="exception">Why no response arrived, or <see langword="null"/>.</param>
    /// <param name="canceledByCaller">The caller's token was cancelled.</param>
    /// <param name="duration">How long the request took, retries and waits included.</param>
    public abstract void RequestCompleted(MartechTransportContext context, string operation, int? statusCode, Exception? exception, bool canceledByCaller, TimeSpan duration);

    /// <summary>An attempt is retried.</summary>
    /// <param name="context">The instance's transport.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="reason">The reason, as tagged on <c>martech.client.retries</c> (<c>429</c>, <c>503</c>, …).</param>
    public abstract void Retried(MartechTransportContext context, string operation, string reason);

    /// <summary>An attempt waited on the rate budget before it was sent (zero when it did not wait).</summary>
    /// <param name="context">The instance's transport.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="waited">How long.</param>
    public abstract void RateLimitWaited(MartechTransportContext context, string operation, TimeSpan waited);
}
