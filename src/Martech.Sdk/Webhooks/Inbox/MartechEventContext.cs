namespace Martech.Sdk;

/// <summary>What a handler knows about the delivery of an event besides the event itself.</summary>
/// <param name="Key">The dedupe key, <c>provider:id</c>: the same on every delivery of the same event, so handlers can
/// be idempotent on it.</param>
/// <param name="Attempt">1 the first time handlers run for the event, 2 after one failure, and so on.</param>
/// <param name="ReceivedAt">When the inbox recorded it.</param>
public sealed record MartechEventContext(string Key, int Attempt, DateTimeOffset ReceivedAt);
