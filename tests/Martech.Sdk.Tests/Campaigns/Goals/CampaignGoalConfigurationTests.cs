using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Martech.Sdk.Tests.Campaigns.Goals.CampaignGoalEvaluationTests;

namespace Martech.Sdk.Tests.Campaigns.Goals;

/// <summary>Goals from <c>Martech:Campaigns:Goals</c> and from code: bound, read from the instance they name, and checked
/// at start with messages naming the configuration path and the fix.</summary>
public sealed class CampaignGoalConfigurationTests
{
    private const string Goals = """
        {
          "Martech": {
            "Defaults": { "CampaignStats": "Analytics" },
            "Campaigns": {
              "Goals": {
                "email-clicks-2027": {
                  "Provider": "Analytics",
                  "Campaigns": [ "newsletter" ],
                  "Metric": "totalclicks",
                  "Baseline": { "From": "2026-01-01", "To": "2026-12-31" },
                  "Target": "+25 %",
                  "Start": "2027-01-01",
                  "Deadline": "2027-12-31",
                  "ForecastMonths": "3"
                },
                "ctr-2027": {
                  "Campaigns": [ "newsletter" ],
                  "Metric": "ClickThroughRate",
                  "Baseline": { "Value": "2.0" },
                  "Target": "2.5 %",
                  "Start": "2027-01-01",
                  "Deadline": "2027-12-31",
                  "Forecast": "RecentRunRate"
                }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task ConfiguredGoals_Bind_PassStartValidation_AndReadTheInstanceTheyName()
    {
        var vendor = new FakeCampaignStatsClient();
        FakeCampaignStatsClient analytics = new FakeCampaignStatsClient()
            .Clicks("newsletter", "2026-01", 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400)
            .Clicks("newsletter", "2027-01", 450, 470, 490, 250);
        using ServiceProvider provider = Build(Goals, vendor, analytics, "2027-04-16T00:00Z");

        provider.GetRequiredService<IStartupValidator>().Validate();
        CampaignGoals goals = provider.GetRequiredService<CampaignGoals>();
        CampaignGoal clicks = goals.Goals[1];
        CampaignGoalEvaluation evaluation = await goals.EvaluateAsync("Email-Clicks-2027");
        IReadOnlyList<CampaignGoalEvaluation> all = await goals.EvaluateAllAsync();

        // Configured goals come in the order of their keys.
        Assert.Equal(["ctr-2027", "email-clicks-2027"], goals.Goals.Select(g => g.Name));
        Assert.Equal(CampaignGoalMetric.Count(CampaignMetric.TotalClicks), clicks.Metric);
        Assert.Equal(CampaignGoalMeasure.Total, clicks.Measure);
        Assert.Equal(CampaignGoalTarget.Relative(25), clicks.Target);
        Assert.Equal(3, clicks.ForecastMonths);
        Assert.Equal(CampaignGoalMeasure.Monthly, goals.Goals[0].Measure);  // a rate defaults to Monthly
        Assert.Equal(CampaignGoalTarget.Absolute(2.5), goals.Goals[0].Target);
        Assert.Equal(CampaignGoalForecastMethod.RecentRunRate, goals.Goals[0].Forecast);
        // The same numbers as the hand-checked evaluation: 1,660 of 6,000, forecast 6,715.
        Assert.Equal((6000.0, 1660.0, 6715.0, CampaignGoalStatus.OnTrack), (evaluation.Target, evaluation.Current!.Value, evaluation.Forecast!.Value, evaluation.Status));
        Assert.Equal("Analytics", evaluation.Provider);
        // The rate goal names no provider and reads the default (Martech:Defaults:CampaignStats = Analytics); no click has
        // recipients in this source, so it is at risk for want of data.
        Assert.Equal(("Analytics", CampaignGoalStatus.AtRisk), (all[0].Provider, all[0].Status));
        Assert.Empty(vendor.Requests);
    }

    [Fact]
    public void InvalidGoals_StopTheStart_NamingEachPathAndTheFix()
    {
        const string json = """
            {
              "Martech": {
                "Campaigns": {
                  "Goals": {
                    "bad": {
                      "Campaigns": [ "newsletter" ],
                      "Metric": "Clicks",
                      "Baseline": { "Value": "many" },
                      "Target": "+500",
                      "Start": "2027-01-15",
                      "Deadline": "31/12/2027"
                    },
                    "wrong-shape": {
                      "Campaigns": [ ],
                      "Metric": "ClickThroughRate",
                      "Measure": "Total",
                      "Baseline": { "From": "2026-01-01", "To": "2027-06-30" },
                      "Target": "+25 %",
                      "Start": "2027-01-15",
                      "Deadline": "2027-12-30",
                      "ForecastMonths": "0"
                    },
                    "lost": {
                      "Provider": "SendGrid",
                      "Campaigns": [ "newsletter" ],
                      "Metric": "TotalClicks",
                      "Baseline": { "Value": "4800" },
                      "Target": "+25 %",
                      "Start": "2027-01-01",
                      "Deadline": "2027-12-31"
                    }
                  }
                }
              }
            }
            """;
        using ServiceProvider provider = Build(json, new FakeCampaignStatsClient(), new FakeCampaignStatsClient(), "2027-04-16T00:00Z");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        string[] expected =
        [
            "Martech:Campaigns:Goals:bad:Metric: 'Clicks' is not a goal metric: write a count (Sent, UniqueRecipients, Delivered, Dropped, Bounces, TotalOpens, UniqueOpens, TotalClicks, UniqueClicks, Unsubscribes, SpamReports), a rate (ClickThroughRate, OpenRate, ClickToOpenRate, DeliveryRate, BounceRate, UnsubscribeRate, SpamReportRate), or a count over a count such as UniqueClicks/Delivered.",
            "Martech:Campaigns:Goals:bad:Target: '+500' is not a goal target: write a change relative to the baseline with its sign and a percent sign (+25 %, -10 %), or an absolute value without a sign (7500, or 2.5 for a 2.5 % rate).",
            "Martech:Campaigns:Goals:bad:Deadline ('31/12/2027') is not a date such as 2027-12-31.",
            "Martech:Campaigns:Goals:bad:Baseline:Value ('many') is not a number, such as 6000 or 2.1 (a dot for decimals).",
            "Martech:Campaigns:Goals:wrong-shape:Campaigns must list at least one campaign id (or tag), without empty values, such as [\"newsletter\"].",
            "Martech:Campaigns:Goals:wrong-shape:Measure is Total, but ClickThroughRate is a rate, which does not add up over months: set Martech:Campaigns:Goals:wrong-shape:Measure to Monthly.",
            "Martech:Campaigns:Goals:wrong-shape:Start (2027-01-15) must be the first day of a month, such as 2027-01-01: goals are measured in calendar months (UTC).",
            "Martech:Campaigns:Goals:wrong-shape:Deadline (2027-12-30) must be the last day of a month, such as 2027-12-31: goals are measured in calendar months (UTC).",
            "Martech:Campaigns:Goals:wrong-shape:Baseline:To (2027-06-30) must be before the goal's Start (2027-01-15): the baseline is measured before the goal starts.",
            "Martech:Campaigns:Goals:wrong-shape:ForecastMonths must be between 1 and 60 (was 0); 2 or more for a trend.",
            "Martech:Campaigns:Goals:lost:Provider names 'SendGrid', which is not a provider instance that supplies campaign stats (ICampaignStatsClient): register it (such as AddSendGrid(\"SendGrid\")) or name one that does (Vendor, Analytics).",
        ];
        foreach (string message in expected)
        {
            Assert.Contains(message, error.Failures);
        }

        Assert.Equal(expected.Length, error.Failures.Count());
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CampaignGoals>().Goals);
    }

    [Fact]
    public void TotalGoal_WithABaselinePeriodOfAnotherLength_IsRefused_WithTheMatchingPeriod()
    {
        const string json = """
            { "Martech": { "Campaigns": { "Goals": { "clicks": {
              "Campaigns": [ "newsletter" ], "Metric": "TotalClicks", "Target": "+25 %",
              "Baseline": { "From": "2026-07-01", "To": "2026-12-31" }, "Start": "2027-01-01", "Deadline": "2027-12-31" } } } } }
            """;
        using ServiceProvider provider = Build(json, new FakeCampaignStatsClient(), new FakeCampaignStatsClient(), "2027-04-16T00:00Z");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "Martech:Campaigns:Goals:clicks:Baseline covers 6 months but the goal 12: a Total goal compares totals, so measure the baseline over as many months (such as 2026-01-01 to 2026-12-31).",
            Assert.Single(error.Failures));
    }

    [Fact]
    public void GoalsWithoutAnyStatsProvider_StopTheStart()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddCampaignGoals().AddGoal(Goal("clicks"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "AddGoal('clicks'): no provider instance supplies campaign stats (ICampaignStatsClient), which the goal reads: add one (such as AddInMemory(), the event analytics, or a vendor such as AddSendGrid()), or set AddGoal('clicks'):Provider.",
            Assert.Single(error.Failures));
    }

    [Fact]
    public void AddGoal_RefusesInvalidGoalsAndDuplicateNames_AndAddCampaignGoalsTwiceSharesTheGoals()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory();
        CampaignGoalsBuilder builder = martech.AddCampaignGoals().AddGoal(Goal("clicks"));

        var invalid = Assert.Throws<ArgumentException>(() => builder.AddGoal(Goal("other") with { Target = CampaignGoalTarget.Relative(-10) }));
        var duplicate = Assert.Throws<ArgumentException>(() => martech.AddCampaignGoals().AddGoal(Goal("CLICKS")));
        martech.AddCampaignGoals().AddGoal(Goal("opens") with { Metric = CampaignGoalMetric.Count(CampaignMetric.TotalOpens) });
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.StartsWith("CampaignGoal 'other':Target (-10 %) must be above the baseline (4800) for a Total goal: a total only grows. To lower a count (unsubscribes, bounces), set CampaignGoal 'other':Measure to Monthly.", invalid.Message, StringComparison.Ordinal);
        Assert.StartsWith("A campaign goal named 'CLICKS' was already added.", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(["clicks", "opens"], provider.GetRequiredService<CampaignGoals>().Goals.Select(g => g.Name));
    }

    [Theory]
    [InlineData("+25 %", 25, true)]
    [InlineData("-10%", -10, true)]
    [InlineData("+2.5 %", 2.5, true)]
    [InlineData("7500", 7500, false)]
    [InlineData(" 2.5 % ", 2.5, false)]
    public void Target_Parse_SignedPercentIsRelative_UnsignedIsAbsolute(string text, double value, bool relative)
    {
        CampaignGoalTarget target = CampaignGoalTarget.Parse(text);

        Assert.Equal(new CampaignGoalTarget(value, relative), target);
        Assert.Equal(target, CampaignGoalTarget.Parse(target.ToString()));
    }

    [Theory]
    [InlineData("+500")]
    [InlineData("25 percent")]
    [InlineData("2,5 %")]
    [InlineData("")]
    [InlineData("%")]
    public void Target_Parse_RefusesOtherText(string text)
    {
        Assert.False(CampaignGoalTarget.TryParse(text, out _));
        Assert.Throws<ArgumentException>(() => CampaignGoalTarget.Parse(text));
    }

    [Fact]
    public void Target_Resolve_AppliesARelativeChangeToTheBaseline()
    {
        Assert.Equal(6000, CampaignGoalTarget.Relative(25).Resolve(4800), 9);   // 4,800 × 1.25
        Assert.Equal(2.7, CampaignGoalTarget.Relative(-10).Resolve(3), 9);      // 3 × 0.9
        Assert.Equal(7500, CampaignGoalTarget.Absolute(7500).Resolve(4800));
    }

    [Theory]
    [InlineData("totalclicks", "TotalClicks", false)]
    [InlineData("ClickThroughRate", "ClickThroughRate", true)]
    [InlineData("clickthroughrate", "ClickThroughRate", true)]
    [InlineData(" UniqueClicks / delivered ", "UniqueClicks/Delivered", true)]
    public void Metric_Parse_ReadsCountsRatesAndQuotients(string text, string name, bool isRate)
    {
        CampaignGoalMetric metric = CampaignGoalMetric.Parse(text);

        Assert.Equal((name, isRate), (metric.Name, metric.IsRate));
        Assert.Equal(metric, CampaignGoalMetric.Parse(metric.Name));
    }

    [Theory]
    [InlineData("Clicks")]
    [InlineData("MachineEngagement")]
    [InlineData("UniqueClicks/")]
    [InlineData("BounceKinds/Sent")]
    public void Metric_Parse_RefusesWhatIsNotOneCountOrRate(string text)
    {
        Assert.False(CampaignGoalMetric.TryParse(text, out _));
        Assert.Throws<ArgumentException>(() => CampaignGoalMetric.Count(CampaignMetric.TotalClicks | CampaignMetric.TotalOpens));
    }

    [Fact]
    public void Metric_ReadsNamedRatesAsCampaignStatsDividesThem()
    {
        // A source without a recipient count: the click-through rate falls back to sends, as CampaignStats' own does.
        var stats = new CampaignStats { CampaignId = "c", Reported = CampaignMetric.Sent | CampaignMetric.UniqueClicks, Sent = 200, UniqueClicks = 7 };

        var read = CampaignGoalMetric.ClickThroughRate.Read(stats);

        Assert.Equal((7L, 200L, CampaignMetric.UniqueClicks, CampaignMetric.Sent, true), read);
    }

    private static CampaignGoal Goal(string name) => new()
    {
        Name = name,
        Campaigns = ["newsletter"],
        Metric = CampaignGoalMetric.Count(CampaignMetric.TotalClicks),
        Baseline = CampaignGoalBaseline.Of(4800),
        Target = CampaignGoalTarget.Relative(25),
        Start = new DateOnly(2027, 1, 1),
        Deadline = new DateOnly(2027, 12, 31),
    };

    private static ServiceProvider Build(string json, FakeCampaignStatsClient vendor, FakeCampaignStatsClient analytics, string now)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(At(now)));
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddProvider("Vendor", "Fake").AddCapability<ICampaignStatsClient>(_ => vendor);
        martech.AddProvider("Analytics", "Fake").AddCapability<ICampaignStatsClient>(_ => analytics);
        martech.AddCampaignGoals();
        return services.BuildServiceProvider();
    }
}
