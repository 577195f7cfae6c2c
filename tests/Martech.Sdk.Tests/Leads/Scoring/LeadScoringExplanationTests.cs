using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Leads.Scoring.ScoringKit;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>Fit rules on standard and custom fields, and the explanation of every point.</summary>
public sealed class LeadScoringExplanationTests
{
    private static LeadScoringOptions Model() => new LeadScoringOptions()
        .Add(new FitScoringRule { Name = "vp-title", Field = RecordField.JobTitle, Operator = FitOperator.Contains, Values = ["VP", "Head of"], Points = 20, Group = "Title" })
        .Add(new FitScoringRule { Name = "director", Field = RecordField.JobTitle, Operator = FitOperator.Contains, Values = ["Director"], Points = 10, Group = "Title" })
        .Add(new FitScoringRule { Name = "size", Field = RecordField.Parse("employees"), Operator = FitOperator.Between, Min = 200, Max = 5000, Points = 15 })
        .Add(new FitScoringRule { Name = "free-mail", Field = RecordField.Email, Operator = FitOperator.Contains, Values = ["@gmail.com"], Points = -10 })
        .Add(new FitScoringRule { Name = "dach", Field = RecordField.Parse("country"), Operator = FitOperator.OneOf, Values = ["DE", "AT", "CH"], Points = 5 })
        .Add(new FitScoringRule { Name = "webinar", Field = RecordField.Source, Operator = FitOperator.Equals, Values = ["webinar"], Points = 10 })
        .Add(new FitScoringRule { Name = "no-phone", Field = RecordField.Phone, Operator = FitOperator.Missing, Points = -5 })
        .Add(new FitScoringRule { Name = "has-company", Field = RecordField.Company, Operator = FitOperator.Present, Points = 5 })
        .Add(new FitScoringRule { Name = "acme", Field = RecordField.Company, Operator = FitOperator.StartsWith, Values = ["acme"], Points = 3 })
        .Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 10 })
        .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 2 });

    private static Lead Ada()
    {
        var lead = new Lead
        {
            Id = "L1",
            Email = EmailAddress.Parse("ada@acme.example"),
            Title = "VP Marketing",
            Company = "Acme GmbH",
            Source = "Webinar",
        };
        lead.CustomFields.Set("employees", "1200");
        lead.CustomFields.Set("country", "de");
        return lead;
    }

    [Fact]
    public async Task ScoreAsync_ExplainsEveryRuleThatCounted_WithExactPoints()
    {
        var clock = new ManualTimeProvider(T0.AddHours(1));
        LeadScoring scoring = Engine(Model(), clock);
        await scoring.RecordAsync(Click("c1", "ada@acme.example", T0));
        await scoring.RecordAsync(Open("o1", "ADA@acme.example", T0.AddMinutes(-5)));
        await scoring.RecordAsync(Open("o2", "ada@acme.example", T0.AddMinutes(-4), EngagementSource.AppleMailPrivacyProtection));

        LeadScore score = await scoring.ScoreAsync(Ada());

        // Fit: vp-title 20 + size 15 (1200 in [200, 5000)) + dach 5 ('de' ignoring case) + webinar 10 ('Webinar')
        //      + no-phone -5 + has-company 5 + acme 3 ('Acme GmbH' starts with 'acme') = 53; director and free-mail do not match.
        // Engagement: open 2 (o1 at 08:55, address case ignored) + click 10 = 12; the Apple MPP open scores nothing.
        // Total 65: fit 53 >= 30 is B, engagement 12 < 30 is 3; 65 >= MQL 50.
        Assert.Equal(53, score.Fit);
        Assert.Equal(12, score.Engagement);
        Assert.Equal(65, score.Total);
        Assert.Equal("B3", score.Grade);
        Assert.Equal(LeadQualification.Mql, score.Qualification);
        Assert.Empty(score.Caps);
        Assert.Equal(
            [
                "Fit vp-title 20 JobTitle 'VP Marketing' contains ['VP', 'Head of']",
                "Fit size 15 employees '1200' is ≥ 200 and < 5000",
                "Fit dach 5 country 'de' is one of ['DE', 'AT', 'CH']",
                "Fit webinar 10 Source 'Webinar' equals 'webinar'",
                "Fit no-phone -5 Phone is missing",
                "Fit has-company 5 Company 'Acme GmbH' is present",
                "Fit acme 3 Company 'Acme GmbH' starts with 'acme'",
                "Engagement open 2 email opened",
                "Engagement click 10 email clicked https://acme.example/pricing",
            ],
            score.Items.Select(i => $"{i.Dimension} {i.Rule} {i.AfterDecay} {i.Trigger}"));
        LeadScoreItem click = score.Items[^1];
        Assert.Equal("SendGrid/c1", click.EventKey);
        Assert.Equal(T0, click.OccurredAt);
        Assert.Contains("65 (B3, Mql)", score.Explain(), StringComparison.Ordinal);
        Assert.Contains("Engagement 'click': 10 — email clicked https://acme.example/pricing at 2026-03-02T09:00:00.0000000+00:00", score.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_OnAContact_ReadsContactFields_AndLeadOnlyFieldsCountAsMissing()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new FitScoringRule { Name = "vp", Field = RecordField.JobTitle, Operator = FitOperator.StartsWith, Values = ["vp"], Points = 20 })
            .Add(new FitScoringRule { Name = "no-source", Field = RecordField.Source, Operator = FitOperator.Missing, Points = 1 })
            .Add(new FitScoringRule { Name = "customer", Field = RecordField.LifecycleStage, Operator = FitOperator.Equals, Values = ["customer"], Points = -30 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        var contact = new Contact { Id = "C9", Email = EmailAddress.Parse("bo@beta.example"), JobTitle = "  VP Sales ", LifecycleStage = LifecycleStage.Customer };

        LeadScore score = await scoring.ScoreAsync(contact);

        // vp 20 (trimmed, case ignored) + no-source 1 (contacts have no Source) - customer 30 = -9.
        Assert.Equal(-9, score.Total);
        Assert.Equal(["vp", "no-source", "customer"], score.Items.Select(i => i.Rule));
        Assert.Equal(new LeadScorePerson("bo@beta.example", "C9"), score.Person);
    }

    [Theory]
    [InlineData("199", false)]
    [InlineData("200", true)]
    [InlineData("4999.5", true)]
    [InlineData("5000", false)]
    [InlineData("lots", false)]
    [InlineData(null, false)]
    public async Task Between_IncludesMin_ExcludesMax_AndIgnoresNonNumbers(string? employees, bool counts)
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new FitScoringRule { Name = "size", Field = RecordField.Custom("employees"), Operator = FitOperator.Between, Min = 200, Max = 5000, Points = 15 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0));
        Lead lead = Lead("x@acme.example");
        if (employees is not null)
        {
            lead.CustomFields.Set("employees", employees);
        }

        LeadScore score = await scoring.ExplainAsync(lead);

        Assert.Equal(counts ? 15 : 0, score.Total);
    }

    [Fact]
    public void Rules_AreCheckedWhenTheEngineIsBuilt()
    {
        LeadScoringOptions model = new LeadScoringOptions()
            .Add(new FitScoringRule { Name = "eq", Field = RecordField.Company, Operator = FitOperator.Equals, Values = ["a", "b"], Points = 5 })
            .Add(new FitScoringRule { Name = "range", Field = RecordField.Custom("n"), Operator = FitOperator.Between, Min = 10, Max = 5, Points = 5 });

        var error = Assert.Throws<ArgumentException>(() => new LeadScoring(model));

        Assert.Contains("LeadScoringOptions:Fit:Rules:eq:Values must hold exactly one value for Equals (has 2); use OneOf for several.", error.Message, StringComparison.Ordinal);
        Assert.Contains("LeadScoringOptions:Fit:Rules:range:Min (10) must be below Max (5).", error.Message, StringComparison.Ordinal);
    }
}
