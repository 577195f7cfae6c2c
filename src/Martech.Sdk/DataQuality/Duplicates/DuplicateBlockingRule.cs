namespace Martech.Sdk;

/// <summary>A blocking rule of duplicate detection: records are compared only with records that share a key of one of
/// the rules. Configuration names them (<c>Martech:DataQuality:Duplicates:BlockingRules</c>).</summary>
public enum DuplicateBlockingRule
{
    /// <summary>The normalised email address (see <see cref="DuplicateDetectionOptions.StripPlusTags"/> and
    /// <see cref="DuplicateDetectionOptions.FoldGmailDots"/>).</summary>
    Email,

    /// <summary>The phone number (E.164).</summary>
    Phone,

    /// <summary>The email domain with the Soundex code of the last name; records at a free-mail domain (gmail.com,
    /// outlook.com, … and <see cref="DuplicateDetectionOptions.FreeMailDomains"/>) get no key, since a shared free-mail
    /// domain would put millions of people in one block.</summary>
    EmailDomainAndLastName,

    /// <summary>The Soundex code of the last name, the first letter of the given name (nicknames mapped: Bill → W) and
    /// the normalised company (legal suffixes stripped: Acme Inc = ACME); all three are needed.</summary>
    NameAndCompany,

    /// <summary>Character 3-grams of the last name with the normalised company: each record gets
    /// two keys, the two 3-grams of its last name with the smallest hashes (a min-hash, so a one-letter typo usually
    /// leaves one of them in place). Catches typos that change the Soundex code; blocks grow with how common a 3-gram is
    /// within a company.</summary>
    NameGramsAndCompany,
}
