using Microsoft.Extensions.Hosting;

namespace Martech.Sdk.Testing;

/// <summary>A host lifetime that does nothing: an emulator lives inside a test process and must not take over its
/// Ctrl+C and SIGTERM handling or print start-up messages, as the default console lifetime does.</summary>
internal sealed class EmulatorHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
