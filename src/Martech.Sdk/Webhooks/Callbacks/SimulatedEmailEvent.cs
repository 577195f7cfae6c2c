namespace Martech.Sdk;

/// <summary>One thing that happens to a sent email in a simulation, before a test double writes it in its vendor's
/// format.</summary>
/// <param name="Type">Processed, delivered, bounced, opened, clicked, unsubscribed or spam report.</param>
/// <param name="Recipient">The recipient.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Sequence">A number unique within the send, for building stable event ids.</param>
/// <param name="Url">The clicked URL.</param>
/// <param name="Machine">Whether an open comes from Apple Mail Privacy Protection.</param>
internal sealed record SimulatedEmailEvent(EmailEventType Type, string Recipient, DateTimeOffset OccurredAt, int Sequence, Uri? Url = null, bool Machine = false);
