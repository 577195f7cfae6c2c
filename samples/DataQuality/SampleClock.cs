namespace DataQualitySample;

/// <summary>The sample's clock: set by hand, so seeding can stamp each record with its own created and updated times
/// and the run happens at a fixed "now" (<see cref="SampleData.AsOf"/>), giving the same report on any day.</summary>
internal sealed class SampleClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
