using Martech.Sdk;

namespace SlaMonitorSample;

/// <summary>What part 1 showed: each lead's clock at the end, every transition the monitor raised, every card the chat
/// provider recorded, what the extra pass did, the volume results, and what broke "once per transition" (nothing).</summary>
internal sealed record SlaStoryOutcome(
    IReadOnlyList<StoryLeadClock> Leads,
    IReadOnlyList<StoryTransition> Transitions,
    IReadOnlyList<StoryCard> Cards,
    int ExtraPassTransitions,
    int ExtraPassCards,
    IReadOnlyList<SlaVolumeResult> Volumes,
    IReadOnlyList<string> Problems);

/// <summary>A lead of the story and its clock under the policy at the end.</summary>
internal sealed record StoryLeadClock(string Name, string Id, string Source, SlaClock Clock);

/// <summary>A transition raised by a pass: which lead, what, when it happened and which pass raised it.</summary>
internal sealed record StoryTransition(string Lead, string ItemId, SlaTransitionKind Kind, DateTimeOffset OccurredAt, DateTimeOffset RaisedAt);

/// <summary>An escalation card as the in-memory chat provider recorded it.</summary>
internal sealed record StoryCard(string Lead, string ItemId, SlaTransitionKind? Kind, string Title, string Text, DateTimeOffset SentAt)
{
    public static StoryCard From(SentMessage message, IReadOnlyDictionary<string, string> names)
    {
        MessageCard? card = message.Message.Card;
        string item = card?.Fields.FirstOrDefault(f => f.Label == "Item")?.Value ?? string.Empty;
        string id = item.StartsWith("lead ", StringComparison.Ordinal) ? item["lead ".Length..] : item;
        string title = card?.Title ?? message.RenderedText;
        SlaTransitionKind? kind = title.StartsWith("SLA at risk", StringComparison.Ordinal) ? SlaTransitionKind.AtRisk
            : title.StartsWith("SLA breached", StringComparison.Ordinal) ? SlaTransitionKind.Breached
            : title.StartsWith("SLA met", StringComparison.Ordinal) ? SlaTransitionKind.Met
            : null;
        return new StoryCard(names.GetValueOrDefault(id, id), id, kind, title, card?.Text ?? string.Empty, message.SentAt);
    }
}
