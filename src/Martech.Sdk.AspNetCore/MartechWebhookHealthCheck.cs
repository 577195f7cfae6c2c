using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Martech.Sdk;

/// <summary>
/// The health of one provider instance's webhooks: unhealthy when its secret is missing (every request is refused) or
/// the event store does not answer; degraded when its last request was rejected after the last accepted one (a rotated
/// secret, a proxy changing the URL), when requests were answered 503, or when its events are parked; healthy otherwise.
/// The data holds the counts, never a secret.
/// </summary>
internal sealed class MartechWebhookHealthCheck(MartechWebhookInbox inbox, string provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        WebhookEndpointStatus status = inbox.GetStatus(provider);
        var data = new Dictionary<string, object>
        {
            ["provider"] = provider,
            ["accepted"] = status.Accepted,
            ["rejected"] = status.Rejected,
            ["unavailable"] = status.Unavailable,
        };
        if (status.LastRejectionReason is { } reason)
        {
            data["lastRejectionReason"] = reason.ToString();
        }

        if (!status.Configured)
        {
            return HealthCheckResult.Unhealthy($"'{provider}' has no webhook secret configured: every request is refused.", data: data);
        }

        long parked;
        WebhookStoreCounts counts;
        try
        {
            counts = await inbox.Store.CountAsync(cancellationToken).ConfigureAwait(false);
            parked = 0;
            await foreach (WebhookEventRecord record in inbox.ListParkedAsync(cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(record.Event.Provider, provider, StringComparison.OrdinalIgnoreCase))
                {
                    parked++;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The webhook event store does not answer: {ex.Message}", ex, data);
        }

        data["pending"] = counts.Pending;
        data["parked"] = parked;
        if (status.LastRejectedAt is { } rejectedAt && (status.LastAcceptedAt is null || rejectedAt > status.LastAcceptedAt))
        {
            return HealthCheckResult.Degraded($"The last webhook request to '{provider}' was rejected ({status.LastRejectionReason}) and none was accepted since: check the secret and the public URL.", data: data);
        }

        if (parked > 0)
        {
            return HealthCheckResult.Degraded($"{parked} events of '{provider}' are parked after failing handlers; replay them with MartechWebhookInbox.ReplayAsync.", data: data);
        }

        if (status.Unavailable > 0)
        {
            return HealthCheckResult.Degraded($"{status.Unavailable} webhook requests to '{provider}' were answered 503 because the event store could not record them.", data: data);
        }

        return HealthCheckResult.Healthy($"'{provider}' webhooks: {status.Accepted} accepted, {status.Rejected} rejected.", data);
    }
}
