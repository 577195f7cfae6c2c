namespace Martech.Sdk;

// What the quality report checks in a phone number that parsed as E.164: the length and leading digits of North
// American (+1) and UK (+44) numbers, the ranges both reserve for fiction, and numbers no one owns (the last seven
// digits one digit repeated, or a counting run such as 1234567).
internal static class PhoneChecks
{
    /// <summary>Why the number is not a real one, with a suggestion when one can be told; null reason when it looks real.</summary>
    public static (string? Reason, string? Suggestion) Check(string e164)
    {
        ReadOnlySpan<char> digits = e164.AsSpan(1);
        if (digits[0] == '1')
        {
            return NorthAmerican(digits[1..]);
        }

        if (digits.StartsWith("44"))
        {
            (string? reason, string? suggestion) = British(digits[2..]);
            if (reason is not null)
            {
                return (reason, suggestion);
            }
        }

        ReadOnlySpan<char> last7 = digits[^7..];
        if (!last7.ContainsAnyExcept(last7[0]))
        {
            return ($"its last seven digits are all '{last7[0]}': not a number anyone owns.", null);
        }

        if (IsCountingRun(last7))
        {
            return ($"its last seven digits count up ({last7}): a placeholder, not a number anyone owns.", null);
        }

        return (null, null);
    }

    private static (string?, string?) NorthAmerican(ReadOnlySpan<char> national)
    {
        if (national.Length != 10)
        {
            return ($"a number with country code +1 has 10 digits after it; this one has {national.Length}.", null);
        }

        if (national[0] is '0' or '1')
        {
            return ($"the area code {national[..3]} starts with {national[0]}; North American area codes start with 2 to 9.", null);
        }

        if (national[3] is '0' or '1')
        {
            return ($"the exchange {national[3..6]} starts with {national[3]}; North American exchanges start with 2 to 9.", null);
        }

        if (national[3..6].SequenceEqual("555") && national[6..8].SequenceEqual("01"))
        {
            return ("555-0100 to 555-0199 are reserved for fiction (films, examples): no one can be reached there.", null);
        }

        ReadOnlySpan<char> last7 = national[3..];
        if (!last7.ContainsAnyExcept(last7[0]))
        {
            return ($"its last seven digits are all '{last7[0]}': not a number anyone owns.", null);
        }

        return IsCountingRun(last7) ? ($"its last seven digits count up ({last7}): a placeholder, not a number anyone owns.", null) : (null, null);
    }

    private static (string?, string?) British(ReadOnlySpan<char> national)
    {
        if (national.Length > 0 && national[0] == '0')
        {
            return ("a UK number written with +44 drops its leading 0 (the trunk prefix).", "+44" + national[1..].ToString());
        }

        if (national.Length is not (9 or 10))
        {
            return ($"a number with country code +44 has 9 or 10 digits after it; this one has {national.Length}.", null);
        }

        // Ofcom's ranges for drama: mobile 07700 900000-900999, London 020 7946 0000-0999.
        if (national.StartsWith("7700900") || national.StartsWith("2079460"))
        {
            return ("the number is in a range Ofcom reserves for drama (07700 900xxx, 020 7946 0xxx): no one can be reached there.", null);
        }

        return (null, null);
    }

    private static bool IsCountingRun(ReadOnlySpan<char> digits)
    {
        for (int i = 1; i < digits.Length; i++)
        {
            if (digits[i] != (char)('0' + ((digits[i - 1] - '0' + 1) % 10)))
            {
                return false;
            }
        }

        return true;
    }
}
