namespace Martech.Sdk.Postmark;

/// <summary>Which links Postmark rewrites to track clicks (its <c>TrackLinks</c> field).</summary>
public enum PostmarkLinkTracking
{
    /// <summary>No link tracking.</summary>
    None,

    /// <summary>Links in the HTML and the text body.</summary>
    HtmlAndText,

    /// <summary>Links in the HTML body only.</summary>
    HtmlOnly,

    /// <summary>Links in the text body only.</summary>
    TextOnly,
}
