namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// An email as the vendor (the in-memory store or a vendor emulator) received it, for
/// <see cref="EmailSenderConformanceTests.GetDeliveredAsync"/>: only what every vendor records, so each provider's
/// test class can map its own record to it.
/// </summary>
/// <param name="MessageId">The id the vendor gave the message, as the send returned it.</param>
/// <param name="From">The sender's address.</param>
/// <param name="Recipients">Every recipient: to, cc and bcc.</param>
/// <param name="Subject">The subject; <see langword="null"/> when a template supplies it.</param>
/// <param name="TemplateId">The vendor template the message used, if any.</param>
public sealed record DeliveredEmail(string MessageId, EmailAddress From, IReadOnlyList<EmailAddress> Recipients, string? Subject, string? TemplateId);
