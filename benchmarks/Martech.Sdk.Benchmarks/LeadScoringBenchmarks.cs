using BenchmarkDotNet.Attributes;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Lead scoring at volume: 1,000,000 engagement events (email opens and clicks, 10 % of them by machines, form fills,
/// inbound messages; 5 % redeliveries) recorded for 100,000 people over 90 days, then 100,000 leads scored with a full
/// explanation (6 fit rules, 5 engagement rules with a 30-day half-life, a daily open cap, a weekly click cap, group and
/// total caps, MQL and SQL thresholds; transitions go to a counting handler). It also runs at 2,000 people and 20,000 events, the only
/// size of the smoke run. Mean is the time for all events (or all leads). The record baseline is a running total per address (a
/// dictionary of points and a set of event keys, no ledger, no decay, no explanation): what "points that cannot be
/// explained" cost.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class LeadScoringBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private MartechEvent[] _events = [];
    private Lead[] _leads = [];
    private LeadScoring _scored = null!;

    /// <summary>People (and leads scored); ten events each.</summary>
    [ParamsSource(nameof(PeopleCounts))]
    public int People { get; set; }

    public static IEnumerable<int> PeopleCounts() => Smoke.Sizes(2_000, 100_000);

    [GlobalSetup]
    public void Setup()
    {
        _events = Generate(People * 10, People, seed: 42);
        _leads = [.. Enumerable.Range(0, People).Select(Lead)];
        _scored = Engine(new Martech.Sdk.Testing.ManualTimeProvider(Start.AddDays(91)));
        foreach (MartechEvent e in _events)
        {
            _scored.RecordAsync(e).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "running total per address (baseline)")]
    public long RunningTotals()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var totals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (MartechEvent e in _events)
        {
            if (e.Email is not { } email || !seen.Add(e.Provider + "/" + e.Id))
            {
                continue;
            }

            int points = e switch
            {
                EmailEvent { Source: not (null or EngagementSource.Human or EngagementSource.Unknown) } => 0,
                EmailEvent open when open.Type == EmailEventType.Opened => 2,
                EmailEvent => 5,
                FormSubmissionEvent => 20,
                _ => 10,
            };
            totals[email.Value] = totals.GetValueOrDefault(email.Value) + points;
        }

        return totals.Count;
    }

    [Benchmark(Description = "LeadScoring.RecordAsync, every event")]
    public async Task<int> Record()
    {
        LeadScoring scoring = Engine(new Martech.Sdk.Testing.ManualTimeProvider(Start.AddDays(91)));
        int recorded = 0;
        foreach (MartechEvent e in _events)
        {
            if ((await scoring.RecordAsync(e).ConfigureAwait(false)).Outcome == LeadScoreRecordOutcome.Recorded)
            {
                recorded++;
            }
        }

        return recorded;
    }

    [Benchmark(Description = "LeadScoring.ExplainAsync, every lead")]
    public async Task<long> Score()
    {
        long total = 0;
        foreach (Lead lead in _leads)
        {
            total += (await _scored.ExplainAsync(lead).ConfigureAwait(false)).Total;
        }

        return total;
    }

    private static LeadScoring Engine(TimeProvider clock)
    {
        var model = new LeadScoringOptions
        {
            MqlThreshold = 50,
            SqlThreshold = 90,
            Decay = ScoreDecay.HalfLife(TimeSpan.FromDays(30)),
            FitCap = 60,
            EngagementCap = 80,
            FitGroupCaps = new Dictionary<string, int> { ["Title"] = 25 },
            EngagementGroupCaps = new Dictionary<string, int> { ["Email"] = 40 },
        };
        model.Add(new FitScoringRule { Name = "vp", Field = RecordField.JobTitle, Operator = FitOperator.Contains, Values = ["VP", "Head of"], Points = 20, Group = "Title" })
            .Add(new FitScoringRule { Name = "director", Field = RecordField.JobTitle, Operator = FitOperator.Contains, Values = ["Director"], Points = 10, Group = "Title" })
            .Add(new FitScoringRule { Name = "size", Field = RecordField.Custom("employees"), Operator = FitOperator.Between, Min = 200, Max = 5000, Points = 15 })
            .Add(new FitScoringRule { Name = "dach", Field = RecordField.Custom("country"), Operator = FitOperator.OneOf, Values = ["DE", "AT", "CH"], Points = 5 })
            .Add(new FitScoringRule { Name = "webinar", Field = RecordField.Source, Operator = FitOperator.Equals, Values = ["webinar"], Points = 10 })
            .Add(new FitScoringRule { Name = "no-company", Field = RecordField.Company, Operator = FitOperator.Missing, Points = -10 })
            .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 2, Group = "Email", Cap = new ScoringFrequencyCap { MaxOccurrences = 3 } })
            .Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 5, Group = "Email", Cap = new ScoringFrequencyCap { MaxPoints = 20, Per = ScoringPeriod.Week } })
            .Add(new EngagementScoringRule { Name = "pricing", Activity = EngagementActivity.EmailClicked, Points = 10, UrlContains = ["/pricing"] })
            .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 20 })
            .Add(new EngagementScoringRule { Name = "chat", Activity = EngagementActivity.MessageReceived, Points = 10 });
        return new LeadScoring(model, handlers: [new CountingHandler()], timeProvider: clock);
    }

    private static Lead Lead(int person)
    {
        var lead = new Lead
        {
            Id = "L" + person,
            Email = EmailAddress.Parse($"person{person}@company{person % 997}.example"),
            Title = (person % 4) switch { 0 => "VP Marketing", 1 => "Marketing Director", 2 => "Analyst", _ => "Head of Growth" },
            Company = person % 10 == 0 ? null : "Company " + (person % 997),
            Source = person % 3 == 0 ? "webinar" : "paid-search",
        };
        lead.CustomFields.Set("employees", (person * 37 % 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        lead.CustomFields.Set("country", (person % 5) switch { 0 => "DE", 1 => "US", 2 => "CH", 3 => "FR", _ => "AT" });
        return lead;
    }

    internal static MartechEvent[] Generate(int count, int people, int seed)
    {
        var random = new Random(seed);
        var addresses = new EmailAddress[people];
        for (int p = 0; p < people; p++)
        {
            addresses[p] = EmailAddress.Parse($"person{p}@company{p % 997}.example");
        }

        var pricing = new Uri("https://brand.example/pricing");
        var blog = new Uri("https://brand.example/blog");
        var events = new MartechEvent[count];
        for (int i = 0; i < count; i++)
        {
            EmailAddress who = addresses[random.Next(people)];
            DateTimeOffset at = Start.AddMinutes(random.Next(90 * 24 * 60));
            int kind = random.Next(100);
            EngagementSource source = random.Next(10) == 0 ? EngagementSource.AppleMailPrivacyProtection : EngagementSource.Human;
            events[i] = kind switch
            {
                < 60 => new EmailEvent { Id = "e" + i, Provider = "SendGrid", Type = EmailEventType.Opened, Recipient = who, OccurredAt = at, Source = source, CampaignId = "c" + (i % 10) },
                < 85 => new EmailEvent { Id = "e" + i, Provider = "SendGrid", Type = EmailEventType.Clicked, Recipient = who, OccurredAt = at, Source = source, Url = i % 3 == 0 ? pricing : blog },
                < 95 => new FormSubmissionEvent { Id = "f" + i, Provider = "Forms", FormId = "demo", Email = who, OccurredAt = at },
                _ => new MessageReceivedEvent { Id = "m" + i, Provider = "Intercom", Conversation = MessageDestination.Conversation("conv" + i), From = "u" + i, Email = who, OccurredAt = at },
            };
        }

        for (int i = 0; i < count / 20; i++)
        {
            int at = random.Next(1, count);
            events[at] = events[random.Next(at)]; // a redelivery of an earlier event
        }

        return events;
    }

    private sealed class CountingHandler : ILeadScoreHandler
    {
        private int _count;

        public Task HandleAsync(LeadScoreTransition transition, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
