namespace Martech.Sdk;

/// <summary>Looks UTM parameter names up ignoring case.</summary>
internal static class UtmNames
{
    /// <summary>The parameters whose values come from a vocabulary (a source, a medium, a platform, a format, a tactic):
    /// lower-cased by the default policy, so <c>Email</c> and <c>email</c> do not split a report.</summary>
    public static readonly bool[] IsVocabulary = [false, true, true, false, true, false, false, true, true];

    /// <summary>The position of a name in <see cref="UtmParameterNames.All"/>, ignoring case; -1 when it is not one.</summary>
    public static int IndexOf(string? name)
    {
        if (name is null)
        {
            return -1;
        }

        IReadOnlyList<string> all = UtmParameterNames.All;
        for (int i = 0; i < all.Count; i++)
        {
            if (string.Equals(all[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
