namespace CampaignReportSample;

/// <summary>The report's "now": a fixed instant (the last recorded event's time), so the same file gives the same
/// report on any day.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
