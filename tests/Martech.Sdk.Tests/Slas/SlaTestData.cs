using System.Globalization;

namespace Martech.Sdk.Tests.Slas;

/// <summary>Short ways to write instants, events and items in SLA tests.</summary>
internal static class SlaTestData
{
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static SlaItemEvent Created(string at, string status = "new", string? priority = null, string? owner = null) =>
        new() { Type = SlaItemEventType.Created, OccurredAt = At(at), Status = status, Priority = priority, OwnerId = owner };

    public static SlaItemEvent Status(string at, string status) => new() { Type = SlaItemEventType.StatusChanged, OccurredAt = At(at), Status = status };

    public static SlaItemEvent Event(SlaItemEventType type, string at) => new() { Type = type, OccurredAt = At(at) };

    public static SlaItem Lead(params SlaItemEvent[] history) => new(SlaItemKind.Lead, "L1", history);

    public static SlaItem Conversation(params SlaItemEvent[] history) => new(SlaItemKind.Conversation, "C1", history);

    public static SlaPolicy FirstTouch(TimeSpan target, string? calendar = null) =>
        new() { Name = "first-touch", Metric = SlaMetric.TimeToFirstTouch, Target = target, Calendar = calendar };
}
