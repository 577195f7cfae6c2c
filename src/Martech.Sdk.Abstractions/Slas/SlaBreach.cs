namespace Martech.Sdk;

/// <summary>A breach of an SLA: which item, whose, under which policy, when it was due and how late it is.</summary>
public sealed record SlaBreach
{
    /// <summary>The policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>The item's kind.</summary>
    public required SlaItemKind ItemKind { get; init; }

    /// <summary>The item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>The item's owner, where it has one.</summary>
    public string? OwnerId { get; init; }

    /// <summary>When it was due (and so breached).</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>How late, in wall-clock time, when it was detected (or when it was stopped late).</summary>
    public required TimeSpan OverdueBy { get; init; }

    /// <summary>Whether the item is still waiting (the clock is open) or was handled late.</summary>
    public bool IsOpen { get; init; }

    /// <summary>Builds a breach from a breached clock.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="item">Its item.</param>
    /// <returns>The breach.</returns>
    /// <exception cref="ArgumentException">The clock is not breached.</exception>
    public static SlaBreach From(SlaClock clock, SlaItem item)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(item);
        if (clock.Status != SlaClockStatus.Breached || clock.BreachedAt is not { } due)
        {
            throw new ArgumentException($"The clock of {clock.ItemKind} '{clock.ItemId}' under '{clock.Policy}' is {clock.Status}, not breached.", nameof(clock));
        }

        return new SlaBreach
        {
            Policy = clock.Policy,
            ItemKind = clock.ItemKind,
            ItemId = clock.ItemId,
            OwnerId = item.OwnerId,
            DueAt = due,
            OverdueBy = clock.OverdueBy ?? TimeSpan.Zero,
            IsOpen = clock.IsOpen,
        };
    }
}
