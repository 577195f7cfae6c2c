namespace Martech.Sdk;

/// <summary>What a data-quality finding is about, as <see cref="ContactQualityChecker"/> reports it.</summary>
public enum DataQualityFindingKind
{
    /// <summary>The email address does not parse (kept by the provider as text in a custom field), or parses but cannot
    /// be delivered to: a top-level domain of one letter or of digits only, or a domain reserved for documentation and
    /// tests (RFC 2606: <c>example.com</c>, <c>example.net</c>, <c>example.org</c> and the top-level domains
    /// <c>.test</c>, <c>.example</c>, <c>.invalid</c>, <c>.localhost</c>; RFC 6762: <c>.local</c>).</summary>
    InvalidEmail,

    /// <summary>The email domain looks like a typo of a common mailbox provider's (<c>gmial.com</c>) or of <c>.com</c>,
    /// <c>.net</c>, <c>.org</c> (<c>.con</c>); the suggestion is the corrected address.</summary>
    EmailDomainTypo,

    /// <summary>The email address is at a disposable (throw-away) mailbox service.</summary>
    DisposableEmail,

    /// <summary>The email address is a role address (<c>info@</c>, <c>sales@</c>, <c>noreply@</c>): a team's mailbox,
    /// not a person's.</summary>
    RoleEmail,

    /// <summary>The phone number does not parse as E.164 (kept by the provider as text in a custom field), has the wrong
    /// length for its country (+1, +44), or is obviously fake (a fictional range, one digit repeated, a counting run).</summary>
    InvalidPhone,

    /// <summary>A required field is empty.</summary>
    MissingField,

    /// <summary>The record was last updated longer ago than the configured limit.</summary>
    StaleRecord,

    /// <summary>The record has no last-updated time, so whether it is stale cannot be told.</summary>
    MissingUpdatedAt,

    /// <summary>Consent is missing or cannot be proven: an email address with no email consent recorded, consent granted
    /// with no source or date, or a marketing lifecycle stage without granted email consent.</summary>
    ConsentGap,
}
