using System.Globalization;

namespace Martech.Sdk.Testing;

/// <summary>Salesforce record ids as the emulator makes them: a 3-character key prefix, a 2-character instance code, a
/// 10-digit sequence (so ids sort in creation order) and the 3-character case-safe suffix Salesforce computes.</summary>
internal static class EmulatorSalesforceIds
{
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    public static string Create(string keyPrefix, long sequence) =>
        To18(keyPrefix + "5E" + sequence.ToString("D10", CultureInfo.InvariantCulture));

    public static bool IsWellFormed(string? id)
    {
        if (id is null || (id.Length != 15 && id.Length != 18))
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The 18-character form of a well-formed id (an 18-character id is returned as it is).</summary>
    public static string To18(string id)
    {
        if (id.Length == 18)
        {
            return id;
        }

        Span<char> suffix = stackalloc char[3];
        for (int chunk = 0; chunk < 3; chunk++)
        {
            int bits = 0;
            for (int i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = SuffixAlphabet[bits];
        }

        return id + new string(suffix);
    }

    /// <summary>The case-sensitive 15-character key that identifies a record whichever form is given.</summary>
    public static string Key(string id) => id.Length > 15 ? id[..15] : id;
}
