namespace Martech.Sdk.IntegrationTests.Emulators;

/// <summary>A clock the test sets and advances by hand (timers stay real: emulator delays use real time anyway).</summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public static DateTimeOffset DefaultStart { get; } = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
