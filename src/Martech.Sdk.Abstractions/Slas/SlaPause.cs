namespace Martech.Sdk;

/// <summary>One pause of an SLA clock.</summary>
/// <param name="PausedAt">When it paused.</param>
/// <param name="ResumedAt">When it resumed (or stopped); <see langword="null"/> while still paused.</param>
public sealed record SlaPause(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt);
