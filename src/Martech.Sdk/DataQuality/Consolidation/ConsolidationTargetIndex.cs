namespace Martech.Sdk;

/// <summary>Target records by email and phone: the whole target's when it is listed at the start (leads, or contacts
/// matched by phone), otherwise the records written or planned so far, so two source records with one address make
/// one target record.</summary>
/// <remarks>An entry is the key (an <see cref="EmailAddress"/> or an E.164 string) and the target id: about 100 bytes
/// per target record.</remarks>
internal sealed class ConsolidationTargetIndex
{
    private readonly Dictionary<EmailAddress, string?> _emails = [];
    private readonly Dictionary<string, string?> _phones = new(StringComparer.Ordinal);

    public ConsolidationTargetIndex(bool full, bool phones)
    {
        Full = full;
        Phones = phones;
    }

    /// <summary>Whether the whole target is indexed (so a miss means the target has no such record).</summary>
    public bool Full { get; }

    /// <summary>Whether phones are matched.</summary>
    public bool Phones { get; }

    /// <summary>Adds a target record; an id of <see langword="null"/> is a record a dry run would create.</summary>
    public void Add(EmailAddress? email, PhoneNumber? phone, string? id)
    {
        if (email is { } address)
        {
            _emails.TryAdd(address, id);
        }

        if (Phones && phone is { } number)
        {
            _phones.TryAdd(number.Value, id);
        }
    }

    /// <summary>Finds a record: by email first, then by phone.</summary>
    public bool TryFind(EmailAddress? email, PhoneNumber? phone, out string? id, out string matchedBy)
    {
        if (email is { } address && _emails.TryGetValue(address, out id))
        {
            matchedBy = "email";
            return true;
        }

        if (Phones && phone is { } number && _phones.TryGetValue(number.Value, out id))
        {
            matchedBy = "phone";
            return true;
        }

        id = null;
        matchedBy = string.Empty;
        return false;
    }

    /// <summary>Forgets the records written so far, when they are only the page's (the target's own look-up covers the
    /// earlier pages).</summary>
    public void ClearPage()
    {
        if (!Full)
        {
            _emails.Clear();
            _phones.Clear();
        }
    }
}
