namespace Martech.Sdk.Pipedrive;

/// <summary>Records whether an operation got as far as sending a write, so a failure after that point is reported as
/// an unknown outcome rather than a failure.</summary>
internal sealed class PipedriveWriteTracker
{
    private volatile bool _started;

    /// <summary>Whether a write request was sent (or was about to be).</summary>
    public bool WriteStarted => _started;

    /// <summary>Marks the write as started; called just before it is sent.</summary>
    public void Start() => _started = true;
}
