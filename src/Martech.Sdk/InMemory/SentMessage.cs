namespace Martech.Sdk;

/// <summary>A chat or SMS message an in-memory provider accepted, as <see cref="InMemoryMartechStore.SentMessages"/>
/// lists it.</summary>
/// <param name="MessageId">The message id the send returned, such as <c>"msg_1"</c>.</param>
/// <param name="Message">A copy of the message as it was when sent.</param>
/// <param name="RenderedText">What a plain-text channel would show: the message's text, then the card as
/// <see cref="MessageCard.ToPlainText"/> renders it, separated by a blank line.</param>
/// <param name="SentAt">When it was accepted, by the store's clock.</param>
public sealed record SentMessage(string MessageId, OutgoingMessage Message, string RenderedText, DateTimeOffset SentAt);
