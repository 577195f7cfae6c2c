namespace Martech.Sdk;

/// <summary>Checks for values that end up in mail or HTTP headers.</summary>
internal static class HeaderValidation
{
    /// <summary>Throws when a value holds CR, LF or another control character (header injection).</summary>
    public static void ThrowIfHasLineBreak(string? value, string field)
    {
        if (value is null)
        {
            return;
        }

        foreach (char c in value)
        {
            if (c is '\r' or '\n' || (char.IsControl(c) && c != '\t'))
            {
                throw new ArgumentException($"'{field}' contains a line break or control character, which could inject headers.", field);
            }
        }
    }

    /// <summary>Whether a header name is an RFC 5322 field name: printable ASCII except colon and space.</summary>
    public static bool IsValidHeaderName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c <= ' ' || c >= 127 || c == ':')
            {
                return false;
            }
        }

        return true;
    }
}
