namespace Martech.Sdk;

/// <summary>
/// The naming convention of tracked links, bound from <c>Martech:Campaigns:Links</c> and validated when the host starts:
/// the vocabularies <c>utm_source</c> and <c>utm_medium</c> must come from, and whether vocabulary values are
/// lower-cased. Empty vocabularies (the default) accept any value.
/// </summary>
public sealed class TrackedLinkOptions
{
    /// <summary>The values <c>utm_source</c> may take, written in their normalised form (lower case unless
    /// <see cref="LowerCaseVocabularies"/> is off), such as <c>newsletter</c>, <c>partner</c>, <c>postcard</c>. Empty to
    /// accept any.</summary>
    public IReadOnlyList<string> Sources { get; set; } = [];

    /// <summary>The values <c>utm_medium</c> may take, such as <c>email</c>, <c>sms</c>, <c>print</c>, <c>cpc</c>.
    /// Empty to accept any.</summary>
    public IReadOnlyList<string> Mediums { get; set; } = [];

    /// <summary>Whether the values of the vocabulary parameters (<c>utm_source</c>, <c>utm_medium</c>,
    /// <c>utm_source_platform</c>, <c>utm_creative_format</c>, <c>utm_marketing_tactic</c>) are lower-cased, so
    /// <c>Email</c> and <c>email</c> do not show as two mediums. <c>utm_id</c>, <c>utm_campaign</c>, <c>utm_term</c>
    /// and <c>utm_content</c> always keep their case, and so does the rest of the URL.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool LowerCaseVocabularies { get; set; } = true;

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Campaigns:Links</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return VocabularyProblems(Sources, $"{configurationPath}:{nameof(Sources)}")
            .Concat(VocabularyProblems(Mediums, $"{configurationPath}:{nameof(Mediums)}"));
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(TrackedLinkOptions);

    private IEnumerable<string> VocabularyProblems(IReadOnlyList<string>? values, string path)
    {
        if (values is null)
        {
            yield return $"{path} must not be null; leave it empty to accept any value.";
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++)
        {
            string? value = values[i];
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{path}:{i} is empty: remove it or write a value such as 'email'.";
                continue;
            }

            if (UtmText.HasPercentEscape(value))
            {
                yield return $"{path}:{i} ('{value}') looks percent-encoded: write the text itself ('{UtmText.DecodeFully(value)}').";
                continue;
            }

            string normalized = UtmText.Normalize(value, LowerCaseVocabularies)!;
            if (!string.Equals(normalized, value, StringComparison.Ordinal))
            {
                yield return $"{path}:{i} ('{value}') is not in its normalised form, so no link would ever carry it: write '{normalized}'.";
            }
            else if (!seen.Add(value))
            {
                yield return $"{path}:{i} ('{value}') is listed twice.";
            }
        }
    }
}
