namespace Martech.Sdk;

/// <summary>What the monitor has notified about a clock: in which cycle, the last transition (none while only seen
/// pending), and whether it saw the cycle closed (stopped or cancelled), after which nothing more is notified for it.</summary>
/// <param name="Cycle">The clock's cycle.</param>
/// <param name="Notified">The last transition notified; <see langword="null"/> for none.</param>
/// <param name="Closed">Whether the cycle was seen closed.</param>
public sealed record SlaNotificationState(int Cycle, SlaTransitionKind? Notified, bool Closed);
