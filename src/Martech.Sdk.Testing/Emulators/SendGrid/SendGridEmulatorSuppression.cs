namespace Martech.Sdk.Testing;

/// <summary>
/// An entry of a <see cref="SendGridEmulator"/>'s suppression lists.
/// </summary>
/// <param name="List">The list: <c>bounces</c>, <c>blocks</c>, <c>spam_reports</c>, <c>invalid_emails</c>,
/// <c>unsubscribes</c> (global) or <c>groups</c> (one unsubscribe group; see <paramref name="GroupId"/>).</param>
/// <param name="Email">The address, as it was added.</param>
/// <param name="Created">When it was added, by the emulator's clock.</param>
/// <param name="Reason">The <c>reason</c> of a bounce, block or invalid email.</param>
/// <param name="Status">The <c>status</c> (enhanced SMTP code) of a bounce or block.</param>
/// <param name="Ip">The <c>ip</c> of a spam report.</param>
/// <param name="GroupId">The unsubscribe group of a group unsubscribe.</param>
public sealed record SendGridEmulatorSuppression(
    string List,
    string Email,
    DateTimeOffset Created,
    string? Reason = null,
    string? Status = null,
    string? Ip = null,
    int? GroupId = null);
