using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Martech.Sdk.Tests.Leads.Scoring.ScoringKit;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>The model from <c>Martech:Leads:Scoring</c> and from code, checked at start with messages that name the
/// configuration path and the fix; the webhook inbox handler and transition handlers from the container.</summary>
public sealed class LeadScoringConfigurationTests
{
    private const string Valid = """
        {
          "Martech": {
            "Leads": {
              "Scoring": {
                "MqlThreshold": "40",
                "SqlThreshold": "70",
                "Grades": { "FitA": "50", "FitB": "20", "Engagement1": "40", "Engagement2": "10" },
                "Fit": {
                  "Cap": "60",
                  "GroupCaps": { "Title": "25" },
                  "Rules": {
                    "vp": { "Field": "job_title", "Operator": "contains", "Values": [ "VP", "Head of" ], "Points": "20", "Group": "Title" },
                    "size": { "Field": "employees", "Operator": "Between", "Min": "200", "Max": "5000", "Points": "15" },
                    "webinar": { "Field": "Source", "Operator": "equals", "Value": "webinar", "Points": "10" }
                  }
                },
                "Engagement": {
                  "Decay": "HalfLife 30d",
                  "Rules": {
                    "pricing-click": { "Activity": "EmailClicked", "Points": "10", "UrlContains": [ "/pricing" ], "Cap": { "MaxOccurrences": "2", "Per": "Week" } },
                    "demo": { "Activity": "FormSubmitted", "FormIds": [ "demo" ], "Points": "30", "Decay": "None" }
                  }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task ConfiguredModel_Binds_PassesStartValidation_AndCodeRulesComeAfter()
    {
        using ServiceProvider provider = Build(Valid, o => o.Add(new FitScoringRule { Name = "code", Field = RecordField.Company, Operator = FitOperator.Present, Points = 1 }));

        provider.GetRequiredService<IStartupValidator>().Validate();
        LeadScoring scoring = provider.GetRequiredService<LeadScoring>();
        LeadScoringOptions model = scoring.Options;

        // Configured rules come in the order of their keys (configuration sorts them), then those from code.
        Assert.Equal(["size", "vp", "webinar", "code"], model.FitRules.Select(r => r.Name));
        Assert.Equal(RecordField.JobTitle, model.FitRules[1].Field);
        Assert.Equal(["webinar"], model.FitRules[2].Values);
        Assert.Equal((40, 70, 50, 20, 40, 10, 60), (model.MqlThreshold, model.SqlThreshold!.Value, model.FitGradeA, model.FitGradeB, model.EngagementGrade1, model.EngagementGrade2, model.FitCap!.Value));
        Assert.Equal(ScoreDecay.HalfLife(TimeSpan.FromDays(30)), model.Decay);
        EngagementScoringRule click = model.EngagementRules[1];
        Assert.Equal(new ScoringFrequencyCap { MaxOccurrences = 2, Per = ScoringPeriod.Week }, click.Cap);
        Assert.Equal(["/pricing"], click.UrlContains);
        Assert.Equal(ScoreDecay.None, model.EngagementRules[0].Decay);

        await scoring.RecordAsync(Form("f1", "ada@acme.example", T0, formId: "demo"));
        var lead = new Lead { Email = EmailAddress.Parse("ada@acme.example"), Title = "VP Sales", Company = "Acme", Source = "webinar" };
        LeadScore score = await scoring.ScoreAsync(lead);

        // vp 20 + webinar 10 + code 1 = 31 fit (B: 20 ≤ 31 < 50); demo 30, no decay (grade 2: 10 ≤ 30 < 40). 61: an MQL.
        Assert.Equal(61, score.Total);
        Assert.Equal("B2", score.Grade);
        Assert.Equal(LeadQualification.Mql, score.Qualification);
    }

    [Fact]
    public void UnknownOperatorsAndActivities_BadNumbers_AndBadDecays_FailAtStart_NamingThePathAndTheFix()
    {
        const string Json = """
            { "Martech": { "Leads": { "Scoring": {
              "MqlThreshold": "fifty",
              "Fit": { "Rules": {
                "vp": { "Field": "JobTitle", "Operator": "resembles", "Values": [ "VP" ], "Points": "20" },
                "size": { "Field": "employees", "Operator": "Between", "Min": "2OO", "Points": "15" },
                "nopoints": { "Field": "Company", "Operator": "Present" }
              } },
              "Engagement": { "Decay": "HalfLife 30", "Rules": {
                "open": { "Activity": "Opened", "Points": "2" },
                "click": { "Activity": "EmailClicked", "Points": "3", "Cap": { "MaxOccurrences": "x", "Per": "Month" } }
              } }
            } } } }
            """;
        using ServiceProvider provider = Build(Json);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Martech:Leads:Scoring:MqlThreshold ('fifty') is not a whole number, such as 50.",
                "Martech:Leads:Scoring:Fit:Rules:nopoints:Points is required: the points the rule adds, such as 20 (negative to take away).",
                "Martech:Leads:Scoring:Fit:Rules:size:Min ('2OO') is not a number, such as 200 (a dot for decimals).",
                "Martech:Leads:Scoring:Fit:Rules:vp:Operator 'resembles' is not an operator: use one of Equals, OneOf, Contains, StartsWith, Between, Present, Missing.",
                "Martech:Leads:Scoring:Engagement:Decay: 'HalfLife 30' has no usable period ('30'): write None, or HalfLife, Linear or Window and a period in days, hours or weeks, such as 'HalfLife 30d', 'Linear 90d' or 'Window 30d'; the period is positive and at most 36500d.",
                "Martech:Leads:Scoring:Engagement:Rules:click:Cap:MaxOccurrences ('x') is not a whole number, such as 3.",
                "Martech:Leads:Scoring:Engagement:Rules:click:Cap:Per 'Month' is not a period: use Day, Week or AllTime.",
                "Martech:Leads:Scoring:Engagement:Rules:open:Activity 'Opened' is not an activity: use one of EmailOpened, EmailClicked, FormSubmitted, MessageReceived.",
            ],
            error.Failures);
    }

    [Fact]
    public void NoRules_FailsAtStart_SayingWhereToAddThem()
    {
        using ServiceProvider provider = Build("""{ "Martech": { "Leads": { "Scoring": { "MqlThreshold": "50" } } } }""");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            ["Martech:Leads:Scoring has no rules: add fit rules under Martech:Leads:Scoring:Fit:Rules:<name> (Field, Operator, Values, Points) and/or engagement rules under Martech:Leads:Scoring:Engagement:Rules:<name> (Activity, Points), or in code with options.Add(...)."],
            error.Failures);
    }

    [Fact]
    public void ThresholdsOutOfOrder_EmptyValues_UnusedGroupCaps_AndTwinNames_FailAtStart()
    {
        const string Json = """
            { "Martech": { "Leads": { "Scoring": {
              "MqlThreshold": "60", "SqlThreshold": "60",
              "Grades": { "FitA": "20", "FitB": "30", "Engagement1": "10", "Engagement2": "10" },
              "Fit": { "GroupCaps": { "Seniority": "20" }, "Rules": {
                "vp": { "Field": "JobTitle", "Operator": "OneOf", "Points": "20" },
                "Demo": { "Field": "Company", "Operator": "Present", "Points": "0" }
              } },
              "Engagement": { "Rules": { "demo": { "Activity": "FormSubmitted", "Points": "5" } } }
            } } } }
            """;
        using ServiceProvider provider = Build(Json);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Martech:Leads:Scoring:Fit:Rules:Demo:Points is 0, so the rule counts nothing: give it points (negative to take away) or remove it.",
                "Martech:Leads:Scoring:Fit:Rules:vp:Values must hold at least one non-blank value for OneOf, such as [\"VP\", \"Head of\"].",
                "Martech:Leads:Scoring: two rules are named 'Demo': give each rule its own name (explanations and the ledger name rules).",
                "Martech:Leads:Scoring:Fit:GroupCaps:Seniority caps a group no fit rule belongs to: set Group = \"Seniority\" on its rules, or remove the cap (groups: none).",
                "Martech:Leads:Scoring:SqlThreshold (60) must be above MqlThreshold (60): thresholds are out of order; raise SqlThreshold or lower MqlThreshold.",
                "Martech:Leads:Scoring:Grades:FitA (20) must be above Grades:FitB (30), and FitB at least 1: thresholds are out of order (A ≥ FitA > B ≥ FitB > C).",
                "Martech:Leads:Scoring:Grades:Engagement1 (10) must be above Grades:Engagement2 (10), and Engagement2 at least 1: thresholds are out of order (1 ≥ Engagement1 > 2 ≥ Engagement2 > 3).",
            ],
            error.Failures);
    }

    [Fact]
    public async Task WebhookEvents_ReachTheEngine_AndTransitionsReachHandlersFromTheContainer()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(T0));
        var handler = new RecordingScoreHandler();
        services.AddMartech().AddLeadScoring(o =>
        {
            o.MqlThreshold = 10;
            o.Add(new EngagementScoringRule { Name = "demo", Activity = EngagementActivity.FormSubmitted, Points = 12 });
        }).AddHandler(handler);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        using (IServiceScope scope = provider.CreateScope())
        {
            foreach (IMartechEventHandler<MartechEvent> inbox in scope.ServiceProvider.GetServices<IMartechEventHandler<MartechEvent>>())
            {
                var context = new MartechEventContext("Forms/f1", 1, T0);
                await inbox.HandleAsync(Form("f1", "ada@acme.example", T0), context);
                await inbox.HandleAsync(Form("f1", "ada@acme.example", T0), context);
                await inbox.HandleAsync(Open("o1", "ada@acme.example", T0), context);
            }
        }

        LeadScore score = await provider.GetRequiredService<LeadScoring>().ExplainAsync(new LeadScorePerson("ada@acme.example", null));
        Assert.Equal(12, score.Total);
        Assert.Equal(["BecameMql C3->C3 12"], handler.Kinds);
        Assert.IsType<InMemoryLeadScoreStore>(provider.GetRequiredService<ILeadScoreStore>());
    }

    [Fact]
    public async Task WriteScoreTo_WritesTheTotalToTheLeadsProvider_OnlyWhenItChanged()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(T0));
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory();
        martech.AddLeadScoring(o =>
        {
            o.WriteScoreTo = "inmemory";
            o.Add(new FitScoringRule { Name = "company", Field = RecordField.Company, Operator = FitOperator.Present, Points = 12 });
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        ILeadClient leads = provider.GetRequiredKeyedService<ILeadClient>("InMemory");
        Lead stored = await leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@acme.example"), Company = "Acme" });
        LeadScoring scoring = provider.GetRequiredService<LeadScoring>();

        await scoring.ScoreAsync(stored);
        Lead written = (await leads.GetAsync(stored.Id!))!;

        Assert.Equal(12, written.Score);
        Assert.Equal("Acme", written.Company);                       // only the score is sent

        var counting = new CountingLeadClient(leads);
        var direct = new LeadScoring(scoring.Options, scoreWriter: counting);
        await direct.ScoreAsync(written);                             // 12 already: nothing written
        await direct.ScoreAsync(written with { Company = null });    // 0: written
        await direct.ScoreAsync(new Lead { Company = "Acme" });      // no id: nothing written
        Assert.Equal(1, counting.Updates);
        Assert.Equal(0, (await leads.GetAsync(stored.Id!))!.Score);
    }

    private sealed class CountingLeadClient(ILeadClient inner) : DelegatingLeadClient(inner)
    {
        public int Updates { get; private set; }

        public override Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default)
        {
            Updates++;
            return base.UpdateAsync(lead, cancellationToken);
        }
    }

    [Fact]
    public void WriteScoreTo_AnInstanceWithoutLeads_FailsAtStart()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddLeadScoring(o =>
        {
            o.WriteScoreTo = "HubSpot";
            o.Add(new FitScoringRule { Name = "company", Field = RecordField.Company, Operator = FitOperator.Present, Points = 12 });
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(["Martech:Leads:Scoring:WriteScoreTo names 'HubSpot', which is not a provider instance that supplies leads: add it (such as AddInMemory(\"HubSpot\")) or name one that does (none)."], error.Failures);
    }

    private static ServiceProvider Build(string json, Action<LeadScoringOptions>? configure = null)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(T0));
        services.AddMartech(configuration.GetSection("Martech")).AddLeadScoring(configure);
        return services.BuildServiceProvider();
    }
}
