using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Evaluates the vendor SLOs every <see cref="VendorSloOptions.EvaluationInterval"/> on the
/// <see cref="TimeProvider"/>'s timer while the host runs; a tick that finds the previous evaluation still running is
/// skipped.</summary>
internal sealed class VendorSloEvaluationService(IVendorSloMonitor monitor, TimeSpan interval, TimeProvider time, ILogger logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private Task _running = Task.CompletedTask;
    private int _busy;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(static state => ((VendorSloEvaluationService)state!).Tick(), this, interval, interval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void Tick()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0 || _stopping.IsCancellationRequested)
        {
            return;
        }

        _running = EvaluateAsync();
    }

    private async Task EvaluateAsync()
    {
        try
        {
            await monitor.EvaluateAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception ex)
        {
            VendorSloLog.EvaluationFailed(logger, ex);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }
}
