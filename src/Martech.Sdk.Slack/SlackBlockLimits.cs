namespace Martech.Sdk.Slack;

/// <summary>The Block Kit and <c>chat.postMessage</c> limits the Slack renderer keeps to, so Slack never answers
/// <c>invalid_blocks</c> or <c>msg_too_long</c> for a valid <see cref="OutgoingMessage"/>.</summary>
/// <remarks>Lengths count UTF-16 characters after <c>mrkdwn</c> escaping (<c>&amp;</c> → <c>&amp;amp;</c> counts five).</remarks>
public static class SlackBlockLimits
{
    /// <summary>The most blocks in one message (50).</summary>
    public const int MaxBlocks = 50;

    /// <summary>The longest <c>header</c> block text (150).</summary>
    public const int MaxHeaderText = 150;

    /// <summary>The longest <c>section</c> block text (3,000); longer card text is split over several sections.</summary>
    public const int MaxSectionText = 3000;

    /// <summary>The most fields in one <c>section</c> block (10); more fields go to further sections.</summary>
    public const int MaxSectionFields = 10;

    /// <summary>The longest text of one section field (2,000).</summary>
    public const int MaxFieldText = 2000;

    /// <summary>The most elements in one <c>actions</c> block (25); more links go to further actions blocks.</summary>
    public const int MaxActionsElements = 25;

    /// <summary>The longest button text (75).</summary>
    public const int MaxButtonText = 75;

    /// <summary>The longest button URL (3,000); a longer link is an error, since a cut URL would lead elsewhere.</summary>
    public const int MaxButtonUrl = 3000;

    /// <summary>The longest top-level <c>text</c> the renderer sends (40,000): Slack truncates longer messages.</summary>
    public const int MaxMessageText = 40_000;
}
