namespace Martech.Sdk;

/// <summary>An email an in-memory provider accepted, as <see cref="InMemoryMartechStore.SentEmails"/> lists it.</summary>
/// <param name="MessageId">The message id the send returned, such as <c>"em_1"</c>.</param>
/// <param name="Message">A copy of the message as it was when sent; later changes to the caller's instance do not
/// show here.</param>
/// <param name="SentAt">When it was accepted, by the store's clock.</param>
public sealed record SentEmail(string MessageId, EmailMessage Message, DateTimeOffset SentAt);
