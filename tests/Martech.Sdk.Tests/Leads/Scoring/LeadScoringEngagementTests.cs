using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Leads.Scoring.ScoringKit;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>Engagement: which events count, decay at exact instants, frequency caps, duplicates and how events find
/// their person.</summary>
public sealed class LeadScoringEngagementTests
{
    private const string Ada = "ada@acme.example";

    [Theory]
    [InlineData(0, 8.0)]
    [InlineData(5, 5.656854249492381)] // 8 × 0.5^(5/10)
    [InlineData(10, 4.0)]              // one half-life
    [InlineData(20, 2.0)]              // two half-lives
    public async Task HalfLife_HalvesThePointsEveryPeriod(int days, double expected)
    {
        LeadScoringOptions model = new LeadScoringOptions { Decay = ScoreDecay.HalfLife(TimeSpan.FromDays(10)) }
            .Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 8 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        await scoring.RecordAsync(Click("c1", Ada, T0));

        LeadScore score = await scoring.ExplainAsync(Lead(Ada), T0.AddDays(days));

        Assert.Equal(expected, score.Engagement, 12);
        Assert.Equal(8, score.Items[0].Points);
        Assert.Equal(8, score.Items[0].AfterCap);
        Assert.Equal(expected, score.Items[0].AfterDecay, 12);
    }

    [Theory]
    [InlineData("0.00:00:00", 10.0)]
    [InlineData("2.12:00:00", 7.5)]  // 10 × (1 − 2.5/10)
    [InlineData("9.23:59:59", 0.0000115740740740)]
    [InlineData("10.00:00:00", 0.0)]
    [InlineData("12.00:00:00", 0.0)]
    public async Task Linear_FallsToZeroAtTheEndOfThePeriod(string age, double expected)
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "demo", Activity = EngagementActivity.FormSubmitted, Points = 10, Decay = ScoreDecay.Parse("Linear 10d") });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        await scoring.RecordAsync(Form("f1", Ada, T0));

        LeadScore score = await scoring.ExplainAsync(Lead(Ada), T0 + TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, score.Engagement, 9);
    }

    [Fact]
    public async Task Window_CountsInFullUntilThePeriodEnds_AndEventsAfterTheInstantDoNotCount()
    {
        LeadScoringOptions model = new LeadScoringOptions { Decay = ScoreDecay.Window(TimeSpan.FromDays(30)) }
            .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 3 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        await scoring.RecordAsync(Open("o1", Ada, T0));
        await scoring.RecordAsync(Open("o2", Ada, T0.AddDays(10)));

        Assert.Equal(3, (await scoring.ExplainAsync(Lead(Ada), T0.AddDays(10).AddTicks(-1))).Engagement); // o2 not yet
        Assert.Equal(6, (await scoring.ExplainAsync(Lead(Ada), T0.AddDays(30).AddTicks(-1))).Engagement);
        Assert.Equal(3, (await scoring.ExplainAsync(Lead(Ada), T0.AddDays(30))).Engagement);               // o1 left the window
        Assert.Equal(0, (await scoring.ExplainAsync(Lead(Ada), T0.AddDays(40))).Engagement);
    }

    [Fact]
    public async Task OccurrenceCapPerDay_CutsTheThirdOpenOfADay_WhateverOrderEventsArriveIn()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 3, Cap = new ScoringFrequencyCap { MaxOccurrences = 2, Per = ScoringPeriod.Day } });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0.AddDays(2)));

        // Arrive newest first; the ledger is read in time order, so the 11:00 open is the one cut.
        await scoring.RecordAsync(Open("o4", Ada, T0.AddDays(1)));
        await scoring.RecordAsync(Open("o3", Ada, T0.AddHours(2)));
        await scoring.RecordAsync(Open("o2", Ada, T0.AddHours(1)));
        await scoring.RecordAsync(Open("o1", Ada, T0));

        LeadScore score = await scoring.ExplainAsync(Lead(Ada));

        // Day 1: 3 + 3 + 0 (third of the day); day 2: 3. Total 9.
        Assert.Equal(9, score.Engagement);
        Assert.Equal([3.0, 3.0, 0.0, 3.0], score.Items.Select(i => i.AfterCap));
        Assert.Equal("SendGrid/o3", score.Items[2].EventKey);
        Assert.Equal("cap: 2 events a day reached", score.Items[2].CapReason);
        Assert.Equal(3, score.Items[2].Points);
    }

    [Fact]
    public async Task PointCapPerWeek_LetsTheEventThatReachesItScoreThePartThatFits()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 4, Cap = new ScoringFrequencyCap { MaxPoints = 10, Per = ScoringPeriod.Week } });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0.AddDays(14)));
        // T0 is a Monday: Mon, Tue, Wed, Sun of one week, then the next Monday.
        foreach (int day in new[] { 0, 1, 2, 6, 7 })
        {
            await scoring.RecordAsync(Click($"c{day}", Ada, T0.AddDays(day)));
        }

        LeadScore score = await scoring.ExplainAsync(Lead(Ada));

        // Week 1: 4 + 4 + 2 (10 reached) + 0; week 2: 4. Total 14.
        Assert.Equal([4.0, 4.0, 2.0, 0.0, 4.0], score.Items.Select(i => i.AfterCap));
        Assert.Equal(14, score.Engagement);
        Assert.Equal("cap: 10 points a week", score.Items[2].CapReason);
    }

    [Fact]
    public async Task AllTimeCap_CountsOnlyTheFirstFormFill()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "demo", Activity = EngagementActivity.FormSubmitted, FormIds = ["DEMO"], Points = 30, Cap = new ScoringFrequencyCap { MaxOccurrences = 1, Per = ScoringPeriod.AllTime } });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0.AddDays(100)));
        await scoring.RecordAsync(Form("f1", Ada, T0, formId: "demo"));
        await scoring.RecordAsync(Form("f2", Ada, T0.AddDays(50), formId: "demo"));
        LeadScoreRecordResult other = await scoring.RecordAsync(Form("f3", Ada, T0, formId: "newsletter"));

        LeadScore score = await scoring.ExplainAsync(Lead(Ada));

        Assert.Equal(LeadScoreRecordOutcome.NotScored, other.Outcome);
        Assert.Equal(30, score.Engagement);
        Assert.Equal("cap: 1 event in all reached", score.Items[1].CapReason);
    }

    [Fact]
    public async Task MachineOpensAndClicks_ScoreNothingByDefault_AndCountWhenTheRuleSaysSo()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "human-click", Activity = EngagementActivity.EmailClicked, Points = 10 })
            .Add(new EngagementScoringRule { Name = "any-open", Activity = EngagementActivity.EmailOpened, Points = 1, CountMachineActivity = true });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));

        LeadScoreRecordResult scanner = await scoring.RecordAsync(Click("c1", Ada, T0, source: EngagementSource.SecurityScanner));
        LeadScoreRecordResult unknown = await scoring.RecordAsync(Click("c2", Ada, T0, source: EngagementSource.Unknown));
        LeadScoreRecordResult unflagged = await scoring.RecordAsync(Click("c3", Ada, T0, source: null));
        LeadScoreRecordResult proxy = await scoring.RecordAsync(Open("o1", Ada, T0, EngagementSource.GmailImageProxy));

        Assert.Equal(LeadScoreRecordOutcome.NotScored, scanner.Outcome);
        Assert.Equal(LeadScoreRecordOutcome.Recorded, unknown.Outcome);
        Assert.Equal(LeadScoreRecordOutcome.Recorded, unflagged.Outcome);
        Assert.Equal(LeadScoreRecordOutcome.Recorded, proxy.Outcome);
        Assert.Equal("email opened (GmailImageProxy)", proxy.Entries[0].Trigger);
        Assert.Equal(21, (await scoring.ExplainAsync(Lead(Ada))).Engagement);
    }

    [Fact]
    public async Task CampaignAndUrlFilters_AndOneEventUnderSeveralRules()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 5 })
            .Add(new EngagementScoringRule { Name = "pricing", Activity = EngagementActivity.EmailClicked, Points = 15, UrlContains = ["/PRICING"] })
            .Add(new EngagementScoringRule { Name = "spring", Activity = EngagementActivity.EmailClicked, Points = 7, CampaignIds = ["spring"] });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));

        LeadScoreRecordResult pricing = await scoring.RecordAsync(Click("c1", Ada, T0, "https://acme.example/pricing?x=1", campaign: "Spring"));
        LeadScoreRecordResult blog = await scoring.RecordAsync(Click("c2", Ada, T0, "https://acme.example/blog", campaign: "autumn"));

        Assert.Equal(["click", "pricing", "spring"], pricing.Entries.Select(e => e.Rule));
        Assert.Equal("email clicked https://acme.example/pricing?x=1 (campaign Spring)", pricing.Entries[0].Trigger);
        Assert.Equal(["click"], blog.Entries.Select(e => e.Rule));
        Assert.Equal(32, (await scoring.ExplainAsync(Lead(Ada))).Engagement); // 5 + 15 + 7 + 5
    }

    [Fact]
    public async Task Duplicates_SameProviderAndId_CountOnce_AnotherProviderIsAnotherEvent()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 2 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));

        LeadScoreRecordResult first = await scoring.RecordAsync(Open("o1", Ada, T0));
        LeadScoreRecordResult again = await scoring.RecordAsync(Open("o1", Ada, T0.AddMinutes(3)));
        LeadScoreRecordResult elsewhere = await scoring.RecordAsync(Open("o1", Ada, T0, provider: "Mailgun"));

        Assert.Equal(LeadScoreRecordOutcome.Recorded, first.Outcome);
        Assert.Equal(LeadScoreRecordOutcome.Duplicate, again.Outcome);
        Assert.Empty(again.Entries);
        Assert.Equal(LeadScoreRecordOutcome.Recorded, elsewhere.Outcome);
        Assert.Equal(4, (await scoring.ExplainAsync(Lead(Ada))).Engagement);
    }

    [Fact]
    public async Task Events_FindTheirPerson_ByEmailFirst_ThenContactId()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 10 })
            .Add(new EngagementScoringRule { Name = "chat", Activity = EngagementActivity.MessageReceived, Points = 4 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0.AddDays(1)));
        await scoring.RecordAsync(Form("f1", "Ada@ACME.example", T0));                // by address, case ignored
        await scoring.RecordAsync(Form("f2", null, T0, contactId: "C1"));             // by contact id only
        await scoring.RecordAsync(Message("m1", Ada, "C1", T0));                      // both: counted once
        await scoring.RecordAsync(Form("f3", "bo@beta.example", T0));                 // someone else
        LeadScoreRecordResult nobody = await scoring.RecordAsync(Message("m2", null, null, T0));

        LeadScore withBoth = await scoring.ExplainAsync(Lead(Ada, contactId: "C1"));
        LeadScore emailOnly = await scoring.ExplainAsync(Lead(Ada));
        LeadScore contactOnly = await scoring.ExplainAsync(new Contact { Id = "C1" });

        Assert.Equal(LeadScoreRecordOutcome.NoPerson, nobody.Outcome);
        Assert.Equal(24, withBoth.Engagement);                  // f1 10 + f2 10 + m1 4
        Assert.Equal(14, emailOnly.Engagement);                 // f1 + m1
        Assert.Equal(14, contactOnly.Engagement);               // f2 + m1
        Assert.Equal(["Forms/f1", "Forms/f2", "Intercom/m1"], withBoth.Items.Select(i => i.EventKey!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("None", ScoreDecayKind.None, 0)]
    [InlineData("halflife 30d", ScoreDecayKind.HalfLife, 30 * 24)]
    [InlineData("Linear 12h", ScoreDecayKind.Linear, 12)]
    [InlineData("Window 2w", ScoreDecayKind.Window, 14 * 24)]
    [InlineData("Window 1.5d", ScoreDecayKind.Window, 36)]
    public void ScoreDecay_Parses(string text, ScoreDecayKind kind, int hours)
    {
        ScoreDecay decay = ScoreDecay.Parse(text);

        Assert.Equal(kind, decay.Kind);
        Assert.Equal(TimeSpan.FromHours(hours), decay.Period);
    }

    [Theory]
    [InlineData("HalfLife")]
    [InlineData("HalfLife 30")]
    [InlineData("HalfLife -3d")]
    [InlineData("Sigmoid 3d")]
    [InlineData("1 3d")]
    public void ScoreDecay_RefusesWhatIsNotADecay_SayingHowToWriteOne(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ScoreDecay.Parse(text));

        Assert.Contains("such as 'HalfLife 30d'", error.Message, StringComparison.Ordinal);
    }
}
