namespace Martech.Sdk;

/// <summary>What <see cref="CampaignAnalytics.RecordAll"/> or <see cref="CampaignAnalytics.RecordJsonLinesAsync"/> did
/// with a batch of events.</summary>
/// <param name="Events">Events read.</param>
/// <param name="Counted">Events that changed the stats.</param>
/// <param name="Duplicates">Redeliveries and facts already counted.</param>
/// <param name="Ignored">Events that count for nothing (no campaign id, not engagement).</param>
public sealed record CampaignAnalyticsIngestResult(long Events, long Counted, long Duplicates, long Ignored);
