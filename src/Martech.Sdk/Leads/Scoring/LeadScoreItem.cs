namespace Martech.Sdk;

/// <summary>One line of a score's explanation: a rule that counted, what triggered it, and its points before and after
/// the frequency cap and decay.</summary>
public sealed record LeadScoreItem
{
    /// <summary>The rule's name.</summary>
    public required string Rule { get; init; }

    /// <summary>Fit or engagement.</summary>
    public required LeadScoreDimension Dimension { get; init; }

    /// <summary>The rule's group, where it has one.</summary>
    public string? Group { get; init; }

    /// <summary>What triggered it: the field and its value (<c>JobTitle 'VP Marketing' contains 'VP'</c>) or the event
    /// (<c>email clicked https://example.com/pricing (campaign spring)</c>).</summary>
    public required string Trigger { get; init; }

    /// <summary>The event's key (<c>provider/id</c>) for engagement; <see langword="null"/> for fit.</summary>
    public string? EventKey { get; init; }

    /// <summary>When the event happened, for engagement.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The rule's points.</summary>
    public required double Points { get; init; }

    /// <summary>The points left after the rule's frequency cap (equal to <see cref="Points"/> when no cap cut).</summary>
    public required double AfterCap { get; init; }

    /// <summary>The points left after decay: what this line adds before group and dimension caps.</summary>
    public required double AfterDecay { get; init; }

    /// <summary>Why the frequency cap cut, such as <c>cap: 3 a day reached</c>; <see langword="null"/> when it did not.</summary>
    public string? CapReason { get; init; }
}
