namespace Martech.Sdk;

/// <summary>What one provider instance's webhook endpoint has seen since the process started, for health checks.</summary>
/// <param name="Provider">The instance.</param>
/// <param name="Configured">Whether its webhook secret is configured.</param>
/// <param name="Accepted">Requests accepted.</param>
/// <param name="Rejected">Requests rejected (signature, timestamp, size, format).</param>
/// <param name="Unavailable">Requests answered 503 because the store could not record them.</param>
/// <param name="LastAcceptedAt">When the last request was accepted.</param>
/// <param name="LastRejectedAt">When the last request was rejected.</param>
/// <param name="LastRejectionReason">Why.</param>
public sealed record WebhookEndpointStatus(
    string Provider,
    bool Configured,
    long Accepted,
    long Rejected,
    long Unavailable,
    DateTimeOffset? LastAcceptedAt,
    DateTimeOffset? LastRejectedAt,
    WebhookRejectionReason? LastRejectionReason);
