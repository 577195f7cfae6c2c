namespace Martech.Sdk.Testing;

/// <summary>What <see cref="MessyContacts"/> changed in a copy of a person's record.</summary>
[Flags]
public enum MessyContactChanges
{
    /// <summary>Nothing: the person's first record.</summary>
    None = 0,

    /// <summary>The email's local part in another case, with spaces around the address (the parser trims them).</summary>
    EmailCase = 1 << 0,

    /// <summary>Dots removed from or added to a Gmail local part.</summary>
    GmailDots = 1 << 1,

    /// <summary>A <c>+tag</c> added to the local part.</summary>
    PlusTag = 1 << 2,

    /// <summary>The phone written another way before parsing (<c>+1 (415) 555-0123</c>, <c>00 1 415 555 0123</c>).</summary>
    PhoneFormat = 1 << 3,

    /// <summary>The given name replaced by a nickname (William → Bill).</summary>
    Nickname = 1 << 4,

    /// <summary>A typo in the first or last name: two letters swapped, one dropped, doubled or replaced.</summary>
    NameTypo = 1 << 5,

    /// <summary>A name in capitals or lower case, or with its accents dropped.</summary>
    NameCase = 1 << 6,

    /// <summary>The company's legal suffix changed (Inc → Inc., LLC, none) or the name in capitals.</summary>
    CompanySuffix = 1 << 7,

    /// <summary>No email.</summary>
    MissingEmail = 1 << 8,

    /// <summary>No phone.</summary>
    MissingPhone = 1 << 9,

    /// <summary>No company.</summary>
    MissingCompany = 1 << 10,

    /// <summary>The copy lives in another provider instance than the person's first record.</summary>
    OtherInstance = 1 << 11,
}
