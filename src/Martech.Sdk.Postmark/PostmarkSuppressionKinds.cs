namespace Martech.Sdk.Postmark;

/// <summary>
/// How Postmark's suppression reasons map to <see cref="SuppressionKind"/>: <c>HardBounce</c> →
/// <see cref="SuppressionKind.Bounce"/>, <c>SpamComplaint</c> → <see cref="SuppressionKind.SpamReport"/>,
/// <c>ManualSuppression</c> from the recipient (an unsubscribe link) → <see cref="SuppressionKind.Unsubscribe"/>,
/// <c>ManualSuppression</c> added by you or Postmark (origin <c>Customer</c> or <c>Admin</c>) →
/// <see cref="SuppressionKind.Manual"/>; any other reason is kept as its own kind.
/// </summary>
internal static class PostmarkSuppressionKinds
{
    public const string HardBounce = "HardBounce";
    public const string SpamComplaint = "SpamComplaint";
    public const string ManualSuppression = "ManualSuppression";
    public const string RecipientOrigin = "Recipient";

    /// <summary>The kind of a Postmark suppression.</summary>
    public static SuppressionKind KindOf(string? reason, string? origin)
    {
        if (string.Equals(reason, HardBounce, StringComparison.OrdinalIgnoreCase))
        {
            return SuppressionKind.Bounce;
        }

        if (string.Equals(reason, SpamComplaint, StringComparison.OrdinalIgnoreCase))
        {
            return SuppressionKind.SpamReport;
        }

        if (string.Equals(reason, ManualSuppression, StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(origin, RecipientOrigin, StringComparison.OrdinalIgnoreCase) ? SuppressionKind.Unsubscribe : SuppressionKind.Manual;
        }

        return string.IsNullOrWhiteSpace(reason) ? SuppressionKind.Manual : new SuppressionKind(reason);
    }

    /// <summary>Whether Postmark keeps suppressions of this kind at all (others are never listed or found).</summary>
    public static bool Exists(SuppressionKind kind) =>
        kind != SuppressionKind.Block && kind != SuppressionKind.InvalidEmail && kind != SuppressionKind.GroupUnsubscribe;

    /// <summary>The dump filter for a kind: Postmark's <c>SuppressionReason</c> and <c>Origin</c>, where one narrows it.</summary>
    public static (string? Reason, string? Origin) FilterOf(SuppressionKind kind)
    {
        if (kind == SuppressionKind.Bounce)
        {
            return (HardBounce, null);
        }

        if (kind == SuppressionKind.SpamReport)
        {
            return (SpamComplaint, null);
        }

        if (kind == SuppressionKind.Unsubscribe)
        {
            return (ManualSuppression, RecipientOrigin);
        }

        // Manual is ManualSuppression from Customer or Admin, which one Origin filter cannot say: filtered here.
        return kind == SuppressionKind.Manual ? (ManualSuppression, null) : (null, null);
    }

    /// <summary>Why an add of this kind cannot be done; <see langword="null"/> when it can. Postmark's API adds only
    /// manual suppressions; bounces, spam complaints and unsubscribes are recorded by Postmark itself.</summary>
    public static string? CannotAdd(SuppressionKind kind) =>
        kind == SuppressionKind.Manual
            ? null
            : Exists(kind)
                ? $"Postmark's API adds only manual suppressions (ManualSuppression, origin Customer), which the SDK reports as SuppressionKind.Manual; {kind} suppressions are recorded by Postmark itself. Add the address with SuppressionKind.Manual."
                : $"Postmark has no {kind} suppression list; add the address with SuppressionKind.Manual.";
}
