namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// A chat or SMS message as the vendor (the in-memory store or a vendor emulator) received it, for
/// <see cref="MessageSenderConformanceTests.GetDeliveredAsync"/>: only what every vendor records, so each provider's
/// test class can map its own record to it.
/// </summary>
/// <param name="MessageId">The id the vendor gave the message, as the send returned it.</param>
/// <param name="Kind">The kind of destination it went to.</param>
/// <param name="DestinationId">The destination's id (the E.164 number for a phone number).</param>
/// <param name="ThreadId">The thread it was posted in, if any.</param>
/// <param name="Content">Every piece of text the vendor received, in any order: the message text and the card's
/// rendering (title, text, field labels and values), as the vendor's format carries them.</param>
public sealed record DeliveredMessage(string MessageId, MessageDestinationKind Kind, string DestinationId, string? ThreadId, string Content);
