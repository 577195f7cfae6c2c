using System.Globalization;
using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>Writes the recorded-events file the sample ships (<c>data/events.jsonl</c>): a year of webhook events for
/// the <see cref="SampleCampaigns"/>, from a seeded random generator, so the same seed always writes the same bytes.</summary>
/// <remarks>The file is what a webhook endpoint would have stored, in the order the events arrived: each event arrives
/// a little after it happened, some much later (so they arrive out of order: an open before its delivery, a click
/// before an open), and some twice (the vendor's redelivery, with the same id). Apple Mail Privacy Protection opens
/// every message it delivers to, and link scanners follow links before people do: those events carry their
/// <see cref="EngagementSource"/>.</remarks>
internal static class EventFileGenerator
{
    /// <summary>The seed of the shipped file.</summary>
    public const int Seed = 2026;

    private const double BounceChance = 0.03;
    private const double ApplePrivacyChance = 0.18;
    private const double ScannerChance = 0.03;
    private const double ClickWithoutOpenChance = 0.02;
    private const double UnsubscribeChance = 0.004;
    private const double SpamReportChance = 0.001;
    private const double LateArrivalChance = 0.08;
    private const double RedeliveryChance = 0.04;

    /// <summary>The events in arrival order, duplicates included.</summary>
    public static IReadOnlyList<MartechEvent> Generate(int seed = Seed)
    {
        var random = new Random(seed);
        var arrivals = new List<(DateTimeOffset ArrivedAt, long Order, MartechEvent Event)>();
        long order = 0;

        void Add(EmailEvent e)
        {
            TimeSpan delay = random.NextDouble() < LateArrivalChance
                ? TimeSpan.FromMinutes(5 + random.Next(6 * 60))
                : TimeSpan.FromSeconds(1 + random.Next(60));
            arrivals.Add((e.OccurredAt + delay, order++, e));
            if (random.NextDouble() < RedeliveryChance)
            {
                arrivals.Add((e.OccurredAt + delay + TimeSpan.FromMinutes(1 + random.Next(120)), order++, e));
            }
        }

        foreach (SampleCampaign campaign in SampleCampaigns.All)
        {
            int recipientOffset = campaign.Id switch { "newsletter" => 0, "spring-launch" => 50, _ => 200 };
            for (int i = 0; i < campaign.Months.Count; i++)
            {
                int month = campaign.Months[i];
                var sendAt = new DateTimeOffset(SampleCampaigns.Year, month, campaign.SendDay, 9, 0, 0, TimeSpan.Zero);
                int audience = campaign.Audience + (campaign.AudienceGrowth * i);
                double clickChance = campaign.ClickChance + (campaign.ClickChanceGrowth * i);
                var url = new Uri($"https://brand.example/{campaign.Id}/{SampleCampaigns.Year}-{month:D2}?utm_source=newsletter&utm_medium=email&utm_campaign={campaign.Id}");
                for (int k = 1; k <= audience; k++)
                {
                    var recipient = EmailAddress.Parse($"person{recipientOffset + k:D4}@example.com");
                    string messageId = $"msg_{campaign.Id}_{SampleCampaigns.Year}{month:D2}_{k:D4}";
                    EmailEvent Event(EmailEventType type, DateTimeOffset at) => new()
                    {
                        Id = "evt_" + random.NextInt64().ToString("x16", CultureInfo.InvariantCulture),
                        Provider = SampleCampaigns.Provider,
                        Type = type,
                        Recipient = recipient,
                        MessageId = messageId,
                        CampaignId = campaign.Id,
                        OccurredAt = at,
                    };

                    DateTimeOffset processedAt = sendAt + TimeSpan.FromSeconds(k);
                    Add(Event(EmailEventType.Processed, processedAt));
                    if (random.NextDouble() < BounceChance)
                    {
                        bool hard = random.NextDouble() < 0.5;
                        Add(Event(EmailEventType.Bounced, processedAt + TimeSpan.FromMinutes(1 + random.Next(30))) with
                        {
                            BounceKind = hard ? EmailBounceKind.Hard : EmailBounceKind.Soft,
                            Reason = hard ? "550 5.1.1 The email account that you tried to reach does not exist" : "452 4.2.2 Mailbox full",
                        });
                        continue;
                    }

                    DateTimeOffset deliveredAt = processedAt + TimeSpan.FromSeconds(5 + random.Next(115));
                    Add(Event(EmailEventType.Delivered, deliveredAt));
                    if (random.NextDouble() < ApplePrivacyChance)
                    {
                        Add(Event(EmailEventType.Opened, deliveredAt + TimeSpan.FromMinutes(1 + random.Next(10))) with { Source = EngagementSource.AppleMailPrivacyProtection });
                    }

                    if (random.NextDouble() < ScannerChance)
                    {
                        Add(Event(EmailEventType.Clicked, deliveredAt + TimeSpan.FromSeconds(5 + random.Next(55))) with { Source = EngagementSource.SecurityScanner, Url = url });
                    }

                    bool opened = random.NextDouble() < campaign.OpenChance;
                    DateTimeOffset seenAt = deliveredAt + TimeSpan.FromMinutes(10 + random.Next(72 * 60));
                    if (opened)
                    {
                        int opens = 1 + random.Next(3);
                        for (int o = 0; o < opens; o++)
                        {
                            // A fifth of the opens carry nothing that says who: Unknown, counted with people's.
                            EngagementSource source = random.NextDouble() < 0.2 ? EngagementSource.Unknown : EngagementSource.Human;
                            Add(Event(EmailEventType.Opened, seenAt + TimeSpan.FromHours(o * random.Next(1, 48))) with { Source = source });
                        }
                    }

                    if (opened ? random.NextDouble() < clickChance : random.NextDouble() < ClickWithoutOpenChance)
                    {
                        int clicks = 1 + random.Next(2);
                        for (int c = 0; c < clicks; c++)
                        {
                            Add(Event(EmailEventType.Clicked, seenAt + TimeSpan.FromMinutes(1 + random.Next(30) + (c * 90))) with { Source = EngagementSource.Human, Url = url });
                        }
                    }

                    if (random.NextDouble() < UnsubscribeChance)
                    {
                        Add(Event(EmailEventType.Unsubscribed, seenAt + TimeSpan.FromMinutes(45)));
                    }
                    else if (random.NextDouble() < SpamReportChance)
                    {
                        Add(Event(EmailEventType.SpamReport, seenAt + TimeSpan.FromMinutes(50)));
                    }
                }
            }
        }

        return [.. arrivals.OrderBy(a => a.ArrivedAt).ThenBy(a => a.Order).Select(a => a.Event)];
    }
}
