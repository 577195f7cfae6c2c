using BenchmarkDotNet.Attributes;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Ingesting 1,000,000 email events into <see cref="CampaignAnalytics"/> (target: at least 250,000 events a second on
/// this 2-core machine), over 10,000 and over 100,000 distinct recipients: ten campaigns, sends spread over 90 days,
/// each send's processed and delivered events, machine and human opens, clicks (some by link scanners), unsubscribes;
/// 5 % of the events are redeliveries of earlier ones and 10 % arrive out of order. Mean is the time for all
/// 1,000,000, so events a second = 1,000,000 ÷ Mean in seconds (the target: Mean ≤ 4 s). The baseline is the counting loop the in-memory
/// provider had before the engine: string-keyed hash sets for exactly-once and for unique recipients per campaign and
/// metric, with no time slots (it answers only "all time"). The memory the engine keeps after the ingest is written to
/// the log (<c>// retained</c>) by the set-up.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class CampaignAnalyticsBenchmarks
{
    private const int Campaigns = 10;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private EmailEvent[] _events = [];

    /// <summary>Events ingested per call: 1,000,000, and 20,000 in the smoke run.</summary>
    public static int EventCount => Smoke.IsOn ? 20_000 : 1_000_000;

    /// <summary>Distinct recipients.</summary>
    [ParamsSource(nameof(RecipientCounts))]
    public int Recipients { get; set; }

    public static IEnumerable<int> RecipientCounts() => Smoke.Sizes(10_000, 100_000);

    [GlobalSetup]
    public void Setup()
    {
        _events = Generate(EventCount, Recipients, seed: 42);

        // What the engine keeps, measured once: the retained heap and the engine's own estimate.
        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var analytics = new CampaignAnalytics();
        CampaignAnalyticsIngestResult result = analytics.RecordAll(_events);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        CampaignAnalyticsUsage usage = analytics.Usage;
        Console.WriteLine(
            $"// retained: {Recipients:N0} recipients, {_events.Length:N0} events ({result.Counted:N0} counted, {result.Duplicates:N0} duplicates): " +
            $"{(after - before) / 1024.0 / 1024.0:F1} MB measured, {usage.EstimatedBytes / 1024.0 / 1024.0:F1} MB estimated; " +
            $"{usage.RecipientCampaigns:N0} recipient-campaigns, {usage.RecipientSlots:N0} recipient-slots, {usage.CampaignSlots:N0} campaign-slots, {usage.RememberedKeys:N0} event keys");
        GC.KeepAlive(analytics);

        // The same events received as a live webhook feed: in the order they happened, each arriving when it happened,
        // so the dedupe window (72 h of arrivals) holds a few days of keys instead of all of them.
        EmailEvent[] inTimeOrder = [.. _events.OrderBy(e => e.OccurredAt)];
        var clock = new Martech.Sdk.Testing.ManualTimeProvider(inTimeOrder[0].OccurredAt);
        Console.WriteLine("// " + LiveFeedRetained(inTimeOrder, clock));
    }

    private string LiveFeedRetained(EmailEvent[] inTimeOrder, Martech.Sdk.Testing.ManualTimeProvider clock)
    {
        var live = new CampaignAnalytics(timeProvider: clock);
        foreach (EmailEvent e in inTimeOrder)
        {
            if (e.OccurredAt > clock.GetUtcNow())
            {
                clock.AdvanceWithoutFiringTimers(e.OccurredAt - clock.GetUtcNow());
            }

            live.Record(e);
        }

        CampaignAnalyticsUsage usage = live.Usage;
        long with = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(live);
        live = null!;
        long without = GC.GetTotalMemory(forceFullCollection: true);
        double days = (inTimeOrder[^1].OccurredAt - inTimeOrder[0].OccurredAt).TotalDays;
        return $"retained, live feed over {days:F0} days: {Recipients:N0} recipients: {(with - without) / 1024.0 / 1024.0:F1} MB measured, " +
            $"{usage.EstimatedBytes / 1024.0 / 1024.0:F1} MB estimated; {usage.RecipientSlots:N0} recipient-slots, {usage.RememberedKeys:N0} event keys";
    }

    [Benchmark(Baseline = true, Description = "string hash sets, all time only (baseline)")]
    public long HashSets() => NaiveCounter.Count(_events);

    [Benchmark(Description = "CampaignAnalytics.RecordAll")]
    public long Engine() => new CampaignAnalytics().RecordAll(_events).Counted;

    // Events of sends: processed, delivered, then engagement; ids unique; then redeliveries and out-of-order arrivals.
    internal static EmailEvent[] Generate(int count, int recipients, int seed)
    {
        var random = new Random(seed);
        var addresses = new EmailAddress[recipients];
        for (int r = 0; r < recipients; r++)
        {
            addresses[r] = EmailAddress.Parse($"person{r}@example{r % 97}.com");
        }

        string[] campaigns = [.. Enumerable.Range(1, Campaigns).Select(c => $"campaign-{c}")];
        var events = new List<EmailEvent>(count + 16);
        int message = 0, id = 0;
        var url = new Uri("https://brand.example/offer");
        while (events.Count < count)
        {
            EmailAddress who = addresses[random.Next(recipients)];
            string campaign = campaigns[random.Next(Campaigns)];
            string messageId = "msg" + message++;
            DateTimeOffset sentAt = Start.AddMinutes(random.Next(90 * 24 * 60));
            EmailEvent Make(EmailEventType type, TimeSpan after, EngagementSource? source = null) => new()
            {
                Id = "ev" + id++,
                Provider = "SendGrid",
                Type = type,
                Recipient = who,
                MessageId = messageId,
                CampaignId = campaign,
                OccurredAt = sentAt + after,
                Source = source,
                Url = type == EmailEventType.Clicked ? url : null,
            };

            events.Add(Make(EmailEventType.Processed, TimeSpan.Zero));
            events.Add(Make(EmailEventType.Delivered, TimeSpan.FromSeconds(30)));
            if (random.Next(10) < 3)
            {
                events.Add(Make(EmailEventType.Opened, TimeSpan.FromMinutes(1), EngagementSource.AppleMailPrivacyProtection));
            }

            for (int o = random.Next(4); o > 0; o--)
            {
                events.Add(Make(EmailEventType.Opened, TimeSpan.FromMinutes(random.Next(1, 3 * 24 * 60)), EngagementSource.Human));
            }

            if (random.Next(20) == 0)
            {
                events.Add(Make(EmailEventType.Clicked, TimeSpan.FromMinutes(2), EngagementSource.SecurityScanner));
            }

            for (int c = random.Next(3); c > 0; c--)
            {
                events.Add(Make(EmailEventType.Clicked, TimeSpan.FromMinutes(random.Next(5, 3 * 24 * 60)), EngagementSource.Human));
            }

            if (random.Next(100) == 0)
            {
                events.Add(Make(EmailEventType.Unsubscribed, TimeSpan.FromDays(1)));
            }
        }

        EmailEvent[] array = [.. events.Take(count)];
        for (int i = 0; i < count / 20; i++)
        {
            int at = random.Next(1, count);
            array[at] = array[random.Next(at)]; // a redelivery of an earlier event
        }

        for (int i = 0; i < count / 10; i++)
        {
            (int a, int b) = (random.Next(count), random.Next(count));
            (array[a], array[b]) = (array[b], array[a]);
        }

        return array;
    }

    /// <summary>The baseline: exactly-once by a set of "provider:id" strings, unique recipients by sets of
    /// "campaign/metric/address" strings, totals per campaign.</summary>
    private static class NaiveCounter
    {
        public static long Count(EmailEvent[] events)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var unique = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var totals = new Dictionary<string, int[]>(StringComparer.Ordinal);
            long counted = 0;
            foreach (EmailEvent e in events)
            {
                if (e.CampaignId is not { } campaign || !seen.Add(e.Provider + ":" + e.Id))
                {
                    continue;
                }

                if (!totals.TryGetValue(campaign, out int[]? counts))
                {
                    totals[campaign] = counts = new int[8];
                }

                int metric = e.Type == EmailEventType.Processed ? 0
                    : e.Type == EmailEventType.Delivered ? 1
                    : e.Type == EmailEventType.Opened ? (e.Source is EngagementSource.Human or null ? 2 : 3)
                    : e.Type == EmailEventType.Clicked ? (e.Source is EngagementSource.Human or null ? 4 : 5)
                    : 6;
                counts[metric]++;
                unique.Add(campaign + "/" + metric + "/" + e.Recipient.Value);
                counted++;
            }

            return counted;
        }
    }
}
