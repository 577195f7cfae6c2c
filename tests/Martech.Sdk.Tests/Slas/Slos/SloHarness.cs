using Martech.Sdk.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk.Tests.Slas.Slos;

/// <summary>A recorder and monitor on a manual clock (starting 2025-03-03 09:00 UTC), fed measurements directly, with
/// the handlers' events collected.</summary>
internal sealed class SloHarness : IDisposable
{
    public SloHarness(Action<VendorSloOptions>? configure = null, params VendorSloInstanceInfo[] instances)
    {
        configure?.Invoke(Options);
        Assert.Empty(Options.Validate("Martech:Slos"));
        Recorder = new VendorSloRecorder(VendorSloLayout.From(Options), Options.MaxOperationsPerInstance, Time);
        Monitor = new VendorSloMonitor(
            Recorder,
            Options,
            instances.Length > 0 ? instances : [new VendorSloInstanceInfo("SendGrid", "SendGrid", ["Email", "Suppressions"])],
            () => Handlers,
            NullLogger.Instance);
    }

    public ManualTimeProvider Time { get; } = new();

    public VendorSloOptions Options { get; } = new() { MinimumRequests = 1 };

    public VendorSloRecorder Recorder { get; }

    public VendorSloMonitor Monitor { get; }

    public List<IVendorSloHandler> Handlers { get; } = [];

    /// <summary>Records <paramref name="count"/> requests answered <paramref name="status"/> in <paramref name="milliseconds"/>.</summary>
    public void Record(int status, int count, double milliseconds = 100, string instance = "SendGrid", string operation = "mail.send")
    {
        for (int i = 0; i < count; i++)
        {
            Recorder.Request(instance, instance, operation, VendorSloClassifier.ClassifyStatus(status), status, TimeSpan.FromMilliseconds(milliseconds));
        }
    }

    /// <summary>Records <paramref name="count"/> requests that ended without an answer.</summary>
    public void RecordFailure(Exception exception, int count, bool canceled = false, string instance = "SendGrid", string operation = "mail.send")
    {
        for (int i = 0; i < count; i++)
        {
            Recorder.Request(instance, instance, operation, VendorSloClassifier.Classify(null, exception, canceled), null, TimeSpan.FromSeconds(1));
        }
    }

    public VendorSloInstanceReport Instance(string name = "SendGrid", TimeSpan? window = null) =>
        Monitor.GetReport(window).Instances.Single(i => i.Instance == name);

    public void Dispose() => Monitor.Dispose();
}

/// <summary>Collects the events it is handed.</summary>
internal sealed class RecordingSloHandler : IVendorSloHandler
{
    public List<VendorSloEvent> Events { get; } = [];

    public Task HandleAsync(VendorSloEvent sloEvent, CancellationToken cancellationToken = default)
    {
        lock (Events)
        {
            Events.Add(sloEvent);
        }

        return Task.CompletedTask;
    }
}
