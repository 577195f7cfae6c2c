namespace Martech.Sdk;

/// <summary>What is wrong with a link's UTM parameters, as <see cref="TrackedLinks.Parse"/> reports it.</summary>
public enum UtmIssueKind
{
    /// <summary>The value was percent-encoded twice (<c>spring%2520sale</c>): analytics tools that decode once, as GA4
    /// does, record <c>spring%20sale</c>. The parsed value is the fully decoded one.</summary>
    DoubleEncoded,

    /// <summary>The parameter's name is not all lower case (<c>UTM_Source</c>): GA4 reads only <c>utm_source</c>. The
    /// parsed value is taken anyway.</summary>
    NameNotLowerCase,

    /// <summary>The parameter appears more than once; the first is taken, as GA4 does.</summary>
    Duplicate,

    /// <summary>The value differs from its normalised form (case, white space, Unicode form): reports count it apart
    /// from the normalised value.</summary>
    NotNormalized,

    /// <summary>The parameters are in the fragment (after <c>#</c>), where GA4 does not read them; they belong in the
    /// query, before the fragment. The parsed values are taken from the fragment.</summary>
    InFragment,

    /// <summary>The source or medium is not in the configured vocabulary (<see cref="TrackedLinkOptions.Sources"/>,
    /// <see cref="TrackedLinkOptions.Mediums"/>).</summary>
    OffConvention,

    /// <summary>The link has UTM parameters but lacks one a tracked link needs: <c>utm_id</c>, <c>utm_source</c> or
    /// <c>utm_medium</c>.</summary>
    Missing,

    /// <summary>A click's <c>utm_id</c> names another campaign than the send it was made in: the link was made for
    /// another campaign. The click is attributed to the send's campaign.</summary>
    CampaignMismatch,
}
