using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Runs the SLA monitor's passes: one when the host starts, then one every
/// <see cref="SlaOptions.EvaluationInterval"/> on the application's <see cref="TimeProvider"/>.</summary>
internal sealed class SlaMonitorService(SlaMonitor monitor, TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await monitor.EvaluateAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                SlaLog.PassFailed(logger, ex, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
