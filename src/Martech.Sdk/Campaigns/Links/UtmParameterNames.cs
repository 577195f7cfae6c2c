namespace Martech.Sdk;

/// <summary>The names of the nine UTM parameters Google Analytics 4 reads, written as GA4 reads them (lower case), in the
/// order <see cref="TrackedLinks"/> writes them.</summary>
public static class UtmParameterNames
{
    /// <summary><c>utm_id</c>: the campaign id, which ties a link to its campaign.</summary>
    public const string Id = "utm_id";

    /// <summary><c>utm_source</c>: who sends the visit, such as <c>newsletter</c> or <c>google</c>.</summary>
    public const string Source = "utm_source";

    /// <summary><c>utm_medium</c>: the kind of channel, such as <c>email</c>, <c>cpc</c> or <c>print</c>.</summary>
    public const string Medium = "utm_medium";

    /// <summary><c>utm_campaign</c>: the campaign's name.</summary>
    public const string Campaign = "utm_campaign";

    /// <summary><c>utm_source_platform</c>: the platform that directed the traffic, such as a buying platform.</summary>
    public const string SourcePlatform = "utm_source_platform";

    /// <summary><c>utm_term</c>: the paid keyword.</summary>
    public const string Term = "utm_term";

    /// <summary><c>utm_content</c>: which link or creative was clicked, to tell links in one message apart.</summary>
    public const string Content = "utm_content";

    /// <summary><c>utm_creative_format</c>: the creative's format, such as <c>banner</c> or <c>postcard</c>.</summary>
    public const string CreativeFormat = "utm_creative_format";

    /// <summary><c>utm_marketing_tactic</c>: the targeting tactic, such as <c>remarketing</c> or <c>prospecting</c>.</summary>
    public const string MarketingTactic = "utm_marketing_tactic";

    /// <summary>All nine, in the order links are written.</summary>
    public static IReadOnlyList<string> All { get; } = [Id, Source, Medium, Campaign, SourcePlatform, Term, Content, CreativeFormat, MarketingTactic];
}
