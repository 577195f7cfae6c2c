using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// A suppression listing's continuation token: the list being read and the offset in it, written
/// <c>&lt;list&gt;:&lt;offset&gt;</c> (<c>bounces:1000</c>, <c>group.42:500</c>). SendGrid pages with offsets, so the token
/// is SendGrid's own cursor.
/// </summary>
/// <param name="Source">The position of the list among the listing's lists.</param>
/// <param name="Offset">The offset in that list.</param>
internal readonly record struct SendGridSuppressionToken(int Source, int Offset)
{
    public string Format(IReadOnlyList<SendGridSuppressionSource> sources) =>
        string.Concat(sources[Source].Name, ":", Offset.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads a token of a listing over <paramref name="sources"/>.</summary>
    /// <exception cref="ArgumentException">The token is malformed or belongs to a listing of other lists.</exception>
    public static SendGridSuppressionToken Parse(string token, IReadOnlyList<SendGridSuppressionSource> sources)
    {
        int colon = token.LastIndexOf(':');
        if (colon > 0 && int.TryParse(token.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
        {
            string name = token[..colon];
            for (int i = 0; i < sources.Count; i++)
            {
                if (string.Equals(sources[i].Name, name, StringComparison.Ordinal))
                {
                    return new SendGridSuppressionToken(i, offset);
                }
            }
        }

        throw Invalid(
            $"The continuation token '{token}' is not one this SendGrid suppression listing issued (expected '<list>:<offset>' for the lists {string.Join(", ", sources.Select(s => s.Name))}).",
            "continuationToken");
    }

    private static ArgumentException Invalid(string message, string paramName) => new(message, paramName);
}
