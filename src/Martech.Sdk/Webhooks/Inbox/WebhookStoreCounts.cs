namespace Martech.Sdk;

/// <summary>How many events an <see cref="IWebhookEventStore"/> holds in each state, for health checks and dashboards.</summary>
/// <param name="Pending">Waiting for handlers (including those waiting to retry).</param>
/// <param name="Leased">Being handled.</param>
/// <param name="Parked">Parked after repeated failures.</param>
/// <param name="Done">Handled or superseded, kept for the dedupe window.</param>
public sealed record WebhookStoreCounts(long Pending, long Leased, long Parked, long Done);
