using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Builds links tagged with the nine GA4 UTM parameters and tied to a campaign id (<c>utm_id</c>), reads them back with
/// what is wrong with them, checks them against the naming convention (<see cref="TrackedLinkOptions"/>), and
/// attributes clicks and landing visits to their campaign.
/// </summary>
/// <remarks>
/// <para>Normalisation: each value is trimmed and every run of white space inside it becomes one space; the vocabulary
/// parameters (<c>utm_source</c>, <c>utm_medium</c>, <c>utm_source_platform</c>, <c>utm_creative_format</c>,
/// <c>utm_marketing_tactic</c>) are lower-cased (invariant culture) unless
/// <see cref="TrackedLinkOptions.LowerCaseVocabularies"/> is off; <c>utm_id</c>, <c>utm_campaign</c>, <c>utm_term</c> and
/// <c>utm_content</c> keep their case, and so does the rest of the URL. A value left empty is not written.</para>
/// <para>Encoding: values are encoded exactly once (UTF-8; everything but <c>A–Z a–z 0–9 - . _ ~</c> percent-encoded, so
/// a space is <c>%20</c> and <c>+</c> is <c>%2B</c>). A value that already holds a percent escape is refused rather
/// than encoded a second time. Parameter names are matched ignoring case and written in lower case.</para>
/// <para>Thread-safe; one instance serves the application (<c>AddTrackedLinks()</c> registers it).</para>
/// </remarks>
public sealed class TrackedLinks
{
    private readonly TrackedLinkOptions _options;
    private readonly string _path;
    private readonly HashSet<string> _sources;
    private readonly HashSet<string> _mediums;

    /// <summary>Creates links without a naming convention: any source and medium, vocabulary values lower-cased.</summary>
    public TrackedLinks()
        : this(new TrackedLinkOptions())
    {
    }

    /// <summary>Creates links with a naming convention.</summary>
    /// <param name="options">The convention.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public TrackedLinks(TrackedLinkOptions options)
        : this(options, nameof(TrackedLinkOptions))
    {
    }

    internal TrackedLinks(TrackedLinkOptions options, string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate(configurationPath).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _path = configurationPath;
        _sources = new HashSet<string>(options.Sources, StringComparer.Ordinal);
        _mediums = new HashSet<string>(options.Mediums, StringComparer.Ordinal);
    }

    /// <summary>
    /// Tags a destination with UTM parameters. The destination's scheme, host, path, query parameters (in their order and
    /// their encoding) and fragment are kept; any of the nine UTM parameters it already has, in any case, are replaced,
    /// so the link carries exactly the ones given, written after the other parameters and before the fragment.
    /// </summary>
    /// <param name="destination">An absolute http or https URL. Characters that may not stand in a URL (spaces,
    /// non-ASCII) are percent-encoded; existing escapes are kept.</param>
    /// <param name="utm">The parameters, as plain text. <see cref="UtmParameters.Id"/> (the campaign id),
    /// <see cref="UtmParameters.Source"/> and <see cref="UtmParameters.Medium"/> are required.</param>
    /// <returns>The link, and the normalised parameters it carries.</returns>
    /// <exception cref="ArgumentException">The destination is not an absolute http(s) URL; a required parameter is
    /// missing; a value holds a percent escape (it looks encoded already) or a control character; or the source or
    /// medium is not in the configured vocabulary. The message names the parameter.</exception>
    public TrackedLink Create(Uri destination, UtmParameters utm)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(utm);
        if (!destination.IsAbsoluteUri || (destination.Scheme != Uri.UriSchemeHttps && destination.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The destination must be an absolute http or https URL (was '{destination.OriginalString}').", nameof(destination));
        }

        UtmParameters normalized = new();
        foreach (string name in UtmParameterNames.All)
        {
            normalized = normalized.With(name, NormalizeForLink(name, utm[name], nameof(utm)));
        }

        foreach (string name in (ReadOnlySpan<string>)[UtmParameterNames.Id, UtmParameterNames.Source, UtmParameterNames.Medium])
        {
            if (normalized[name] is null)
            {
                throw new ArgumentException($"{name} is required: set {nameof(UtmParameters)}.{PropertyOf(name)} (the campaign id goes in {nameof(UtmParameters.Id)}).", nameof(utm));
            }
        }

        CheckVocabulary(UtmParameterNames.Source, normalized.Source!, _sources, nameof(TrackedLinkOptions.Sources), nameof(utm));
        CheckVocabulary(UtmParameterNames.Medium, normalized.Medium!, _mediums, nameof(TrackedLinkOptions.Mediums), nameof(utm));

        (string head, string? query, string? fragment) = UtmQuery.Split(UtmText.EscapeIllegal(AsciiHost(destination)));
        var url = new StringBuilder(head.Length + (query?.Length ?? 0) + 160);
        url.Append(head).Append('?');
        bool first = true;
        if (query is not null)
        {
            foreach (UtmQuery.Pair pair in UtmQuery.Read(query))
            {
                if (pair.UtmIndex >= 0 || (pair.Segment.Length == 0 && first))
                {
                    continue;
                }

                url.Append(first ? string.Empty : "&").Append(pair.Segment);
                first = false;
            }
        }

        foreach (string name in UtmParameterNames.All)
        {
            if (normalized[name] is { } value)
            {
                url.Append(first ? string.Empty : "&").Append(name).Append('=').Append(UtmText.Encode(value));
                first = false;
            }
        }

        if (fragment is not null)
        {
            url.Append('#').Append(fragment);
        }

        return new TrackedLink(url.ToString(), normalized);
    }

    /// <summary>
    /// Reads a link's UTM parameters (names matched ignoring case, values decoded once, as GA4 does) and reports what is
    /// wrong: double encoding, names not in lower case, duplicates, values not in their normalised form, parameters in
    /// the fragment, a source or medium outside the convention, a missing <c>utm_id</c>, source or medium.
    /// </summary>
    /// <param name="url">An absolute URL or a relative one (a landing page's path and query).</param>
    /// <returns>The parameters and the issues; <see cref="UtmParseResult.HasUtm"/> is <see langword="false"/> for a link
    /// without any.</returns>
    public UtmParseResult Parse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        (_, string? query, string? fragment) = UtmQuery.Split(url.OriginalString);
        var issues = new List<UtmIssue>();
        List<UtmQuery.Pair> pairs = query is null ? [] : UtmQuery.Read(query);
        bool inFragment = false;
        if (!pairs.Exists(p => p.UtmIndex >= 0) && fragment is not null)
        {
            // Only name=value pairs: a fragment that is just an anchor named like a parameter is not one.
            pairs = UtmQuery.Read(UtmQuery.FragmentQuery(fragment)).FindAll(p => p.RawValue is not null);
            inFragment = pairs.Exists(p => p.UtmIndex >= 0);
        }

        UtmParameters? utm = null;
        foreach (UtmQuery.Pair pair in pairs)
        {
            if (pair.UtmIndex < 0)
            {
                continue;
            }

            string name = UtmParameterNames.All[pair.UtmIndex];
            string raw = pair.RawValue ?? string.Empty;
            if (inFragment)
            {
                issues.Add(new UtmIssue(UtmIssueKind.InFragment, name, raw, $"{name} is in the fragment (after '#'), where GA4 does not read it: put the UTM parameters in the query, before the '#'."));
            }

            if (!string.Equals(UtmText.Decode(pair.RawName), name, StringComparison.Ordinal))
            {
                issues.Add(new UtmIssue(UtmIssueKind.NameNotLowerCase, name, raw, $"The parameter is written '{UtmText.Decode(pair.RawName)}': GA4 reads only '{name}'."));
            }

            utm ??= new UtmParameters();
            if (utm[name] is not null)
            {
                issues.Add(new UtmIssue(UtmIssueKind.Duplicate, name, raw, $"{name} appears more than once; the first ('{utm[name]}') is taken and '{UtmText.Decode(raw)}' ignored."));
                continue;
            }

            string once = UtmText.Decode(raw);
            string value = UtmText.DecodeFully(once);
            if (value != once)
            {
                issues.Add(new UtmIssue(UtmIssueKind.DoubleEncoded, name, raw, $"{name} is percent-encoded more than once ('{raw}'): tools that decode once, as GA4 does, record '{once}' instead of '{value}'. Encode the value once."));
            }

            bool vocabulary = UtmNames.IsVocabulary[pair.UtmIndex];
            string? normalized = UtmText.Normalize(value, vocabulary && _options.LowerCaseVocabularies);
            if (normalized is not null && normalized != value)
            {
                issues.Add(new UtmIssue(UtmIssueKind.NotNormalized, name, raw, $"{name} '{value}' is not in its normalised form '{normalized}': reports count the two apart."));
            }

            utm = utm.With(name, value);
        }

        if (utm is not null)
        {
            foreach (string name in (ReadOnlySpan<string>)[UtmParameterNames.Id, UtmParameterNames.Source, UtmParameterNames.Medium])
            {
                if (string.IsNullOrWhiteSpace(utm[name]))
                {
                    issues.Add(new UtmIssue(UtmIssueKind.Missing, name, null, $"{name} is missing: a tracked link carries the campaign id (utm_id), utm_source and utm_medium."));
                }
            }

            OffConvention(UtmParameterNames.Source, utm.Source, _sources, nameof(TrackedLinkOptions.Sources), issues);
            OffConvention(UtmParameterNames.Medium, utm.Medium, _mediums, nameof(TrackedLinkOptions.Mediums), issues);
        }

        return new UtmParseResult(utm, issues);
    }

    /// <summary>Attributes a landing visit to its campaign: by the URL's <c>utm_id</c>, else (with no campaign id) by its
    /// <c>utm_campaign</c> name.</summary>
    /// <param name="landingUrl">The URL the visitor landed on, absolute or relative.</param>
    /// <returns>The attribution, or <see langword="null"/> when the URL names no campaign.</returns>
    public CampaignAttribution? Attribute(Uri landingUrl)
    {
        UtmParseResult parsed = Parse(landingUrl);
        return FromUtm(parsed.Utm, parsed.Issues);
    }

    /// <summary>Attributes an email event, a click above all, to its campaign. A click belongs to the campaign of the send
    /// it was made in (<see cref="MartechEvent.CampaignId"/>), as the event analytics count it; when the send carried
    /// none, the clicked URL's <c>utm_id</c> (or <c>utm_campaign</c> name) decides. A <c>utm_id</c> that names another
    /// campaign than the send is reported (<see cref="UtmIssueKind.CampaignMismatch"/>).</summary>
    /// <param name="emailEvent">The event; its <see cref="EmailEvent.Url"/> is read when it has one.</param>
    /// <returns>The attribution, or <see langword="null"/> when neither the event nor its URL names a campaign.</returns>
    public CampaignAttribution? Attribute(EmailEvent emailEvent)
    {
        ArgumentNullException.ThrowIfNull(emailEvent);
        UtmParseResult parsed = emailEvent.Url is { } url ? Parse(url) : new UtmParseResult(null, []);
        string? sendCampaign = string.IsNullOrWhiteSpace(emailEvent.CampaignId) ? null : emailEvent.CampaignId;
        if (sendCampaign is null)
        {
            return FromUtm(parsed.Utm, parsed.Issues);
        }

        IReadOnlyList<UtmIssue> issues = parsed.Issues;
        if (parsed.Utm?.Id is { } linkCampaign && !string.Equals(linkCampaign.Trim(), sendCampaign, StringComparison.Ordinal))
        {
            issues = [.. issues, new UtmIssue(UtmIssueKind.CampaignMismatch, UtmParameterNames.Id, linkCampaign, $"The clicked link carries utm_id '{linkCampaign}' but was sent in campaign '{sendCampaign}': make the campaign's links with its own id.")];
        }

        return new CampaignAttribution(sendCampaign, CampaignAttributionBasis.EventCampaignId, parsed.Utm, issues);
    }

    private static CampaignAttribution? FromUtm(UtmParameters? utm, IReadOnlyList<UtmIssue> issues)
    {
        if (utm?.Id?.Trim() is { Length: > 0 } id)
        {
            return new CampaignAttribution(id, CampaignAttributionBasis.UtmId, utm, issues);
        }

        return string.IsNullOrWhiteSpace(utm?.Campaign) ? null : new CampaignAttribution(null, CampaignAttributionBasis.UtmCampaignName, utm, issues);
    }

    /// <summary>The destination as written, with an international host name in its ASCII (punycode) form, which every
    /// client and QR reader handles.</summary>
    private static string AsciiHost(Uri destination)
    {
        string url = destination.OriginalString.Trim();
        string host = destination.Host;
        if (Ascii.IsValid(host))
        {
            return url;
        }

        int at = url.IndexOf(host, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? url : string.Concat(url.AsSpan(0, at), destination.IdnHost, url.AsSpan(at + host.Length));
    }

    private static string PropertyOf(string name) => name switch
    {
        UtmParameterNames.Id => nameof(UtmParameters.Id),
        UtmParameterNames.Source => nameof(UtmParameters.Source),
        _ => nameof(UtmParameters.Medium),
    };

    private string? NormalizeForLink(string name, string? value, string paramName)
    {
        if (value is null)
        {
            return null;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c) && !char.IsWhiteSpace(c))
            {
                throw new ArgumentException($"{name} holds a control character (U+{(int)c:X4}); remove it.", paramName);
            }
        }

        if (UtmText.HasPercentEscape(value))
        {
            throw new ArgumentException($"{name} '{value}' holds a percent escape, so it looks encoded already: pass the text itself ('{UtmText.DecodeFully(value)}'); links encode values exactly once.", paramName);
        }

        return UtmText.Normalize(value, UtmNames.IsVocabulary[UtmNames.IndexOf(name)] && _options.LowerCaseVocabularies);
    }

    private void CheckVocabulary(string name, string value, HashSet<string> allowed, string setting, string paramName)
    {
        if (allowed.Count > 0 && !allowed.Contains(value))
        {
            throw new ArgumentException($"{name} '{value}' is not in the naming convention ({_path}:{setting}: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}): use one of those or add it there.", paramName);
        }
    }

    private void OffConvention(string name, string? value, HashSet<string> allowed, string setting, List<UtmIssue> issues)
    {
        string? normalized = UtmText.Normalize(value, _options.LowerCaseVocabularies);
        if (allowed.Count > 0 && normalized is not null && !allowed.Contains(normalized))
        {
            issues.Add(new UtmIssue(UtmIssueKind.OffConvention, name, value, $"{name} '{value}' is not in the naming convention ({_path}:{setting}: {string.Join(", ", allowed.Order(StringComparer.Ordinal))})."));
        }
    }
}
