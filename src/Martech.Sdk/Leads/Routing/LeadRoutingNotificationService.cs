using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Sends the notifications deferred to owners' working hours, every
/// <see cref="LeadRoutingOptions.NotificationInterval"/> on the application's <see cref="TimeProvider"/>. Idle (one
/// store read a tick) unless owners are notified and <see cref="LeadRoutingOutsideHours.AssignAndNotifyLater"/> is on.</summary>
internal sealed partial class LeadRoutingNotificationService(LeadRouter router, LeadRoutingOptions options, TimeProvider time, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.OutsideHours != LeadRoutingOutsideHours.AssignAndNotifyLater || options.NotificationProvider is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.NotificationInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                foreach (LeadNotificationResult result in await router.SendDueNotificationsAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (result.Error is not null)
                    {
                        NotificationFailed(logger, result.Error, result.LeadId, result.OwnerId);
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                PassFailed(logger, ex, options.NotificationInterval);
            }
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "The deferred notification of lead {LeadId} to owner {OwnerId} failed; it is not sent again.")]
    private static partial void NotificationFailed(ILogger logger, Exception exception, string leadId, string ownerId);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Sending deferred lead notifications failed; the next pass in {Interval} tries again.")]
    private static partial void PassFailed(ILogger logger, Exception exception, TimeSpan interval);
}
