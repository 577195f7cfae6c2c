using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Feeds bounce, spam-report and unsubscribe webhooks to the suppression cache of the instance that received
/// them (when that instance uses <c>UseSuppressionCache()</c>), so a send minutes later is withheld without waiting for
/// the next reload.</summary>
internal sealed class SuppressionCacheEventHandler(IServiceProvider services) : IMartechEventHandler<EmailEvent>
{
    public Task HandleAsync(EmailEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        if (services.GetKeyedService<IEmailSuppressionList>(martechEvent.Provider)?.GetService(typeof(CachingEmailSuppressionList)) is CachingEmailSuppressionList cache)
        {
            cache.Apply(martechEvent);
        }

        return Task.CompletedTask;
    }
}
