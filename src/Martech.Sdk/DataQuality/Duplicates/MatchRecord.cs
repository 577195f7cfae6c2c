namespace Martech.Sdk;

/// <summary>A contact's values as duplicate detection compares them (see <see cref="MatchText"/>), and the keys of the
/// blocking rules computed from them.</summary>
internal readonly struct MatchRecord
{
    private MatchRecord(string? email, string? domain, string? phone, string first, string last, string company)
    {
        Email = email;
        Domain = domain;
        Phone = phone;
        First = first;
        Last = last;
        Company = company;
    }

    public string? Email { get; }

    public string? Domain { get; }

    public string? Phone { get; }

    public string First { get; }

    public string Last { get; }

    public string Company { get; }

    public static MatchRecord Of(Contact contact, DuplicateDetectionOptions options)
    {
        string? email = null, domain = null;
        if (contact.Email is { IsEmpty: false } address)
        {
            email = MatchText.NormaliseEmail(address, options.StripPlusTags, options.FoldGmailDots, out string d);
            domain = d;
        }

        string? phone = contact.Phone is { IsEmpty: false } number ? number.Value : null;
        return new MatchRecord(
            email,
            domain,
            phone,
            Clip(MatchText.NormaliseFirstName(contact.FirstName)),
            Clip(MatchText.NormaliseName(contact.LastName)),
            Clip(MatchText.NormaliseCompany(contact.Company)));
    }

    /// <summary>How many keys a rule gives one record at most.</summary>
    public static int KeysPerRecord(DuplicateBlockingRule rule) => rule == DuplicateBlockingRule.NameGramsAndCompany ? 2 : 1;

    /// <summary>Writes the record's keys of a rule (0 where it has none) and, when asked, their text.</summary>
    public void Keys(DuplicateBlockingRule rule, FrozenSetOfStrings freeMail, Span<ulong> keys, List<(ulong Key, string Text)>? texts = null)
    {
        keys.Clear();
        int r = (int)rule;
        switch (rule)
        {
            case DuplicateBlockingRule.Email when Email is not null:
                keys[0] = MatchText.Hash(Email);
                texts?.Add((keys[0], "email=" + Email));
                break;
            case DuplicateBlockingRule.Phone when Phone is not null:
                keys[0] = MatchText.Hash(Phone);
                texts?.Add((keys[0], "phone=" + Phone));
                break;
            case DuplicateBlockingRule.EmailDomainAndLastName when Domain is not null && Last.Length > 0 && !freeMail.Contains(Domain):
            {
                string last = MatchSimilarity.Soundex(Last);
                keys[0] = MatchText.Hash(r, Domain, last);
                texts?.Add((keys[0], $"domain={Domain} last name~{last}"));
                break;
            }

            case DuplicateBlockingRule.NameAndCompany when Last.Length > 0 && First.Length > 0 && Company.Length > 0:
            {
                string last = MatchSimilarity.Soundex(Last);
                keys[0] = MatchText.Hash(r, last, First.AsSpan(0, 1), Company);
                texts?.Add((keys[0], $"last name~{last} first initial={First[0]} company={Company}"));
                break;
            }

            case DuplicateBlockingRule.NameGramsAndCompany when Last.Length >= 3 && Company.Length > 0:
            {
                (int first, int second) = SmallestGrams(Last);
                keys[0] = MatchText.Hash(r, Last.AsSpan(first, 3), Company);
                texts?.Add((keys[0], $"last name 3-gram={Last.Substring(first, 3)} company={Company}"));
                if (second >= 0)
                {
                    keys[1] = MatchText.Hash(r, Last.AsSpan(second, 3), Company);
                    texts?.Add((keys[1], $"last name 3-gram={Last.Substring(second, 3)} company={Company}"));
                }

                break;
            }
        }
    }

    // The start of the two distinct 3-grams with the smallest hashes (-1 when there is only one distinct 3-gram).
    private static (int First, int Second) SmallestGrams(string text)
    {
        int first = -1, second = -1;
        ulong h1 = ulong.MaxValue, h2 = ulong.MaxValue;
        for (int i = 0; i + 3 <= text.Length; i++)
        {
            ulong h = MatchText.Hash(text.AsSpan(i, 3));
            if (h == h1 || h == h2)
            {
                continue;
            }

            if (h < h1)
            {
                (second, h2) = (first, h1);
                (first, h1) = (i, h);
            }
            else if (h < h2)
            {
                (second, h2) = (i, h);
            }
        }

        return (first, second);
    }

    private static string Clip(string text) => text.Length <= byte.MaxValue ? text : text[..byte.MaxValue];
}
