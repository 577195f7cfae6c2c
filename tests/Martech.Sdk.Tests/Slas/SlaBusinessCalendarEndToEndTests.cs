using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static Martech.Sdk.Tests.Slas.SlaTestData;

namespace Martech.Sdk.Tests.Slas;

/// <summary>The SLA engine with real business calendars: a host built from configuration alone (<c>AddSlas()</c> binds
/// <c>Martech:Slas:Calendars</c> itself), its monitor running as a hosted service on a manual clock.</summary>
public sealed class SlaBusinessCalendarEndToEndTests
{
    // London, weekdays 09:00-17:30; Friday 2026-03-27 is a company holiday; the clocks go forward on Sunday 2026-03-29
    // (01:00 GMT becomes 02:00 BST).
    private const string Json = """
        {
          "Martech": {
            "Defaults": { "Leads": "InMemory", "Messaging": "InMemory" },
            "Slas": {
              "EvaluationInterval": "00:30:00",
              "LeadsProvider": "InMemory",
              "Escalation": { "Provider": "InMemory", "Destination": "channel:C-sales", "AtRisk": true },
              "Calendars": {
                "uk-sales": {
                  "TimeZone": "Europe/London",
                  "Hours": { "Weekdays": "09:00-17:30" },
                  "Holidays": [ "12-25 observed", "2026-03-27" ]
                }
              },
              "Policies": {
                "mql-first-touch": { "Metric": "time_to_first_touch", "Target": "04:00:00", "WarnBefore": "01:00:00", "Calendar": "uk-sales" }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task HostFromConfiguration_ClockAcrossHolidayWeekendAndDst_IsDueAtTheHandComputedInstant()
    {
        // Thursday 2026-03-26 15:30 GMT (= UTC).
        var clock = new ManualTimeProvider(At("2026-03-26T15:30Z"));
        using IHost host = BuildHost(clock, Json);
        ILeadClient leads = host.Services.GetRequiredKeyedService<ILeadClient>("InMemory");
        Lead ignored = await leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@example.com"), OwnerId = "rep-7", Status = LeadStatus.New });
        Lead touched = await leads.CreateAsync(new Lead { Email = EmailAddress.Parse("grace@example.com"), OwnerId = "rep-8", Status = LeadStatus.New });
        SlaMonitor monitor = host.Services.GetRequiredService<SlaMonitor>();

        await host.StartAsync();
        await WaitForPassAsync(monitor, clock);

        // By hand: Thursday 15:30-17:30 GMT is 2 of the 4 hours; Friday is the holiday; Saturday and Sunday are closed;
        // Monday opens at 09:00 BST = 08:00 UTC (the clocks went forward on Sunday), so the last 2 hours end at
        // 11:00 BST = 10:00 UTC. Warned an hour before: 09:00 UTC.
        DateTimeOffset due = At("2026-03-30T10:00Z");
        DateTimeOffset atRisk = At("2026-03-30T09:00Z");
        SlaClock first = await ClockAsync(monitor, ignored.Id!);
        Assert.Equal((SlaClockStatus.Pending, due, atRisk, "uk-sales"), (first.Status, first.DueAt, first.AtRiskAt!.Value, first.Calendar));

        // The second lead is worked on the holiday (Friday 10:00 UTC): met, having used only Thursday's 2 hours.
        await AdvanceToAsync(clock, monitor, At("2026-03-27T10:00Z"));
        await leads.UpdateAsync(new Lead { Id = touched.Id, Status = LeadStatus.Working });

        var raised = new List<(DateTimeOffset At, SlaTransitionKind Kind, string Lead)>();
        await AdvanceToAsync(clock, monitor, At("2026-03-30T11:00Z"), raised);

        Assert.Equal(
            new (DateTimeOffset, SlaTransitionKind, string)[]
            {
                (At("2026-03-27T10:30Z"), SlaTransitionKind.Met, touched.Id!),
                (atRisk, SlaTransitionKind.AtRisk, ignored.Id!),
                (At("2026-03-30T10:30Z"), SlaTransitionKind.Breached, ignored.Id!),
            },
            raised);
        SlaClock breached = await ClockAsync(monitor, ignored.Id!);
        Assert.Equal((SlaClockStatus.Breached, due, TimeSpan.FromHours(1)), (breached.Status, breached.BreachedAt!.Value, breached.OverdueBy!.Value));
        SlaClock met = await ClockAsync(monitor, touched.Id!);
        Assert.Equal((SlaClockStatus.Met, At("2026-03-27T10:00Z"), TimeSpan.FromHours(2)), (met.Status, met.MetAt!.Value, met.Elapsed));

        IReadOnlyList<SentMessage> cards = host.Services.GetRequiredKeyedService<InMemoryMartechStore>("InMemory").SentMessages;
        Assert.Equal(2, cards.Count);
        Assert.Contains("Due: 2026-03-30 11:00 Europe/London (10:00 UTC)", cards[^1].RenderedText, StringComparison.Ordinal);
        Assert.Contains("'uk-sales' business time", cards[^1].RenderedText, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task HostWithoutCalendars_Starts_AndAPolicyWithoutACalendarCountsWallClockTime()
    {
        var clock = new ManualTimeProvider(At("2026-03-27T16:00Z"));
        using IHost host = BuildHost(clock, """
            { "Martech": { "Slas": { "Policies": { "chat": { "Metric": "resolution", "Target": "04:00:00" } } } } }
            """);

        await host.StartAsync();

        Assert.Empty(host.Services.GetRequiredService<IBusinessCalendars>().Names);
        await host.Services.GetRequiredService<ISlaTracker>().RecordAsync(SlaItemKind.Conversation, "C1", Created("2026-03-27T16:00Z"));
        SlaClock clock4h = Assert.Single(await host.Services.GetRequiredService<SlaMonitor>().GetClocksAsync(SlaItemKind.Conversation, "C1"));
        Assert.Equal((At("2026-03-27T20:00Z"), (string?)null), (clock4h.DueAt, clock4h.Calendar));
        await host.StopAsync();
    }

    [Fact]
    public void PolicyNamingAnUndefinedCalendar_StopsTheHost_NamingTheFix()
    {
        using IHost host = BuildHost(new ManualTimeProvider(), """
            { "Martech": { "Slas": { "Policies": { "touch": { "Metric": "time_to_first_touch", "Target": "04:00:00", "Calendar": "sales" } } } } }
            """);

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Has(ex.Message, "SLA policy 'touch' counts business time in calendar 'sales', which is not defined: define Martech:Slas:Calendars:sales with its TimeZone and Hours, or add it in code with AddBusinessCalendars(o => o.Add(\"sales\", ...)) (calendars: none).");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddBusinessCalendars_BeforeOrAfterAddSlas_IsOneSetOfCalendars(bool before)
    {
        var services = new ServiceCollection();
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory();
        void AddNight() => martech.AddBusinessCalendars(o => o.Add("night-desk", c =>
        {
            c.TimeZone = "America/New_York";
            c.Hours["Everyday"] = "22:00-06:00+1";
        }));
        if (before)
        {
            AddNight();
        }

        martech.AddSlas().AddPolicy(new SlaPolicy { Name = "night", Metric = SlaMetric.FirstResponse, Target = TimeSpan.FromMinutes(30), Calendar = "night-desk" });
        if (!before)
        {
            AddNight();
        }

        using ServiceProvider provider = services.AddLogging().BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Single(services, d => d.ServiceType == typeof(IBusinessCalendars));
        Assert.Equal(["uk-sales", "night-desk"], provider.GetRequiredService<IBusinessCalendars>().Names);
    }

    [Fact]
    public void PolicyWithoutCalendar_GivesTheClocksOfAlwaysOpen()
    {
        SlaPolicy wallClock = FirstTouch(TimeSpan.FromHours(30)) with { WarnAtFraction = 0.5 };
        SlaPolicy alwaysOpen = wallClock with { Calendar = BusinessCalendar.AlwaysOpenName };
        SlaItem lead = Lead(Created("2026-03-28T22:15Z"), Event(SlaItemEventType.Touched, "2026-03-30T07:00Z"));

        foreach (string now in new[] { "2026-03-29T00:00Z", "2026-03-29T13:15Z", "2026-03-30T06:00Z", "2026-03-30T09:00Z" })
        {
            SlaClock plain = SlaEvaluator.Evaluate(wallClock, null, lead, At(now))!;
            SlaClock open = SlaEvaluator.Evaluate(alwaysOpen, BusinessCalendar.AlwaysOpen, lead, At(now))!;
            Assert.Equal(
                (open.Status, open.DueAt, open.AtRiskAt, open.Elapsed, open.Remaining, open.OverdueBy, open.OverdueBusinessTime),
                (plain.Status, plain.DueAt, plain.AtRiskAt, plain.Elapsed, plain.Remaining, plain.OverdueBy, plain.OverdueBusinessTime));
        }

        Assert.Equal(At("2026-03-30T04:15Z"), SlaEvaluator.Evaluate(wallClock, null, lead, At("2026-03-29T00:00Z"))!.DueAt);
    }

    private static IHost BuildHost(ManualTimeProvider clock, string json)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLogging();
        MartechBuilder martech = builder.Services.AddMartech(builder.Configuration.GetSection("Martech"));
        martech.AddInMemory();
        martech.AddSlas();
        return builder.Build();
    }

    private static async Task<SlaClock> ClockAsync(SlaMonitor monitor, string leadId) =>
        Assert.Single(await monitor.GetClocksAsync(SlaItemKind.Lead, leadId));

    /// <summary>Moves the clock one evaluation interval at a time, waiting for the hosted monitor's pass at each step and
    /// collecting what each pass raised.</summary>
    private static async Task AdvanceToAsync(ManualTimeProvider clock, SlaMonitor monitor, DateTimeOffset until, List<(DateTimeOffset, SlaTransitionKind, string)>? raised = null)
    {
        while (clock.GetUtcNow() < until)
        {
            clock.Advance(TimeSpan.FromMinutes(30));
            SlaEvaluationResult pass = await WaitForPassAsync(monitor, clock);
            raised?.AddRange(pass.Transitions.Select(t => (pass.EvaluatedAt, t.Kind, t.Item.Id)));
        }
    }

    private static async Task<SlaEvaluationResult> WaitForPassAsync(SlaMonitor monitor, ManualTimeProvider clock)
    {
        DateTimeOffset now = clock.GetUtcNow();
        for (int i = 0; i < 1000 && monitor.LastResult?.EvaluatedAt != now; i++)
        {
            await Task.Delay(5);
        }

        Assert.Equal(now, monitor.LastResult?.EvaluatedAt);
        return monitor.LastResult!;
    }

    private static void Has(string message, string expected) =>
        Assert.True(message.Contains(expected, StringComparison.Ordinal), $"Expected \"{expected}\" in:\n{message}");
}
