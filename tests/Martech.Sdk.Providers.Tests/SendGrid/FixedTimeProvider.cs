namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>A clock that stands still at a given time, for the scheduling limit.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
