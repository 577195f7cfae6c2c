using Martech.Sdk.Testing;
using Martech.Sdk.Tests.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Martech.Sdk.Tests.Leads.Scoring.ScoringKit;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>Scoring hands qualified leads to the router: <c>AddLeadScoring().HandOffQualifiedLeads()</c> with the
/// in-memory CRM and messaging provider. The model: a click scores 10, a form fill 20; MQL at 10, SQL at 30.</summary>
public sealed class QualifiedLeadHandoffTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(T0);
    private readonly RecordingLoggerProvider _logs = new();
    private ServiceProvider? _provider;

    public void Dispose() => _provider?.Dispose();

    [Fact]
    public async Task A_click_that_makes_a_lead_an_mql_hands_it_off_once_even_when_the_event_is_delivered_twice()
    {
        ServiceProvider provider = Build();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Lead lead = await provider.GetRequiredService<ILeadClient>().CreateAsync(new Lead { FirstName = "Grace", LastName = "Hopper", Email = EmailAddress.Parse("grace@navy.example") });
        LeadScoring scoring = provider.GetRequiredService<LeadScoring>();

        // 10 points from the click = MqlThreshold 10: BecameMql (and C3 → C2, engagement grade 2 from 10 points).
        LeadScoreRecordResult first = await scoring.RecordAsync(Click("c1", "Grace@Navy.example", T0));
        LeadScoreRecordResult again = await scoring.RecordAsync(Click("c1", "Grace@Navy.example", T0));

        Assert.Contains(first.Transitions, t => t.Kind == LeadScoreTransitionKind.BecameMql);
        Assert.Equal(LeadScoreRecordOutcome.Duplicate, again.Outcome);
        Lead? stored = await provider.GetRequiredService<ILeadClient>().GetAsync(lead.Id!);
        Assert.Equal("ada", stored!.OwnerId);
        Assert.Equal("working", stored.Status?.Value);
        SentMessage message = Assert.Single(Crm(provider).SentMessages);
        Assert.Equal(MessageDestination.User("U-ADA"), message.Message.Destination);
        Assert.Single(_logs.Entries, e => e.EventId.Id == 902 && e.Message.Contains(lead.Id!, StringComparison.Ordinal));

        // A second click adds points but crosses nothing: no second handoff.
        LeadScoreRecordResult second = await scoring.RecordAsync(Click("c2", "grace@navy.example", T0.AddMinutes(-5)));
        Assert.DoesNotContain(second.Transitions, t => t.Kind == LeadScoreTransitionKind.BecameMql);
        Assert.Single(Crm(provider).SentMessages);
    }

    [Fact]
    public async Task At_sql_waits_for_the_sql_threshold_and_a_scored_lead_is_handed_off_as_given()
    {
        ServiceProvider provider = Build(o => o.At = LeadQualification.Sql);
        provider.GetRequiredService<IStartupValidator>().Validate();
        ILeadClient leads = provider.GetRequiredService<ILeadClient>();
        Lead lead = await leads.CreateAsync(new Lead { FirstName = "Ada", Email = EmailAddress.Parse("ada@engine.example") });
        LeadScoring scoring = provider.GetRequiredService<LeadScoring>();

        await scoring.RecordAsync(Click("c1", "ada@engine.example", T0));
        Assert.Empty(Crm(provider).SentMessages); // 10 points: MQL, not SQL
        await scoring.RecordAsync(Form("f1", null, T0.AddMinutes(-1), contactId: "contact-9"));
        Assert.Empty(Crm(provider).SentMessages); // another person (contact-9 only)

        // The lead itself gets 20 more from a form: 30 = SqlThreshold. Scoring the lead carries it in the transition.
        await scoring.RecordAsync(Form("f2", "ada@engine.example", T0.AddMinutes(-2)));
        Assert.Single(Crm(provider).SentMessages);
        Assert.Equal("ada", (await leads.GetAsync(lead.Id!))!.OwnerId);
        LeadScore score = await scoring.ScoreAsync(lead);
        Assert.Equal(LeadQualification.Sql, score.Qualification);
        Assert.Single(Crm(provider).SentMessages); // already SQL: scoring the record crosses nothing
    }

    [Fact]
    public async Task A_transition_without_a_lead_is_logged_and_skipped()
    {
        ServiceProvider provider = Build();
        LeadScoring scoring = provider.GetRequiredService<LeadScoring>();

        // Nobody in the CRM has this address or contact id: the lookup finds nothing.
        LeadScoreRecordResult result = await scoring.RecordAsync(Form("f1", "nobody@example.org", T0, contactId: "contact-7"));

        Assert.Contains(result.Transitions, t => t.Kind == LeadScoreTransitionKind.BecameMql);
        Assert.Empty(Crm(provider).SentMessages);
        RecordingLoggerProvider.LogEntry entry = Assert.Single(_logs.Entries, e => e.EventId.Id == 903);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("contact contact-7", entry.Message, StringComparison.Ordinal);
        Assert.Contains("none among the first 10000 leads", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == 900); // nothing was thrown into the engine
    }

    [Fact]
    public async Task A_lead_found_by_contact_id_is_handed_off_and_a_failed_write_is_logged_with_the_lead_id()
    {
        Lead ghost = new() { Id = "lead-gone", Email = EmailAddress.Parse("ghost@example.org") };
        ServiceProvider provider = Build(o => o.FindLead = (person, _) => Task.FromResult<Lead?>(person.ContactId == "contact-1" ? ghost : null));
        LeadScoring scoring = provider.GetRequiredService<LeadScoring>();

        // FindLead gives a lead the CRM does not have: the router's write fails, and the failure is logged, not thrown.
        await scoring.RecordAsync(Message("m1", null, "contact-1", T0));
        await scoring.RecordAsync(Message("m2", null, "contact-1", T0.AddMinutes(-1)));

        RecordingLoggerProvider.LogEntry failed = Assert.Single(_logs.Entries, e => e.EventId.Id == 905);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Contains("lead-gone", failed.Message, StringComparison.Ordinal);
        Assert.Empty(Crm(provider).SentMessages);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == 900);
    }

    [Fact]
    public async Task The_default_lookup_matches_a_leads_contact_id()
    {
        ServiceProvider provider = Build();
        ILeadClient leads = provider.GetRequiredService<ILeadClient>();
        await leads.CreateAsync(new Lead { FirstName = "Other", Email = EmailAddress.Parse("other@example.org") });
        Lead lead = await leads.CreateAsync(new Lead { FirstName = "Linus", ContactId = "contact-42" });

        await provider.GetRequiredService<LeadScoring>().RecordAsync(Form("f1", null, T0, contactId: "contact-42")); // 20 points: MQL

        Assert.Equal("ada", (await leads.GetAsync(lead.Id!))!.OwnerId);
        Assert.Single(Crm(provider).SentMessages);
    }

    [Fact]
    public void Handing_off_without_routing_fails_at_start_and_names_the_fix()
    {
        ServiceProvider provider = Build(routing: false);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AddLeadRouting()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Handing_off_at_sql_without_an_sql_threshold_fails_at_start_and_names_the_fix()
    {
        ServiceProvider provider = Build(o => o.At = LeadQualification.Sql, sqlThreshold: null);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SqlThreshold", error.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:Leads:Scoring:SqlThreshold", error.Message, StringComparison.Ordinal);
    }

    private static InMemoryMartechStore Crm(ServiceProvider provider) => provider.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");

    private ServiceProvider Build(Action<QualifiedLeadHandoffOptions>? configure = null, bool routing = true, int? sqlThreshold = 30)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory();
        if (routing)
        {
            martech.AddLeadRouting(o =>
            {
                o.Owners = new Dictionary<string, LeadOwnerOptions> { ["ada"] = new() { Destination = "user:U-ADA" } };
                o.Pools = new Dictionary<string, LeadPoolOptions> { ["sales"] = new() { Owners = ["ada"] } };
                o.DefaultPool = "sales";
                o.AssignedStatus = "working";
                o.NotificationProvider = "InMemory";
            });
        }

        martech.AddLeadScoring(o =>
        {
            o.MqlThreshold = 10;
            o.SqlThreshold = sqlThreshold;
            o.Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 10 })
                .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 20 })
                .Add(new EngagementScoringRule { Name = "chat", Activity = EngagementActivity.MessageReceived, Points = 5 });
        }).HandOffQualifiedLeads(configure);
        return _provider = services.BuildServiceProvider();
    }
}
