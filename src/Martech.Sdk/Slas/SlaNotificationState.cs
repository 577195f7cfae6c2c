namespace Martech.Sdk;

/// <summary>What the monitor has notified about a clock: in which cycle, the last transition (none while only seen
/// pending), whether it saw the cycle closed (stopped or cancelled), after which nothing more is notified for it, and
/// whether the last transition's escalation is still to be sent.</summary>
/// <param name="Cycle">The clock's cycle.</param>
/// <param name="Notified">The last transition notified; <see langword="null"/> for none.</param>
/// <param name="Closed">Whether the cycle was seen closed.</param>
/// <param name="SendClaimedAt">When a monitor claimed the escalation of <paramref name="Notified"/> and has not yet
/// settled it (an outbox entry): <see langword="null"/> when sent or nothing is to be sent;
/// <see cref="DateTimeOffset.MinValue"/> when a send failed and the next pass retries it; otherwise the claim's instant,
/// retried by any monitor once <see cref="SlaEscalationOptions.ClaimTimeout"/> has passed (the claimant stopped or
/// crashed mid-send).</param>
public sealed record SlaNotificationState(int Cycle, SlaTransitionKind? Notified, bool Closed, DateTimeOffset? SendClaimedAt = null);
