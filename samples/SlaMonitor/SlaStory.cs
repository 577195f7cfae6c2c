using System.Diagnostics;
using System.Globalization;
using Martech.Sdk;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SlaMonitorSample;

/// <summary>
/// Part 1: a week of lead handling on a manual clock. The host is built from appsettings.json like any application
/// (policies, the business calendar and escalation are validated when it starts); the SDK's hosted service runs a pass
/// every <see cref="SlaOptions.EvaluationInterval"/> of simulated time, and the story moves the clock one interval at a
/// time, waiting for each pass, so a week passes in about a second and the output is the same on every run.
/// </summary>
internal static class SlaStory
{
    /// <summary>The policy the story's leads are measured against (Martech:Slas:Policies).</summary>
    public const string PolicyName = "mql-first-touch";

    /// <summary>Tuesday 22 December 2026, 08:00 in Berlin: the simulated week starts before opening time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 22, 7, 0, 0, TimeSpan.Zero);

    /// <summary>Monday 28 December 2026, 16:30 in Berlin, after Christmas: the last pass of the story.</summary>
    public static readonly DateTimeOffset End = new(2026, 12, 28, 15, 30, 0, TimeSpan.Zero);

    private static readonly TimeSpan PassTimeout = TimeSpan.FromSeconds(30);

    private enum Act
    {
        Create,
        StatusChange,
        LogCall,
    }

    private sealed record Step(DateTimeOffset At, Act Act, string Lead, string? Status = null, string? Note = null);

    private sealed record StoryLead(string Name, string Email, string Source, string Owner);

    private static readonly StoryLead[] Leads =
    [
        new("Ada", "ada@analytical.example", "webinar", "rep-anna"),
        new("Grace", "grace@navy.example", "webinar", "rep-ben"),
        new("Alan", "alan@bletchley.example", "demo-request", "rep-anna"),
        new("Katherine", "katherine@nasa.example", "webinar", "rep-ben"),
        new("Edsger", "edsger@eindhoven.example", "webinar", "rep-anna"),
        new("Radia", "radia@networks.example", "demo-request", "rep-ben"),
        new("Hedy", "hedy@patents.example", "webinar", "rep-anna"),
        new("Linus", "linus@kernel.example", "webinar", "rep-ben"),
    ];

    /// <summary>What happens when, in the calendar's local time (Europe/Berlin in the shipped settings).</summary>
    private static List<Step> Script(TimeZoneInfo zone)
    {
        DateTimeOffset At(int day, int hour, int minute)
        {
            var local = new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        return
        [
            new(At(22, 9, 10), Act.Create, "Ada"),
            new(At(22, 9, 50), Act.Create, "Grace"),
            new(At(22, 10, 40), Act.StatusChange, "Ada", "working", "calls back within the hour"),
            new(At(22, 13, 40), Act.LogCall, "Grace", Note: "logs a call in the CRM, 10 minutes before the due time"),
            new(At(22, 14, 5), Act.Create, "Alan"),
            new(At(22, 15, 20), Act.Create, "Katherine"),
            new(At(22, 17, 20), Act.StatusChange, "Alan", "working", "calls back after the due time"),
            new(At(23, 10, 0), Act.StatusChange, "Ada", "qualified", "is qualified"),
            new(At(23, 15, 45), Act.Create, "Edsger"),
            new(At(26, 11, 15), Act.Create, "Radia"),
            new(At(28, 9, 40), Act.StatusChange, "Edsger", "working", "is called back first thing after the holidays"),
            new(At(28, 11, 30), Act.StatusChange, "Edsger", "qualified", "is qualified"),
            new(At(28, 12, 50), Act.Create, "Hedy"),
            new(At(28, 15, 55), Act.Create, "Linus"),
        ];
    }

    public static async Task<SlaStoryOutcome> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = new ManualTimeProvider(Start);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(clock);
        MartechBuilder martech = builder.Services.AddMartech(builder.Configuration.GetSection("Martech"));
        martech.AddInMemory();
        martech.AddBusinessCalendars();
        martech.AddSlas();

        using IHost host = builder.Build();
        // Validates Martech:Slas (policies, volumes, the calendar they name, the leads and escalation providers) and
        // runs the monitor's first pass.
        await host.StartAsync(cancellationToken);
        try
        {
            return await RunStoryAsync(host.Services, clock, output, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<SlaStoryOutcome> RunStoryAsync(IServiceProvider services, ManualTimeProvider clock, TextWriter output, CancellationToken cancellationToken)
    {
        SlaMonitor monitor = services.GetRequiredService<SlaMonitor>();
        SlaOptions options = services.GetRequiredService<IOptions<SlaOptions>>().Value;
        SlaPolicy policy = monitor.Policies.FirstOrDefault(p => p.Name == PolicyName)
            ?? throw new InvalidOperationException($"The story needs the policy Martech:Slas:Policies:{PolicyName}; appsettings.json defines {string.Join(", ", monitor.Policies.Select(p => p.Name))}.");
        IBusinessCalendar calendar = services.GetRequiredService<IBusinessCalendars>().Get(policy.Calendar
            ?? throw new InvalidOperationException($"The story shows business time: give Martech:Slas:Policies:{PolicyName} a Calendar."));
        var format = new StoryFormat(calendar.TimeZone);
        ILeadClient leads = services.GetRequiredKeyedService<ILeadClient>(options.LeadsProvider ?? "InMemory");
        ISlaTracker tracker = services.GetRequiredService<ISlaTracker>();
        InMemoryMartechStore chat = services.GetRequiredKeyedService<InMemoryMartechStore>(options.Escalation.Provider ?? "InMemory");

        await output.WriteLineAsync($"Part 1 — SLA '{PolicyName}': first touch within {StoryFormat.Duration(policy.Target)} of '{calendar.Name}' business time ({calendar.TimeZone.Id}), "
            + $"{string.Join(", ", policy.Targets.Select(t => $"{StoryFormat.Duration(t.Target)} for {string.Join("/", t.When.Sources)} leads"))}; at risk {StoryFormat.Duration(policy.WarnBefore ?? TimeSpan.Zero)} before the due time.");
        await output.WriteLineAsync($"Simulated time: {format.Instant(Start)} to {format.Instant(End)} (Christmas holidays on the calendar), a monitor pass every {StoryFormat.Duration(options.EvaluationInterval)}; escalation cards to {options.Escalation.Destination} on {options.Escalation.Provider}.");
        await output.WriteLineAsync();

        await WaitForPassAsync(monitor, Start, cancellationToken);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var transitions = new List<StoryTransition>();
        int cardsSeen = 0, passes = 1;
        List<Step> script = Script(calendar.TimeZone);
        int next = 0;
        DateTimeOffset nextPass = Start + options.EvaluationInterval;
        while (nextPass <= End || (next < script.Count && script[next].At <= End))
        {
            if (next < script.Count && script[next].At < nextPass)
            {
                Step step = script[next++];
                MoveTo(clock, step.At);
                await PerformAsync(step);
                continue;
            }

            MoveTo(clock, nextPass);
            SlaEvaluationResult pass = await WaitForPassAsync(monitor, nextPass, cancellationToken);
            cardsSeen = await ReportPassAsync(pass, cardsSeen);
            passes++;
            nextPass += options.EvaluationInterval;
        }

        await output.WriteLineAsync();
        var rows = new List<StoryLeadClock>();
        foreach (StoryLead lead in Leads.Where(l => ids.ContainsKey(l.Name)))
        {
            SlaClock c = (await monitor.GetClocksAsync(SlaItemKind.Lead, ids[lead.Name], cancellationToken)).Single(c => c.Policy == PolicyName);
            rows.Add(new StoryLeadClock(lead.Name, ids[lead.Name], lead.Source, c));
        }

        await output.WriteLineAsync($"Leads at {format.Instant(clock.GetUtcNow())} (times in {calendar.TimeZone.Id}; business time counts {calendar.Name} hours only):");
        await output.WriteLineAsync(LeadTable(rows, format));

        // What the in-memory chat provider recorded: the cards the monitor posted.
        IReadOnlyList<SentMessage> sent = chat.SentMessages;
        var cards = sent.Select(m => StoryCard.From(m, names)).ToList();
        await output.WriteLineAsync($"Escalation cards recorded by the in-memory chat provider ({cards.Count}):");
        var cardTable = new TextTable(">#", "Posted", "Lead", "Card");
        for (int i = 0; i < cards.Count; i++)
        {
            cardTable.Add((i + 1).ToString(CultureInfo.InvariantCulture), format.Instant(cards[i].SentAt), cards[i].Lead, $"{cards[i].Title} — {cards[i].Text}");
        }

        await output.WriteLineAsync(cardTable.ToString());

        // One more pass at the same instant: every clock is evaluated again, nothing is raised or posted twice.
        SlaEvaluationResult extra = await monitor.EvaluateAsync(cancellationToken);
        int extraCards = chat.SentMessages.Count - sent.Count;
        await output.WriteLineAsync($"Extra pass at {format.Instant(extra.EvaluatedAt)}: {extra.Clocks} clocks evaluated, {extra.AtRiskOrBreached.Count} open at risk or breached, {extra.Transitions.Count} transitions raised, {extraCards} cards posted.");

        Func<SlaTransitionKind, bool> escalates = Escalates(options);
        List<string> problems = CheckOncePerTransition(transitions, cards, escalates, extra.Transitions.Count, extraCards);
        int escalated = transitions.Count(t => escalates(t.Kind));
        await output.WriteLineAsync(problems.Count == 0
            ? $"Once per transition: {escalated} escalated transitions, {cards.Count} cards, one each; {transitions.Count - escalated} other transitions (no card); {passes} passes of the hosted service re-evaluated every clock without repeating one."
            : $"Once per transition FAILED: {string.Join(" ", problems)}");
        await output.WriteLineAsync();

        var volumes = new List<SlaVolumeResult>();
        foreach (SlaVolumePolicy volume in monitor.VolumePolicies)
        {
            volumes.AddRange(await monitor.EvaluateVolumeAsync(volume.Name, cancellationToken: cancellationToken));
        }

        await output.WriteLineAsync("Volume SLAs, this month so far:");
        var volumeTable = new TextTable("Policy", "Period", ">Numerator", ">Denominator", ">Value", "Target", "Result");
        foreach (SlaVolumeResult v in volumes)
        {
            volumeTable.Add(
                v.Policy,
                $"{v.PeriodStart.ToOffset(calendar.TimeZone.GetUtcOffset(v.PeriodStart)):yyyy-MM-dd} to {v.PeriodEnd.ToOffset(calendar.TimeZone.GetUtcOffset(v.PeriodEnd)):yyyy-MM-dd}{(v.IsComplete ? string.Empty : " (so far)")}",
                $"{v.Numerator} {v.NumeratorName}",
                v.Denominator is { } d ? $"{d} {v.DenominatorName}" : "—",
                v.Denominator is null ? v.Value.ToString("0", CultureInfo.InvariantCulture) : v.Value.ToString("0.0", CultureInfo.InvariantCulture) + " %",
                $"{(v.TargetIsMinimum ? ">=" : "<=")} {(v.Denominator is null ? v.Target.ToString("0", CultureInfo.InvariantCulture) : v.Target.ToString("0.0", CultureInfo.InvariantCulture) + " %")}",
                v.Met ? "met" : "missed");
        }

        await output.WriteLineAsync(volumeTable.ToString());
        return new SlaStoryOutcome(rows, transitions, cards, extra.Transitions.Count, extraCards, volumes, problems);

        async Task PerformAsync(Step step)
        {
            DateTimeOffset now = clock.GetUtcNow();
            StoryLead lead = Leads.Single(l => l.Name == step.Lead);
            switch (step.Act)
            {
                case Act.Create:
                    Lead created = await leads.CreateAsync(
                        new Lead
                        {
                            FirstName = lead.Name,
                            Email = EmailAddress.Parse(lead.Email),
                            Source = lead.Source,
                            OwnerId = lead.Owner,
                            Status = LeadStatus.New,
                        },
                        cancellationToken);
                    ids[lead.Name] = created.Id!;
                    names[created.Id!] = lead.Name;
                    SlaClock started = (await monitor.GetClocksAsync(SlaItemKind.Lead, created.Id!, cancellationToken)).Single(c => c.Policy == PolicyName);
                    string wall = started.DueAt is { } due && due - now > 2 * started.Target ? $", {StoryFormat.Duration(due - now)} away on the wall clock" : string.Empty;
                    await output.WriteLineAsync($"{format.Instant(now)}  {lead.Name} ({created.Id}, {lead.Source}, owner {lead.Owner}) arrives: due {format.Instant(started.DueAt)}{wall}, at risk from {format.Instant(started.AtRiskAt)}");
                    break;
                case Act.StatusChange:
                    await leads.UpdateAsync(new Lead { Id = ids[lead.Name], Status = LeadStatus.Create(step.Status!) }, cancellationToken);
                    await output.WriteLineAsync($"{format.Instant(now)}  {lead.Name} {step.Note} (status {step.Status})");
                    break;
                case Act.LogCall:
                    await tracker.RecordAsync(SlaItemKind.Lead, ids[lead.Name], new SlaItemEvent { Id = $"call:{ids[lead.Name]}:{now.UtcTicks}", Type = SlaItemEventType.Touched, OccurredAt = now, Actor = lead.Owner }, cancellationToken);
                    await output.WriteLineAsync($"{format.Instant(now)}  {lead.Name}: {lead.Owner} {step.Note}");
                    break;
            }
        }

        async Task<int> ReportPassAsync(SlaEvaluationResult pass, int seen)
        {
            IReadOnlyList<SentMessage> posted = chat.SentMessages;
            var fresh = posted.Skip(seen).Select(m => StoryCard.From(m, names)).ToList();
            foreach (SlaTransition t in pass.Transitions)
            {
                string name = names.GetValueOrDefault(t.Item.Id, t.Item.Id);
                transitions.Add(new StoryTransition(name, t.Item.Id, t.Kind, t.OccurredAt, pass.EvaluatedAt));
                StoryCard? card = fresh.FirstOrDefault(c => c.ItemId == t.Item.Id && c.Kind == t.Kind);
                SlaClock c = t.Clock;
                string detail = t.Kind switch
                {
                    SlaTransitionKind.AtRisk => $"AT RISK since {format.Time(t.OccurredAt)}: due {format.Time(c.DueAt)}, {StoryFormat.Duration(c.Remaining)} of business time left",
                    SlaTransitionKind.Breached => c.IsOpen
                        ? $"BREACHED at {format.Time(t.OccurredAt)}: {StoryFormat.Duration(c.OverdueBy)} late, still untouched"
                        : $"BREACHED: touched {StoryFormat.Duration(c.OverdueBy)} after the due time {format.Time(c.DueAt)}",
                    _ => $"MET at {format.Time(c.MetAt)}: touched after {StoryFormat.Duration(c.Elapsed)} of business time ({StoryFormat.Duration((c.MetAt ?? c.EvaluatedAt) - c.StartedAt)} on the wall clock)",
                };
                await output.WriteLineAsync($"{format.Instant(pass.EvaluatedAt)}  pass: {name} {detail}{(card is null ? string.Empty : $" -> card '{card.Title}' posted")}");
            }

            return posted.Count;
        }
    }

    /// <summary>Which transitions the settings escalate: breaches when an escalation provider is set, and at-risk clocks
    /// too with Escalation:AtRisk.</summary>
    internal static Func<SlaTransitionKind, bool> Escalates(SlaOptions options) =>
        kind => options.Escalation.Provider is not null && options.Escalation.Destination is not null
            && (kind == SlaTransitionKind.Breached || (kind == SlaTransitionKind.AtRisk && options.Escalation.AtRisk));

    /// <summary>Every escalated transition has exactly one card, no lead has a card without a transition or two cards
    /// of a kind, and the extra pass raised and posted nothing.</summary>
    internal static List<string> CheckOncePerTransition(IReadOnlyList<StoryTransition> transitions, IReadOnlyList<StoryCard> cards, Func<SlaTransitionKind, bool> escalates, int extraTransitions, int extraCards)
    {
        var problems = new List<string>();
        foreach (StoryTransition t in transitions.Where(t => escalates(t.Kind)))
        {
            int count = cards.Count(c => c.ItemId == t.ItemId && c.Kind == t.Kind);
            if (count != 1)
            {
                problems.Add($"{t.Lead}'s {t.Kind} transition has {count} cards, not 1.");
            }
        }

        foreach (IGrouping<(string ItemId, SlaTransitionKind? Kind), StoryCard> group in cards.GroupBy(c => (c.ItemId, c.Kind)))
        {
            int expected = group.Key.Kind is { } kind && escalates(kind) ? transitions.Count(t => t.ItemId == group.Key.ItemId && t.Kind == kind) : 0;
            if (group.Count() != expected)
            {
                problems.Add($"{group.Count()} '{group.First().Title}' cards for {group.First().Lead}, where {expected} were due.");
            }
        }

        if (extraTransitions != 0 || extraCards != 0)
        {
            problems.Add($"The extra pass raised {extraTransitions} transitions and posted {extraCards} cards; it should raise none.");
        }

        return problems;
    }

    private static string LeadTable(List<StoryLeadClock> rows, StoryFormat format)
    {
        var table = new TextTable("Lead", "Id", "Source", "Created", ">Target", "Status", "Due", ">Business time", ">Wall time", "Remaining / late");
        foreach (StoryLeadClock row in rows)
        {
            SlaClock c = row.Clock;
            DateTimeOffset end = c.MetAt ?? c.StoppedAt ?? c.EvaluatedAt;
            string status = c.Status switch
            {
                SlaClockStatus.AtRisk => "at risk",
                SlaClockStatus.Breached when !c.IsOpen => "breached (touched late)",
                SlaClockStatus.Breached => "breached (untouched)",
                SlaClockStatus.Met => "met",
                _ => c.Status.ToString().ToLowerInvariant(),
            };
            string remaining = c.Status switch
            {
                SlaClockStatus.Breached => $"{StoryFormat.Duration(c.OverdueBy)} late ({StoryFormat.Duration(c.OverdueBusinessTime)} business)",
                SlaClockStatus.Met => $"{StoryFormat.Duration(c.Remaining)} to spare",
                _ => $"{StoryFormat.Duration(c.Remaining)} left",
            };
            table.Add(row.Name, row.Id, row.Source, format.Instant(c.StartedAt), StoryFormat.Duration(c.Target), status, format.Instant(c.DueAt), StoryFormat.Duration(c.Elapsed), StoryFormat.Duration(end - c.StartedAt), remaining);
        }

        return table.ToString();
    }

    private static void MoveTo(ManualTimeProvider clock, DateTimeOffset at)
    {
        TimeSpan step = at - clock.GetUtcNow();
        if (step > TimeSpan.Zero)
        {
            clock.Advance(step);
        }
    }

    /// <summary>Waits (in real time) until the hosted service's pass for <paramref name="at"/> has finished.</summary>
    private static async Task<SlaEvaluationResult> WaitForPassAsync(SlaMonitor monitor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        SlaEvaluationResult? result;
        while ((result = monitor.LastResult) is null || result.EvaluatedAt < at)
        {
            if (waited.Elapsed > PassTimeout)
            {
                throw new TimeoutException($"The SLA monitor's hosted service did not finish its pass for {at:u} within {PassTimeout.TotalSeconds:0} seconds; see the log for the error.");
            }

            await Task.Delay(1, cancellationToken);
        }

        return result;
    }
}
