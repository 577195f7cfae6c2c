using System.Text.Json;

namespace Martech.Sdk;

/// <summary>Mailgun's three suppression lists and how the SDK's kinds map onto them.</summary>
internal static class MailgunSuppressionKinds
{
    public const string Bounces = "bounces";
    public const string Unsubscribes = "unsubscribes";
    public const string Complaints = "complaints";

    /// <summary>The tag of an unsubscribe from all of the domain's mail.</summary>
    public const string AllTag = "*";

    /// <summary>The lists in listing order.</summary>
    public static readonly string[] All = [Bounces, Unsubscribes, Complaints];

    /// <summary>The list a kind lives in; <see langword="null"/> when Mailgun has no such list.</summary>
    public static string? ListOf(SuppressionKind kind) =>
        kind == SuppressionKind.Bounce ? Bounces
        : kind == SuppressionKind.Unsubscribe || kind == SuppressionKind.GroupUnsubscribe ? Unsubscribes
        : kind == SuppressionKind.SpamReport ? Complaints
        : null;

    /// <summary>Checks one item of an add or remove: its list and, for unsubscribes, its tag.</summary>
    /// <returns>The list and tag, or the reason the item cannot be applied.</returns>
    public static (string? List, string? Tag, BulkItemError? Error) Resolve(EmailSuppression? item, int index)
    {
        if (item is null)
        {
            return (null, null, new BulkItemError($"The suppression at index {index} is null.", MailgunFailure.NullItemCode));
        }

        if (item.Email.IsEmpty)
        {
            return (null, null, new BulkItemError($"The suppression at index {index} has no email address.", MailgunFailure.InvalidItemCode, nameof(EmailSuppression.Email)));
        }

        if (ListOf(item.Kind) is not { } list)
        {
            return (null, null, new BulkItemError(
                $"Mailgun has no '{item.Kind}' suppression list; it keeps bounces, unsubscribes (for all mail or per tag) and complaints (SuppressionKind.Bounce, Unsubscribe, GroupUnsubscribe, SpamReport).",
                MailgunFailure.UnsupportedKindCode,
                nameof(EmailSuppression.Kind)));
        }

        if (item.Kind == SuppressionKind.GroupUnsubscribe)
        {
            if (string.IsNullOrWhiteSpace(item.GroupId) || item.GroupId == AllTag)
            {
                return (null, null, new BulkItemError(
                    "A Mailgun group unsubscribe needs EmailSuppression.GroupId: the tag the address unsubscribed from (not '*', which is SuppressionKind.Unsubscribe).",
                    MailgunFailure.InvalidItemCode,
                    nameof(EmailSuppression.GroupId)));
            }

            return (list, item.GroupId, null);
        }

        if (item.GroupId is not null)
        {
            return (null, null, new BulkItemError(
                $"EmailSuppression.GroupId applies only to SuppressionKind.GroupUnsubscribe, not to '{item.Kind}'.",
                MailgunFailure.InvalidItemCode,
                nameof(EmailSuppression.GroupId)));
        }

        return (list, list == Unsubscribes ? AllTag : null, null);
    }

    /// <summary>Maps one record of a list to the suppressions it holds: one, or one per tag for an unsubscribe.</summary>
    /// <returns><see langword="false"/> when the record's address is not a valid email address.</returns>
    public static bool TryMap(string list, MailgunSuppressionRecord record, List<EmailSuppression> into)
    {
        if (!EmailAddress.TryParse(record.Address, out EmailAddress email))
        {
            return false;
        }

        DateTimeOffset? createdAt = MailgunDates.TryParse(record.CreatedAt, out DateTimeOffset parsed) ? parsed : null;
        JsonElement raw = JsonSerializer.SerializeToElement(record, MailgunJsonContext.Wire.MailgunSuppressionRecord);
        switch (list)
        {
            case Bounces:
                into.Add(new EmailSuppression { Email = email, Kind = SuppressionKind.Bounce, Reason = string.IsNullOrEmpty(record.Error) ? null : record.Error, CreatedAt = createdAt, Raw = raw });
                break;
            case Complaints:
                into.Add(new EmailSuppression { Email = email, Kind = SuppressionKind.SpamReport, CreatedAt = createdAt, Raw = raw });
                break;
            default:
                bool any = false;
                if (record.Tags is { } tags)
                {
                    foreach (string tag in tags)
                    {
                        if (!string.IsNullOrEmpty(tag))
                        {
                            into.Add(Unsubscribe(email, tag, createdAt, raw));
                            any = true;
                        }
                    }
                }

                if (!any)
                {
                    into.Add(Unsubscribe(email, string.IsNullOrEmpty(record.Tag) ? AllTag : record.Tag, createdAt, raw));
                }

                break;
        }

        return true;
    }

    private static EmailSuppression Unsubscribe(EmailAddress email, string tag, DateTimeOffset? createdAt, JsonElement raw) =>
        tag == AllTag
            ? new EmailSuppression { Email = email, Kind = SuppressionKind.Unsubscribe, CreatedAt = createdAt, Raw = raw }
            : new EmailSuppression { Email = email, Kind = SuppressionKind.GroupUnsubscribe, GroupId = tag, CreatedAt = createdAt, Raw = raw };
}
