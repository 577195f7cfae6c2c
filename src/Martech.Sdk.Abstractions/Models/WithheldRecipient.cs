namespace Martech.Sdk;

/// <summary>A recipient a send was not made to, and why.</summary>
/// <param name="Recipient">The address or number, as text.</param>
/// <param name="Reason">A readable reason, such as "no email consent".</param>
/// <param name="Code">A stable code: <c>consent_missing</c>, <c>consent_denied</c>, <c>suppressed</c>, <c>contact_unknown</c>.</param>
public sealed record WithheldRecipient(string Recipient, string Reason, string Code);
