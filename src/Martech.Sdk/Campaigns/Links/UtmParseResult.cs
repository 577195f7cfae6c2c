namespace Martech.Sdk;

/// <summary>What a link's UTM parameters say and what is wrong with them, as <see cref="TrackedLinks.Parse"/> reads
/// them.</summary>
/// <param name="Utm">The values found (decoded; a double-encoded value decoded fully), or <see langword="null"/> when
/// the link has no UTM parameter.</param>
/// <param name="Issues">The problems found, in the order of the link's parameters; empty for a clean link.</param>
public sealed record UtmParseResult(UtmParameters? Utm, IReadOnlyList<UtmIssue> Issues)
{
    /// <summary>Whether the link carries any of the nine UTM parameters.</summary>
    public bool HasUtm => Utm is not null;
}
