using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Leads.Scoring.ScoringKit;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>Group caps, the fit and engagement caps, and the A1–C3 grade bands.</summary>
public sealed class LeadScoringCapsAndGradesTests
{
    [Fact]
    public async Task GroupCapsAndDimensionCaps_CutFitAndEngagementApart_AndSayByHowMuch()
    {
        var model = new LeadScoringOptions
        {
            FitGroupCaps = new Dictionary<string, int> { ["title"] = 25 },
            FitCap = 35,
            EngagementGroupCaps = new Dictionary<string, int> { ["Email"] = 10 },
            EngagementCap = 18,
        };
        model.Add(new FitScoringRule { Name = "vp", Field = RecordField.JobTitle, Operator = FitOperator.Contains, Values = ["VP"], Points = 20, Group = "Title" })
            .Add(new FitScoringRule { Name = "senior", Field = RecordField.JobTitle, Operator = FitOperator.Contains, Values = ["Senior"], Points = 10, Group = "Title" })
            .Add(new FitScoringRule { Name = "company", Field = RecordField.Company, Operator = FitOperator.Present, Points = 15 })
            .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 4, Group = "Email" })
            .Add(new EngagementScoringRule { Name = "demo", Activity = EngagementActivity.FormSubmitted, Points = 12 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0.AddDays(1)));
        for (int i = 0; i < 3; i++)
        {
            await scoring.RecordAsync(Open($"o{i}", "sam@acme.example", T0.AddHours(i)));
        }

        await scoring.RecordAsync(Form("f1", "sam@acme.example", T0));

        LeadScore score = await scoring.ScoreAsync(Lead("sam@acme.example", "Acme") with { Title = "Senior VP Sales" });

        // Fit: Title group 20 + 10 = 30, cut to 25; + company 15 = 40, cut to the fit cap 35.
        // Engagement: Email group 3 × 4 = 12, cut to 10; + demo 12 = 22, cut to the engagement cap 18. Total 53.
        Assert.Equal(35, score.Fit);
        Assert.Equal(18, score.Engagement);
        Assert.Equal(53, score.Total);
        Assert.Equal(
            ["Fit Title 25 30 5", "Fit - 35 40 5", "Engagement Email 10 12 2", "Engagement - 18 22 4"],
            score.Caps.Select(c => $"{c.Dimension} {c.Group ?? "-"} {c.Limit} {c.Before} {c.Cut}"));
        Assert.Contains("Fit group 'Title' cap 25: 30 cut by 5", score.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NegativePoints_AreNotRaisedByCaps()
    {
        var model = new LeadScoringOptions { FitCap = 10, FitGroupCaps = new Dictionary<string, int> { ["bad"] = 5 } };
        model.Add(new FitScoringRule { Name = "student", Field = RecordField.Email, Operator = FitOperator.Contains, Values = [".edu"], Points = -20, Group = "bad" });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));

        LeadScore score = await scoring.ScoreAsync(Lead("kid@school.edu"));

        Assert.Equal(-20, score.Total);
        Assert.Empty(score.Caps);
    }

    [Theory]
    [InlineData(60, 60, "A1")]
    [InlineData(59, 59, "B2")]
    [InlineData(30, 30, "B2")]
    [InlineData(29, 29, "C3")]
    [InlineData(100, 1, "A3")]
    [InlineData(1, 100, "C1")]
    [InlineData(45, 35, "B2")]
    public async Task GradeBands_FitAbc_ByEngagement123(int fit, int engagement, string grade)
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new FitScoringRule { Name = "fit", Field = RecordField.Company, Operator = FitOperator.Present, Points = fit })
            .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = engagement });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        await scoring.RecordAsync(Form("f", "x@acme.example", T0));

        LeadScore score = await scoring.ScoreAsync(Lead("x@acme.example", "Acme"));

        Assert.Equal(grade, score.Grade);
    }

    [Fact]
    public async Task GradeThresholds_AreConfigurable()
    {
        var model = new LeadScoringOptions { FitGradeA = 10, FitGradeB = 5, EngagementGrade1 = 3, EngagementGrade2 = 2 };
        model.Add(new FitScoringRule { Name = "fit", Field = RecordField.Company, Operator = FitOperator.Present, Points = 7 })
            .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 3 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        await scoring.RecordAsync(Form("f", "x@acme.example", T0));

        Assert.Equal("B1", (await scoring.ScoreAsync(Lead("x@acme.example", "Acme"))).Grade);
    }

    [Fact]
    public async Task Total_RoundsHalvesAwayFromZero_AndThresholdsCompareTheTotal()
    {
        var model = new LeadScoringOptions { MqlThreshold = 3, Decay = ScoreDecay.HalfLife(TimeSpan.FromDays(1)) };
        model.Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 5 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        await scoring.RecordAsync(Form("f", "x@acme.example", T0));

        // One half-life: 5 × 0.5 = 2.5 → 3 (halves away from zero): an MQL. At 1.1 days 5 × 0.5^1.1 = 2.33 → 2: not.
        LeadScore atOneDay = await scoring.ExplainAsync(Lead("x@acme.example"), T0.AddDays(1));
        LeadScore later = await scoring.ExplainAsync(Lead("x@acme.example"), T0.AddDays(1.1));

        Assert.Equal(2.5, atOneDay.Engagement);
        Assert.Equal(3, atOneDay.Total);
        Assert.Equal(LeadQualification.Mql, atOneDay.Qualification);
        Assert.Equal(2, later.Total);
        Assert.Equal(LeadQualification.None, later.Qualification);
    }
}
