namespace Martech.Sdk.Testing;

/// <summary>A record of one of the <see cref="MailgunEmulator"/>'s suppression lists (bounces, unsubscribes or complaints).</summary>
/// <param name="Address">The address, lower-cased.</param>
/// <param name="Tags">For an unsubscribe, the tags the address left (<c>*</c> for all mail); empty otherwise.</param>
/// <param name="Code">For a bounce, the SMTP code (Mailgun's default is <c>550</c>).</param>
/// <param name="Error">For a bounce, the error text.</param>
/// <param name="CreatedAt">When the record was created.</param>
public sealed record MailgunSuppressionEntry(string Address, IReadOnlyList<string> Tags, string? Code, string? Error, DateTimeOffset CreatedAt);
