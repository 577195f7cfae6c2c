using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Martech.Sdk.Tests.Slas.SlaTestData;

namespace Martech.Sdk.Tests.Slas;

/// <summary>Policies and monitor settings from <c>Martech:Slas</c>, checked when the host starts with messages that name
/// the setting and the fix.</summary>
public sealed class SlaConfigurationTests
{
    [Fact]
    public async Task Policies_BindFromConfiguration_WithTargetsConditionsAndTheirCalendar()
    {
        var config = new Dictionary<string, string?>
        {
            ["Martech:Slas:Policies:mql-touch:Metric"] = "time_to_first_touch",
            ["Martech:Slas:Policies:mql-touch:Target"] = "04:00:00",
            ["Martech:Slas:Policies:mql-touch:Calendar"] = "office",
            ["Martech:Slas:Policies:mql-touch:WarnAtFraction"] = "0.75",
            ["Martech:Slas:Policies:mql-touch:AppliesTo:Kind"] = "lead",
            ["Martech:Slas:Policies:mql-touch:AppliesTo:Sources:0"] = "webinar",
            ["Martech:Slas:Policies:mql-touch:Targets:0:Priorities:0"] = "high",
            ["Martech:Slas:Policies:mql-touch:Targets:0:Target"] = "01:00:00",
            ["Martech:Slas:Policies:mql-touch:Stop:0:Event"] = "status_changed",
            ["Martech:Slas:Policies:mql-touch:Stop:0:Statuses:0"] = "working",
            ["Martech:Slas:Volumes:mqls:Measure"] = "LeadsReachingStatus",
            ["Martech:Slas:Volumes:mqls:Status"] = "qualified",
            ["Martech:Slas:Volumes:mqls:Minimum"] = "200",
            ["Martech:Slas:Volumes:mqls:TimeZone"] = "Europe/Berlin",
        };
        await using SlaHost host = SlaHost.Start(new ManualTimeProvider(At("2026-12-07T12:00Z")), _ => { }, config, s => s.AddSingleton<IBusinessCalendars>(new TestBusinessCalendars(new TestBusinessCalendar("office"))));

        SlaPolicy policy = Assert.Single(host.Monitor.Policies);
        Assert.Equal(("mql-touch", SlaMetric.TimeToFirstTouch, TimeSpan.FromHours(4), "office", 0.75), (policy.Name, policy.Metric, policy.Target, policy.Calendar, policy.WarnAtFraction!.Value));
        Assert.Equal(["webinar"], policy.AppliesTo!.Sources);
        Assert.Equal((TimeSpan.FromHours(1), "high"), (policy.Targets[0].Target, policy.Targets[0].When.Priorities[0]));
        Assert.Equal("status_changed to working", Assert.Single(policy.Stop!).ToString());
        Assert.Null(policy.Start);
        SlaVolumePolicy volume = Assert.Single(host.Monitor.VolumePolicies);
        Assert.Equal((SlaVolumeMeasure.LeadsReachingStatus, 200.0, "Europe/Berlin"), (volume.Measure, volume.Minimum!.Value, volume.TimeZone));

        await host.Tracker.RecordAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T09:00Z", priority: "high") with { Source = "webinar" }, Status("2026-12-07T10:30Z", "open")]);
        SlaClock clock = Assert.Single(await host.Monitor.GetClocksAsync(SlaItemKind.Lead, "L1"));
        Assert.Equal((SlaClockStatus.Breached, At("2026-12-07T10:00Z"), "office"), (clock.Status, clock.BreachedAt!.Value, clock.Calendar));
    }

    [Fact]
    public void CalendarNamed_WithNoCalendarsDefined_FailsAtStart_NamingTheFix()
    {
        var ex = SlaHost.StartFails(s => s.AddPolicy(FirstTouch(TimeSpan.FromHours(4), "sales")));

        Has(ex.Message, "SLA policy 'first-touch' counts business time in calendar 'sales', which is not defined: define Martech:Slas:Calendars:sales with its TimeZone and Hours, or add it in code with AddBusinessCalendars(o => o.Add(\"sales\", ...)) (calendars: none).");
    }

    [Fact]
    public void CalendarNotDefined_FailsAtStart_ListingTheCalendars()
    {
        var ex = SlaHost.StartFails(s => s.AddPolicy(FirstTouch(TimeSpan.FromHours(4), "sales")), services: s => s.AddSingleton<IBusinessCalendars>(new TestBusinessCalendars(new TestBusinessCalendar("office"))));

        Has(ex.Message, "calendar 'sales', which is not defined: define Martech:Slas:Calendars:sales with its TimeZone and Hours, or add it in code with AddBusinessCalendars(o => o.Add(\"sales\", ...)) (calendars: office).");
    }

    [Fact]
    public void BadSettings_FailAtStart_EachNamedByItsPath()
    {
        var config = new Dictionary<string, string?>
        {
            ["Martech:Slas:EvaluationInterval"] = "00:00:00.5",
            ["Martech:Slas:LeadsProvider"] = "HubSpot",
            ["Martech:Slas:Escalation:Provider"] = "InMemory",
            ["Martech:Slas:Escalation:Destination"] = "room:42",
            ["Martech:Slas:Escalation:ItemLinkFormat"] = "crm/{id}",
            ["Martech:Slas:Policies:chat:Metric"] = "first_response",
            ["Martech:Slas:Policies:chat:WarnAtFraction"] = "1.5",
            ["Martech:Slas:Policies:slow:Metric"] = "resolution",
            ["Martech:Slas:Policies:slow:Target"] = "soon",
            ["Martech:Slas:Volumes:bounces:Measure"] = "BounceRate",
            ["Martech:Slas:Volumes:bounces:Maximum"] = "200",
            ["Martech:Slas:Volumes:attainment:Measure"] = "Attainment",
            ["Martech:Slas:Volumes:attainment:ClockPolicy"] = "nope",
            ["Martech:Slas:Volumes:attainment:Minimum"] = "90",
        };

        var ex = SlaHost.StartFails(_ => { }, config);

        Has(ex.Message, "Martech:Slas:EvaluationInterval must be between 1 second and 1 day (was 00:00:00.5000000).");
        Has(ex.Message, "Martech:Slas:LeadsProvider names 'HubSpot', which is not a provider instance that supplies leads: add it (such as AddInMemory(\"HubSpot\")) or name one that does (InMemory).");
        Has(ex.Message, "Martech:Slas:Escalation:Destination 'room:42' has the unknown destination kind 'room': write #<channel>, channel:<id>, channel:<id>/<thread>, user:<id>, conversation:<id> or phone:<E.164>.");
        Has(ex.Message, "Martech:Slas:Escalation:ItemLinkFormat must be an absolute http(s) address");
        Has(ex.Message, "Martech:Slas:Policies:chat:Target must be positive, such as 04:00:00 (was 00:00:00).");
        Has(ex.Message, "Martech:Slas:Policies:chat:WarnAtFraction must be between 0 and 1, such as 0.75 (was 1.5).");
        Has(ex.Message, "Martech:Slas:Policies:slow: Failed to convert configuration value 'soon' at 'Martech:Slas:Policies:slow:Target' to type 'System.TimeSpan'.");
        Has(ex.Message, "Martech:Slas:Volumes:bounces: a BounceRate target is a percentage between 0 and 100, such as 2 for 2 % (was 200).");
        Has(ex.Message, "Martech:Slas:Volumes:attainment:ClockPolicy names 'nope', but no time policy has that name. Policies: chat.");
    }

    [Fact]
    public void SamePolicyNameInCodeAndConfiguration_FailsAtStart()
    {
        var ex = SlaHost.StartFails(
            s => s.AddPolicy(FirstTouch(TimeSpan.FromHours(4))),
            new Dictionary<string, string?> { ["Martech:Slas:Policies:first-touch:Metric"] = "time_to_first_touch", ["Martech:Slas:Policies:first-touch:Target"] = "02:00:00" });

        Has(ex.Message, "Two SLA policies are named 'first-touch'");
    }

    [Fact]
    public void AddPolicy_RejectsAnInvalidPolicyAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => SlaHost.Start(new ManualTimeProvider(), s => s.AddPolicy(FirstTouch(TimeSpan.FromHours(-1)))));

        Has(ex.Message, "SlaPolicy 'first-touch':Target must be positive");
    }

    [Fact]
    public void EscalateTo_AProviderThatSendsNoMessages_FailsAtStart()
    {
        var ex = SlaHost.StartFails(s => s.EscalateTo("Nope", MessageDestination.Channel("C1")));

        Has(ex.Message, "Martech:Slas:Escalation:Provider names 'Nope', which is not a provider instance that supplies messages");
    }

    private static void Has(string message, string part) =>
        Assert.True(message.Contains(part, StringComparison.Ordinal), $"Missing: {part}\nIn: {message}");
}
