using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// One SendGrid suppression list as a listing reads it: its name in continuation tokens, the kind it holds, its path,
/// and whether SendGrid pages it (<c>limit</c>/<c>offset</c>, at most 500) or returns it whole (unsubscribe groups).
/// </summary>
/// <param name="Name">The name in continuation tokens, such as <c>bounces</c> or <c>group.123</c>.</param>
/// <param name="Kind">The kind its entries are.</param>
/// <param name="Path">The list's path relative to the base address.</param>
/// <param name="Paged">Whether SendGrid pages it with <c>limit</c> and <c>offset</c>.</param>
/// <param name="GroupId">The unsubscribe group, for a single group's list.</param>
internal sealed record SendGridSuppressionSource(string Name, SuppressionKind Kind, string Path, bool Paged, string? GroupId = null)
{
    /// <summary>The largest page SendGrid serves.</summary>
    public const int MaxPageSize = 500;

    public static readonly SendGridSuppressionSource Bounces = new("bounces", SuppressionKind.Bounce, "v3/suppression/bounces", Paged: true);

    public static readonly SendGridSuppressionSource Blocks = new("blocks", SuppressionKind.Block, "v3/suppression/blocks", Paged: true);

    public static readonly SendGridSuppressionSource SpamReports = new("spam_reports", SuppressionKind.SpamReport, "v3/suppression/spam_reports", Paged: true);

    public static readonly SendGridSuppressionSource InvalidEmails = new("invalid_emails", SuppressionKind.InvalidEmail, "v3/suppression/invalid_emails", Paged: true);

    public static readonly SendGridSuppressionSource Unsubscribes = new("unsubscribes", SuppressionKind.Unsubscribe, "v3/suppression/unsubscribes", Paged: true);

    /// <summary>Every group unsubscribe of every group (<c>GET /v3/asm/suppressions</c>, not paged).</summary>
    public static readonly SendGridSuppressionSource GroupUnsubscribes = new("asm", SuppressionKind.GroupUnsubscribe, "v3/asm/suppressions", Paged: false);

    /// <summary>The lists whose single-address endpoints (<c>{path}/{email}</c>) return entries, in the order
    /// <see cref="IEmailSuppressionList.FindAsync"/> reports them.</summary>
    public static readonly IReadOnlyList<SendGridSuppressionSource> EntryLists = [Bounces, Blocks, SpamReports, InvalidEmails];

    /// <summary>The unsubscribes of one group (<c>GET /v3/asm/groups/{id}/suppressions</c>, addresses only, not paged).</summary>
    public static SendGridSuppressionSource Group(string groupId) =>
        new($"group.{groupId}", SuppressionKind.GroupUnsubscribe, $"v3/asm/groups/{groupId}/suppressions", Paged: false, groupId);

    /// <summary>The lists a listing reads, in order.</summary>
    /// <param name="options">The listing's kind and group.</param>
    /// <returns>The lists; empty for a kind SendGrid keeps no list of.</returns>
    /// <exception cref="ArgumentException">The group id is not a SendGrid unsubscribe group id.</exception>
    public static IReadOnlyList<SendGridSuppressionSource> For(SuppressionListOptions? options)
    {
        SuppressionKind? kind = options?.Kind;
        if (options?.GroupId is { } groupId && (kind is null || kind == SuppressionKind.GroupUnsubscribe))
        {
            return [Group(ParseGroupId(groupId, "SuppressionListOptions.GroupId"))];
        }

        if (kind is not { } wanted)
        {
            return [Bounces, Blocks, SpamReports, InvalidEmails, Unsubscribes, GroupUnsubscribes];
        }

        return wanted == SuppressionKind.Bounce ? [Bounces]
            : wanted == SuppressionKind.Block ? [Blocks]
            : wanted == SuppressionKind.SpamReport ? [SpamReports]
            : wanted == SuppressionKind.InvalidEmail ? [InvalidEmails]
            : wanted == SuppressionKind.Unsubscribe ? [Unsubscribes]
            : wanted == SuppressionKind.GroupUnsubscribe ? [GroupUnsubscribes]
            : [];
    }

    /// <summary>Checks that a group id is a positive integer, as SendGrid's unsubscribe group ids are.</summary>
    /// <param name="groupId">The id.</param>
    /// <param name="field">The field named in the error.</param>
    /// <returns>The id, normalised.</returns>
    /// <exception cref="ArgumentException">The id is not a positive integer.</exception>
    public static string ParseGroupId(string? groupId, string field)
    {
        if (TryParseGroupId(groupId, out string? normalised))
        {
            return normalised;
        }

        throw new ArgumentException($"'{field}' must be a SendGrid unsubscribe group id, a positive integer (was '{groupId}').", field);
    }

    /// <summary>Tries to read a group id as a positive integer.</summary>
    public static bool TryParseGroupId(string? groupId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normalised)
    {
        normalised = null;
        if (groupId is null || !long.TryParse(groupId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long id) || id <= 0)
        {
            return false;
        }

        normalised = id.ToString(CultureInfo.InvariantCulture);
        return true;
    }
}
