using System.Globalization;
using System.Text;

namespace Martech.Sdk;

/// <summary>How duplicate detection normalises values before comparing them: email (lower-cased, +tags and Gmail dots
/// by option), names (lower-cased, accents folded, letters only, nicknames mapped to one given name), companies (legal
/// suffixes stripped), and the 64-bit hashes the compact records keep instead of text.</summary>
internal static class MatchText
{
    // Free-mail domains: a shared domain says nothing about the person's employer, and would make an explosive block.
    internal static readonly FrozenSetOfStrings FreeMailDomains = new(
    [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it",
        "ymail.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "outlook.com", "live.com",
        "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
        "gmx.com", "web.de", "mail.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com",
        "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "t-online.de", "orange.fr", "free.fr", "laposte.net",
        "libero.it", "btinternet.com", "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "rediffmail.com",
    ]);

    // Trailing legal-form tokens stripped from company names ("Acme Widgets GmbH" = "Acme Widgets").
    private static readonly FrozenSetOfStrings LegalSuffixes = new(
    [
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "gmbh", "mbh", "ag", "kg", "sa", "sas", "sarl", "sl",
        "bv", "nv", "plc", "corp", "corporation", "co", "company", "pty", "srl", "spa", "oy", "ab", "as", "aps", "se",
        "kk", "pte", "pvt", "holding", "holdings", "group",
    ]);

    // Nickname → the given name it is short for, so Bill and William compare (and block) as one name.
    private static readonly Dictionary<string, string> Nicknames = BuildNicknames(
        ("william", "bill billy will willy liam"), ("robert", "bob bobby rob robbie bert"),
        ("richard", "dick rick ricky rich richie"), ("james", "jim jimmy jamie"), ("michael", "mike mikey mick"),
        ("thomas", "tom tommy"), ("anthony", "tony"), ("david", "dave davy"), ("daniel", "dan danny"),
        ("joseph", "joe joey"), ("christopher", "chris kit"), ("matthew", "matt"), ("nicholas", "nick nicky"),
        ("steven", "steve stephen stevie"), ("andrew", "andy drew"), ("alexander", "alex sasha"),
        ("benjamin", "ben benny"), ("samuel", "sam sammy"), ("edward", "ed eddie ted teddy"),
        ("charles", "chuck charlie chaz"), ("gregory", "greg"), ("jeffrey", "jeff geoffrey"),
        ("john", "jon johnny jack"), ("lawrence", "larry laurence"), ("patrick", "pat paddy"), ("peter", "pete"),
        ("philip", "phil phillip"), ("ronald", "ron ronnie"), ("timothy", "tim timmy"), ("gerald", "jerry gerry"),
        ("kenneth", "ken kenny"), ("katherine", "kate katie kathy cathy catherine kathryn"),
        ("elizabeth", "liz lizzie beth betty eliza"), ("jennifer", "jen jenny"), ("susan", "sue susie"),
        ("margaret", "maggie peggy meg"), ("patricia", "patty trish tricia"), ("rebecca", "becky"),
        ("deborah", "debbie deb"), ("cynthia", "cindy"), ("amanda", "mandy"), ("abigail", "abby"),
        ("victoria", "vicky tori"), ("jessica", "jess jessie"), ("sandra", "sandy"), ("barbara", "barb"),
        ("frederick", "fred freddie"), ("donald", "don donnie"), ("raymond", "ray"), ("leonard", "leo len lenny"),
        ("francis", "frank frankie"), ("henry", "hank harry"), ("albert", "al"), ("eugene", "gene"),
        ("vincent", "vince vinny"), ("zachary", "zach zack"), ("nathaniel", "nate nat nathan"),
        ("theodore", "theo"), ("josephine", "josie"), ("christina", "tina"), ("valentina", "vale"));

    /// <summary>The email address as duplicates compare it: lower-cased; the <c>+tag</c> of the local part removed when
    /// <paramref name="stripPlusTags"/>; for gmail.com and googlemail.com (one domain to Gmail) the dots of the local
    /// part removed when <paramref name="foldGmailDots"/>.</summary>
    public static string NormaliseEmail(EmailAddress email, bool stripPlusTags, bool foldGmailDots, out string domain)
    {
        domain = email.Domain;
        string local = email.LocalPart.ToLowerInvariant();
        if (stripPlusTags)
        {
            int plus = local.IndexOf('+', StringComparison.Ordinal);
            if (plus > 0)
            {
                local = local[..plus];
            }
        }

        if (domain is "googlemail.com")
        {
            domain = "gmail.com";
        }

        if (foldGmailDots && domain is "gmail.com" && local.Contains('.', StringComparison.Ordinal))
        {
            local = local.Replace(".", string.Empty, StringComparison.Ordinal);
        }

        return string.Concat(local, "@", domain);
    }

    /// <summary>A name as compared: lower-case letters and digits only, accents folded (é → e, ß → ss, ø → o).</summary>
    public static string NormaliseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        bool ascii = true;
        foreach (char c in name)
        {
            if (c > 127)
            {
                ascii = false;
                break;
            }
        }

        string source = ascii ? name : name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(source.Length);
        foreach (char c in source)
        {
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }
            else
            {
                AppendFolded(builder, c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A given name as compared: <see cref="NormaliseName"/>, then a nickname mapped to its full name.</summary>
    public static string NormaliseFirstName(string? name)
    {
        string normalised = NormaliseName(name);
        return Nicknames.TryGetValue(normalised, out string? full) ? full : normalised;
    }

    /// <summary>A company as compared: tokens of lower-case letters and digits (accents folded, <c>&amp;</c> and
    /// punctuation as separators) joined by one space, trailing legal forms (Inc, Ltd, GmbH, LLC, …) and a leading
    /// "the" removed while another token remains.</summary>
    public static string NormaliseCompany(string? company)
    {
        if (string.IsNullOrWhiteSpace(company))
        {
            return string.Empty;
        }

        var tokens = new List<string>(4);
        var token = new StringBuilder();
        string source = company.Normalize(NormalizationForm.FormD);
        foreach (char c in source)
        {
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    token.Append(char.ToLowerInvariant(c));
                }
                else if (c is '.' or '\'')
                {
                    continue; // "L.L.C." and "O'Neil's" stay one token.
                }
                else if (token.Length > 0)
                {
                    tokens.Add(token.ToString());
                    token.Clear();
                }
            }
            else if (char.IsWhiteSpace(c) && token.Length > 0)
            {
                tokens.Add(token.ToString());
                token.Clear();
            }
            else
            {
                AppendFolded(token, c);
            }
        }

        if (token.Length > 0)
        {
            tokens.Add(token.ToString());
        }

        while (tokens.Count > 1 && LegalSuffixes.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        if (tokens.Count > 1 && tokens[0] == "the")
        {
            tokens.RemoveAt(0);
        }

        return string.Join(' ', tokens);
    }

    /// <summary>A 64-bit hash of text (FNV-1a with a final avalanche); never 0, which means "no value". Two different
    /// values share a hash with probability about 2⁻⁶⁴ per pair.</summary>
    public static ulong Hash(ReadOnlySpan<char> text) => Finish(Add(Seed, text));

    /// <summary>A 64-bit hash of several parts, with the rule as the first part so keys of two rules never meet.</summary>
    public static ulong Hash(int rule, ReadOnlySpan<char> a, ReadOnlySpan<char> b = default, ReadOnlySpan<char> c = default)
    {
        ulong h = Seed ^ (ulong)(rule + 1) * 0x9E3779B97F4A7C15UL;
        h = Add(h, a);
        h = Add((h ^ 0x1F) * Prime, b);
        h = Add((h ^ 0x1F) * Prime, c);
        return Finish(h);
    }

    private const ulong Seed = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private static ulong Add(ulong h, ReadOnlySpan<char> text)
    {
        foreach (char ch in text)
        {
            h = (h ^ ch) * Prime;
        }

        return h;
    }

    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h == 0 ? 1 : h;
    }

    private static void AppendFolded(StringBuilder builder, char c)
    {
        switch (c)
        {
            case 'ß': builder.Append("ss"); return;
            case 'æ' or 'Æ': builder.Append("ae"); return;
            case 'œ' or 'Œ': builder.Append("oe"); return;
            case 'ø' or 'Ø': builder.Append('o'); return;
            case 'đ' or 'Đ': builder.Append('d'); return;
            case 'ł' or 'Ł': builder.Append('l'); return;
            case 'þ' or 'Þ': builder.Append("th"); return;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            return;
        }

        if (char.IsLetterOrDigit(c))
        {
            builder.Append(char.ToLowerInvariant(c));
        }
    }

    private static Dictionary<string, string> BuildNicknames(params (string Full, string Short)[] names)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string full, string shorts) in names)
        {
            foreach (string nickname in shorts.Split(' '))
            {
                map.TryAdd(nickname, full);
            }
        }

        return map;
    }
}

/// <summary>A read-only set of lower-case strings, looked up by span.</summary>
internal sealed class FrozenSetOfStrings
{
    private readonly HashSet<string> _set;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FrozenSetOfStrings(IEnumerable<string> values)
    {
        _set = new HashSet<string>(values, StringComparer.Ordinal);
        _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<char> value) => _lookup.Contains(value);

    public FrozenSetOfStrings With(IEnumerable<string> more) => new(_set.Concat(more.Select(m => m.Trim().ToLowerInvariant())));
}
