using Martech.Sdk;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds health checks for Martech webhook endpoints.</summary>
public static class MartechWebhookHealthCheckExtensions
{
    /// <summary>Adds one health check per provider instance that receives webhooks, named
    /// <c>martech-webhooks-&lt;instance&gt;</c> and tagged <c>martech</c> and <c>webhooks</c>: unhealthy without a secret
    /// or when the event store does not answer, degraded after rejections, 503s or parked events. Call it after the
    /// providers are added.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddMartech()</c> was not called, or no instance receives webhooks.</exception>
    public static IHealthChecksBuilder AddMartechWebhooks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IReadOnlyList<string> providers = MartechServiceCollectionExtensions.RegisteredProvidersOf(builder.Services, typeof(IWebhookReceiver));
        if (providers.Count == 0)
        {
            throw new InvalidOperationException("AddMartechWebhooks() found no provider instance that receives webhooks: add the providers (AddMartech().AddSendGrid(), …) before the health checks.");
        }

        foreach (string provider in providers)
        {
            builder.Add(new HealthCheckRegistration(
                $"martech-webhooks-{provider.ToLowerInvariant()}",
                sp => new MartechWebhookHealthCheck(sp.GetRequiredService<MartechWebhookInbox>(), provider),
                failureStatus: null,
                tags: ["martech", "webhooks"]));
        }

        return builder;
    }
}
