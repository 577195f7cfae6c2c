namespace Martech.Sdk;

/// <summary>The stable codes a send is withheld with, in <see cref="WithheldRecipient.Code"/> and
/// <see cref="BulkItemError.Code"/>.</summary>
public static class ConsentCodes
{
    /// <summary>The contact has no consent record for the channel.</summary>
    public const string Missing = "consent_missing";

    /// <summary>The contact denied or withdrew consent.</summary>
    public const string Denied = "consent_denied";

    /// <summary>The contact's opt-in is not confirmed yet (double opt-in pending).</summary>
    public const string Pending = "consent_pending";

    /// <summary>No contact record was found to check consent against.</summary>
    public const string UnknownContact = "contact_unknown";

    /// <summary>The address is on the email vendor's suppression list (bounced, blocked, reported spam,
    /// unsubscribed).</summary>
    public const string Suppressed = "suppressed";

    /// <summary>The whole message was withheld because none of its To recipients may receive it.</summary>
    public const string AllRecipientsWithheld = "all_recipients_withheld";
}
