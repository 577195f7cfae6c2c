namespace Martech.Sdk;

/// <summary>The similarity measures duplicate detection uses: Jaro-Winkler on names, a soft token Jaccard on companies,
/// and American Soundex as the phonetic code of blocking keys.</summary>
internal static class MatchSimilarity
{
    /// <summary>Jaro-Winkler similarity (prefix scale 0.1, common prefix up to 4), from 0 (nothing in common) to 1
    /// (equal). Both empty is 1; one empty is 0.</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        if (a.Length > b.Length)
        {
            ReadOnlySpan<char> t = a;
            a = b;
            b = t;
        }

        int window = Math.Max(0, (b.Length / 2) - 1);
        Span<bool> matchedB = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        Span<int> matchA = a.Length <= 256 ? stackalloc int[a.Length] : new int[a.Length];
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            matchA[i] = -1;
            int from = Math.Max(0, i - window);
            int to = Math.Min(b.Length - 1, i + window);
            for (int j = from; j <= to; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedB[j] = true;
                    matchA[i] = j;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        // Transpositions: matched characters of a, in order, against matched characters of b, in order.
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (matchA[i] < 0)
            {
                continue;
            }

            while (!matchedB[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        double jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        int prefix = 0;
        while (prefix < 4 && prefix < a.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>Company similarity: a soft Jaccard over the space-separated tokens of two normalised companies, where two
    /// tokens are the same when their Jaro-Winkler similarity is at least 0.9: matched ÷ (tokens of a + tokens of b −
    /// matched). Both empty is 1; one empty is 0.</summary>
    public static double CompanyTokens(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        int countA = 0, countB = 0, matched = 0;
        ulong usedB = 0; // tokens of b already matched (the first 64)
        foreach (Range ra in a.Split(' '))
        {
            ReadOnlySpan<char> ta = a[ra];
            countA++;
            int index = 0;
            foreach (Range rb in b.Split(' '))
            {
                ulong bit = index < 64 ? 1UL << index : 0;
                if ((usedB & bit) == 0 && JaroWinkler(ta, b[rb]) >= 0.9)
                {
                    usedB |= bit;
                    matched++;
                    break;
                }

                index++;
            }
        }

        foreach (Range _ in b.Split(' '))
        {
            countB++;
        }

        return matched / (double)(countA + countB - matched);
    }

    /// <summary>American Soundex of a normalised name: the first letter and three digits (<c>Smith</c>, <c>Smyth</c> →
    /// S530); digits in the name are ignored; empty when the name has no letter.</summary>
    public static string Soundex(ReadOnlySpan<char> name)
    {
        Span<char> code = stackalloc char[4];
        int length = 0;
        char last = '\0';
        foreach (char raw in name)
        {
            char c = char.ToLowerInvariant(raw);
            if (c is < 'a' or > 'z')
            {
                continue;
            }

            char digit = c switch
            {
                'b' or 'f' or 'p' or 'v' => '1',
                'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
                'd' or 't' => '3',
                'l' => '4',
                'm' or 'n' => '5',
                'r' => '6',
                'h' or 'w' => 'h',
                _ => '0', // vowels and y: separate equal codes
            };
            if (length == 0)
            {
                code[length++] = char.ToUpperInvariant(c);
                last = digit;
                continue;
            }

            if (digit == 'h')
            {
                continue; // h and w do not separate equal codes
            }

            if (digit != '0' && digit != last)
            {
                code[length++] = digit;
                if (length == 4)
                {
                    break;
                }
            }

            last = digit;
        }

        if (length == 0)
        {
            return string.Empty;
        }

        while (length < 4)
        {
            code[length++] = '0';
        }

        return new string(code);
    }
}
