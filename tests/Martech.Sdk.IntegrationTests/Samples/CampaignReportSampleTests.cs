using CampaignReportSample;

namespace Martech.Sdk.IntegrationTests.Samples;

/// <summary>The CampaignReport sample as its README runs it: the shipped events file is the seeded generator's output,
/// holds redeliveries, out-of-order events and machine opens, and the report the SDK's campaign analytics builds from
/// it counts each event once, starts each funnel at the sends, keeps machine opens and clicks apart, draws one CTR point
/// per campaign and month with sends, and loads nothing from anywhere.</summary>
public sealed class CampaignReportSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("martech-campaign-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EventsFile_IsTheSeededGeneratorsOutput_ByteForByte()
    {
        string regenerated = Path.Combine(_folder, "events.jsonl");

        await RecordedEventFile.WriteAsync(regenerated, EventFileGenerator.Generate(), CancellationToken.None);

        byte[] shipped = await File.ReadAllBytesAsync(ShippedEvents);
        byte[] written = await File.ReadAllBytesAsync(regenerated);
        Assert.True(shipped.AsSpan().SequenceEqual(written),
            "samples/CampaignReport/data/events.jsonl is not what the generator writes: regenerate it with `dotnet run --project samples/CampaignReport -- --generate samples/CampaignReport/data/events.jsonl`.");
    }

    [Fact]
    public async Task EventsFile_HoldsRedeliveries_OutOfOrderEvents_AndMachineEngagement()
    {
        IReadOnlyList<MartechEvent> events = await RecordedEventFile.ReadAsync(ShippedEvents, CancellationToken.None);

        EventFileFacts facts = RecordedEventFile.Describe(events);

        Assert.Equal(facts.Lines, facts.Distinct + facts.Duplicates);
        Assert.InRange(facts.Duplicates, 100, 400);   // about 4 % of the events arrive twice
        Assert.True(facts.OutOfOrder > 100, $"{facts.OutOfOrder} out of order");
        Assert.InRange(facts.MachineOpens, 200, 500); // Apple Mail Privacy Protection opens about 18 % of deliveries
        Assert.True(facts.MachineClicks > 20, $"{facts.MachineClicks} machine clicks");

        // An open that arrived before the delivery of its own message.
        var seenDelivered = new HashSet<string>(StringComparer.Ordinal);
        bool openBeforeDelivery = false;
        foreach (EmailEvent e in events.OfType<EmailEvent>())
        {
            if (e.Type == EmailEventType.Delivered)
            {
                seenDelivered.Add(e.MessageId!);
            }
            else if (e.Type == EmailEventType.Opened && !seenDelivered.Contains(e.MessageId!)
                && events.OfType<EmailEvent>().Any(d => d.Type == EmailEventType.Delivered && d.MessageId == e.MessageId))
            {
                openBeforeDelivery = true;
                break;
            }
        }

        Assert.True(openBeforeDelivery, "no open arrived before its delivery");
    }

    [Fact]
    public async Task Run_CountsEachEventOnce_AndDrawsOneCtrPointPerCampaignMonthWithSends()
    {
        (CampaignReportRun run, string summary, string page) = await RunShippedAsync();
        CampaignReportModel model = run.Model!;
        Assert.Equal(12, model.Months.Count);
        Assert.Equal(["newsletter", "spring-launch", "winback"], model.Campaigns.Select(c => c.Id));
        Assert.Equal(18, SampleCampaigns.MonthsWithSends); // 12 newsletters, 3 launch mails, 3 win-back mails
        Assert.Equal(SampleCampaigns.MonthsWithSends, model.CtrPoints);

        // The engine was handed the file as it is and did the deduplication: every line is counted, a duplicate or
        // ignored, and the duplicates are exactly the file's redeliveries.
        IReadOnlyList<MartechEvent> events = await RecordedEventFile.ReadAsync(ShippedEvents, CancellationToken.None);
        EventFileFacts facts = RecordedEventFile.Describe(events);
        CampaignAnalyticsIngestResult ingested = model.Input!.Ingested!;
        Assert.Equal(facts.Lines, ingested.Events);
        Assert.Equal(facts.Lines, ingested.Counted + ingested.Duplicates + ingested.Ignored);
        Assert.Equal(facts.Duplicates, ingested.Duplicates);
        Assert.Equal(events.Max(e => e.OccurredAt), model.Input.AsOf);

        // Against the file itself, each event counted once: sends are the distinct processed events of the month,
        // recipients their distinct addresses, deliveries the distinct delivered events (the redeliveries would add to
        // them), unique opens and clicks the distinct people (not machines) who opened or clicked in the month.
        EmailEvent[] distinct = [.. events.OfType<EmailEvent>().DistinctBy(e => (e.Provider, e.Id))];
        int deliveredLines = 0, deliveredCounted = 0;
        foreach (CampaignView campaign in model.Campaigns)
        {
            Assert.True(campaign.MachineEngagementApart, campaign.Id);
            foreach (MonthView month in campaign.Months)
            {
                bool InMonth(EmailEvent e) => e.CampaignId == campaign.Id && e.OccurredAt >= month.Month && e.OccurredAt < month.Month.AddMonths(1);
                int People(EmailEventType type) => distinct
                    .Where(e => InMonth(e) && e.Type == type && !RecordedEventFile.IsMachine(e.Source ?? EngagementSource.Unknown))
                    .Select(e => e.Recipient).Distinct().Count();
                int sent = distinct.Count(e => InMonth(e) && e.Type == EmailEventType.Processed);
                int recipients = distinct.Where(e => InMonth(e) && e.Type == EmailEventType.Processed).Select(e => e.Recipient).Distinct().Count();
                int delivered = distinct.Count(e => InMonth(e) && e.Type == EmailEventType.Delivered);
                Assert.Equal((campaign.Id, month.Month, sent), (campaign.Id, month.Month, month.Stats.Sent));
                Assert.Equal((campaign.Id, month.Month, recipients), (campaign.Id, month.Month, month.Stats.UniqueRecipients));
                Assert.Equal((campaign.Id, month.Month, delivered), (campaign.Id, month.Month, month.Stats.Delivered));
                Assert.Equal((campaign.Id, month.Month, People(EmailEventType.Opened)), (campaign.Id, month.Month, month.Stats.UniqueOpens));
                Assert.Equal((campaign.Id, month.Month, People(EmailEventType.Clicked)), (campaign.Id, month.Month, month.Stats.UniqueClicks));
                Assert.Equal(month.Stats.UniqueClicks, month.ClickThroughRate.NumeratorValue);
                Assert.Equal(month.Stats.UniqueRecipients, month.ClickThroughRate.DenominatorValue);
                deliveredLines += events.OfType<EmailEvent>().Count(e => InMonth(e) && e.Type == EmailEventType.Delivered);
                deliveredCounted += month.Stats.Delivered;
            }
        }

        Assert.True(deliveredLines > deliveredCounted, $"{deliveredLines} delivered lines, {deliveredCounted} counted: the file should redeliver some");

        // Machine opens and clicks are counted apart, every one of the file's (all its campaigns are in the report).
        Assert.Equal(facts.MachineOpens, model.Campaigns.Sum(c => c.MachineOpens));
        Assert.Equal(facts.MachineClicks, model.Campaigns.Sum(c => c.MachineClicks));

        // Win-back sent on 28 November: some of its clicks came in December, a month it sent nothing in. December has
        // clicks but no CTR (no recipients to divide by), so no point.
        MonthView december = model.Campaigns.Single(c => c.Id == "winback").Months[11];
        Assert.True(december.Stats.UniqueClicks > 0);
        Assert.Equal((0L, (double?)null), (december.ClickThroughRate.DenominatorValue, december.ClickThroughRate.Percent));

        // The funnel starts at the sends the engine counted from the processed events: sent → delivered → opened →
        // clicked, summed monthly.
        CampaignView newsletter = model.Campaigns[0];
        Assert.Equal(
            [CampaignMetric.Sent, CampaignMetric.Delivered, CampaignMetric.UniqueOpens, CampaignMetric.UniqueClicks],
            newsletter.Funnel.Select(s => s.Metric));
        Assert.Equal(newsletter.Months.Sum(m => m.Stats.Sent), newsletter.Funnel[0].Value);
        Assert.Equal(1464, newsletter.Funnel[0].Value); // 100 sends in January, 4 more each month: 12 × 100 + 4 × 66
        CampaignRate deliveredOfSent = newsletter.Funnel[1].FromPrevious!;
        Assert.Equal((newsletter.Funnel[1].Value, newsletter.Funnel[0].Value), (deliveredOfSent.NumeratorValue, deliveredOfSent.DenominatorValue));

        // The HTML carries the same points, each with its numerator and denominator, and the summary each CTR with both.
        Assert.Equal(18, CountOf(page, "class=\"ctr-point\""));
        MonthView january = newsletter.Months[0];
        Assert.Contains($"data-campaign=\"newsletter\" data-month=\"2026-01\" data-percent=\"{january.ClickThroughRate.Percent!.Value:0.####}\" data-numerator=\"{january.Stats.UniqueClicks}\" data-denominator=\"{january.Stats.UniqueRecipients}\"", page, StringComparison.Ordinal);
        Assert.Contains($"2026-01  {january.Stats.Sent,4}  {january.Stats.UniqueRecipients,10}", summary, StringComparison.Ordinal);
        Assert.Contains(ReportText.Rate(january.ClickThroughRate), summary, StringComparison.Ordinal);
        Assert.Contains($"{ReportText.Count(ingested.Duplicates)} dropped as duplicates", summary, StringComparison.Ordinal);
        Assert.Contains($"Not in the funnel: {newsletter.MachineOpens} machine opens, {newsletter.MachineClicks} machine clicks.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("does not count machine opens", summary, StringComparison.Ordinal);
        // The monthly tables: machine opens and clicks beside people's, in every row with activity.
        Assert.Equal(2 * model.Campaigns.Sum(c => c.Months.Count(m => m.HasActivity)), CountOf(page, "<td class=\"machine\">"));
    }

    [Fact]
    public async Task Run_EvaluatesTheConfiguredGoals_ThroughTheAnalytics_AndShowsWhatTheGoalsApiSays()
    {
        (CampaignReportRun run, string summary, string page) = await RunShippedAsync();
        CampaignReportModel model = run.Model!;
        DateTimeOffset asOf = model.Input!.AsOf; // 2026-12-12 04:42:51 UTC, the last event: December is under way
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 4, 42, 51, TimeSpan.Zero), asOf);
        IReadOnlyList<CampaignGoalEvaluation> goals = run.Goals!;
        Assert.Equal(["newsletter-ctr", "newsletter-unique-clicks", "second-half-clicks"], goals.Select(g => g.Goal.Name));
        Assert.All(goals, g => Assert.Equal((AnalyticsReportStats.InstanceName, asOf), (g.Provider, g.EvaluatedAt)));

        // The goals' numbers, worked from the report's own monthly stats (which the engine counted): the goals API reads
        // the same ICampaignStatsClient by month.
        MonthView[] newsletter = [.. model.Campaigns.Single(c => c.Id == "newsletter").Months];
        double[] clicks = [.. newsletter.Select(m => (double)m.Stats.UniqueClicks)];
        double[] ctr = [.. newsletter.Select(m => m.ClickThroughRate.Percent!.Value)];
        double[] allClicks = [.. Enumerable.Range(0, 12).Select(i => (double)model.Campaigns.Sum(c => c.Months[i].Stats.UniqueClicks))];

        // Monthly unique clicks of the newsletter, +25 % over the mean of its first quarter: (6 + 10 + 11) ÷ 3 = 9 → 11.25.
        // Now is November's 15 (the latest complete month), 266.67 % of the way; the forecast is December on the
        // least-squares line through June to November.
        CampaignGoalEvaluation monthlyClicks = goals[1];
        Assert.Equal([6.0, 10, 11], clicks[..3]);
        Assert.Equal(9, monthlyClicks.Baseline, 9);
        Assert.Equal(11.25, monthlyClicks.Target, 9);
        Assert.Equal((clicks[10], new DateOnly(2026, 11, 1)), (monthlyClicks.Current!.Value, monthlyClicks.CurrentMonth!.Value));
        Assert.Equal((clicks[10] - 9) / (11.25 - 9), monthlyClicks.Progress!.Value, 9);
        Assert.Equal(LineAt(clicks[5..11], 6), monthlyClicks.Forecast!.Value, 9);
        Assert.Null(monthlyClicks.RequiredPerMonth); // already above the target
        Assert.Equal(CampaignGoalStatus.OnTrack, monthlyClicks.Status);

        // The newsletter's CTR to 20 % in December from the mean of its first quarter's CTRs: November's is the latest,
        // and the 20 % is a month away.
        CampaignGoalEvaluation monthlyCtr = goals[0];
        Assert.Equal(ctr[..3].Average(), monthlyCtr.Baseline, 9);
        Assert.Equal((20, ctr[10]), (monthlyCtr.Target, monthlyCtr.Current!.Value));
        Assert.Equal(20 - ctr[10], monthlyCtr.RequiredPerMonth!.Value, 9);
        Assert.Equal(LineAt(ctr[5..11], 6), monthlyCtr.Forecast!.Value, 9);
        Assert.Equal(CampaignGoalStatus.AtRisk, monthlyCtr.Status);

        // Unique clicks of all three campaigns, July to December +25 % over January to June; the share of December
        // left is what remains of it after the last event.
        CampaignGoalEvaluation total = goals[2];
        double monthsLeft = (SampleCampaigns.To - asOf).TotalDays / 31;
        Assert.Equal(allClicks[..6].Sum(), total.Baseline, 9);
        Assert.Equal(allClicks[..6].Sum() * 1.25, total.Target, 9);
        Assert.Equal(allClicks[6..].Sum(), total.Current!.Value, 9);
        Assert.Equal(total.Current.Value / total.Target, total.Progress!.Value, 9);
        Assert.Equal((total.Target - total.Current.Value) / monthsLeft, total.RequiredPerMonth!.Value, 6);
        Assert.Equal(total.Current.Value + (LineAt(allClicks[5..11], 6) * monthsLeft), total.Forecast!.Value, 6);
        Assert.Equal(total.Forecast < total.Target ? CampaignGoalStatus.AtRisk : CampaignGoalStatus.OnTrack, total.Status);

        // The view shows what the evaluation says, on the page and on the console.
        Assert.Equal(3, CountOf(page, "class=\"goal-progress\""));
        Assert.DoesNotContain("Goals: none set.", summary, StringComparison.Ordinal);
        foreach (CampaignGoalEvaluation goal in goals)
        {
            GoalView view = model.Goals.Single(v => v.Name.StartsWith(goal.Goal.Name + ":", StringComparison.Ordinal));
            Assert.Equal((goal.Baseline, goal.Target, goal.Current, goal.Progress * 100), (view.Baseline, view.Target, view.Current, view.ProgressPercent));
            Assert.Equal(GoalView.StatusText(goal.Status), view.Status);
            Assert.Contains(goal.ForecastMethod, view.Forecast, StringComparison.Ordinal);
            Assert.Contains($"data-progress=\"{(goal.Progress!.Value * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}\"", page, StringComparison.Ordinal);
            Assert.Contains($"<span class=\"goal-status\">{view.Status}</span>: {goal.Reason}", page, StringComparison.Ordinal);
            Assert.Contains($"  {view.Status}: {goal.Reason}", summary, StringComparison.Ordinal);
            Assert.Contains($"Needed from now: {view.RequiredRunRate ?? "nothing more"}. Forecast: {view.Forecast}.", summary, StringComparison.Ordinal);
        }

        Assert.Contains("Needed from now: +" + ReportText.Number(total.RequiredPerMonth.Value) + " a month (+" + ReportText.Number(total.RequiredPerDay!.Value) + " a day)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AGoalThatIsNotValid_StopsNamingItsConfigurationPath()
    {
        string sample = Path.Combine(_folder, "sample");
        Directory.CreateDirectory(Path.Combine(sample, "data"));
        File.Copy(ShippedEvents, Path.Combine(sample, "data", "events.jsonl"));
        string settings = await File.ReadAllTextAsync(Path.Combine(SampleFolder, "appsettings.json"));
        await File.WriteAllTextAsync(Path.Combine(sample, "appsettings.json"), settings.Replace("\"Deadline\": \"2026-12-31\"", "\"Deadline\": \"2026-12-30\"", StringComparison.Ordinal));
        using var output = new StringWriter();

        CampaignReportRun run = await CampaignReportApp.RunAsync(["--out", Path.Combine(_folder, "r.html")], output, sample, CancellationToken.None);

        Assert.Equal(CampaignReportApp.InputError, run.ExitCode);
        Assert.Contains("appsettings.json is not valid", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Martech:Campaigns:Goals:newsletter-ctr:Deadline (2026-12-30) must be the last day of a month", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ThePage_LoadsNothingFromAnywhere()
    {
        string html = Path.Combine(_folder, "report.html");
        CampaignReportRun run = await CampaignReportApp.RunAsync(["--out", html], TextWriter.Null, SampleFolder, CancellationToken.None);
        Assert.Equal(0, run.ExitCode);

        string page = await File.ReadAllTextAsync(html);

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">", page, StringComparison.Ordinal);
        foreach (string reference in new[] { "<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "http://", "https://" })
        {
            Assert.DoesNotContain(reference, page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Render_WithAGoal_ShowsItsProgressBaselineTargetAndReason()
    {
        CampaignReportModel model = SmallModel() with
        {
            Goals =
            [
                new GoalView("+25 % total email clicks by 2026-12-31", "total clicks per month", Baseline: 200, Target: 250, Current: 230, ProgressPercent: 60,
                    Progress: "60.00 % of the way from 200 to 250", Deadline: new DateOnly(2026, 12, 31), Status: "at risk", Reason: "the forecast of 241 (least squares over 6 months) falls short of 250",
                    Forecast: "241 clicks a month by 2026-12-31", RequiredRunRate: "+5 clicks a month"),
            ],
        };

        string page = HtmlReport.Render(model);

        Assert.Contains("class=\"goal-progress\" data-progress=\"60\"", page, StringComparison.Ordinal);
        Assert.Contains("60.00 % of the way from 200 to 250", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"goal-status\">at risk</span>: the forecast of 241", page, StringComparison.Ordinal);
        Assert.Contains("+5 clicks a month", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"no-goals\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"no-goals\"", HtmlReport.Render(SmallModel()), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EscapesNames_AndShowsEveryRateWithItsCounts()
    {
        CampaignReportModel model = SmallModel("<b>Spring & \"sale\"</b>");

        string page = HtmlReport.Render(model);

        Assert.Contains("&lt;b&gt;Spring &amp; &quot;sale&quot;&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Spring", page, StringComparison.Ordinal);
        Assert.Contains("10.00 % (4 ÷ 40)", page, StringComparison.Ordinal);          // CTR
        Assert.Contains("4 unique clicks ÷ 40 unique recipients", page, StringComparison.Ordinal);
        Assert.Contains("95.00 % (38 ÷ 40) delivered of sent", page, StringComparison.Ordinal); // funnel step
        Assert.Equal(1, CountOf(page, "class=\"ctr-point\""));                       // February sent nothing
    }

    [Fact]
    public async Task Build_ASourceWithoutAMonthlyBreakdown_IsRefusedNamingTheCampaign()
    {
        var january = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var source = new NoBreakdownStats(new CampaignStats { CampaignId = "c1", Sent = 40, UniqueRecipients = 40, UniqueClicks = 4 });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => CampaignReportBuilder.BuildAsync(
            source, "a test", [("c1", "Campaign one")], january, january.AddMonths(2), [], null, CancellationToken.None));

        Assert.Contains("'c1' have counts but no monthly breakdown", ex.Message, StringComparison.Ordinal);
        Assert.Equal(CampaignStatsBreakdown.Month, source.Asked!.Breakdown);
        Assert.Equal((january, january.AddMonths(2)), (source.Asked.From, source.Asked.To));
    }

    [Fact]
    public async Task Run_ALineThatIsNotAnEvent_StopsWithTheLineNumberAndExitCode2()
    {
        string events = Path.Combine(_folder, "bad.jsonl");
        string[] lines = [.. (await File.ReadAllLinesAsync(ShippedEvents)).Take(3), "{\"$kind\":\"email\",\"type\":\"opened\"}"];
        await File.WriteAllLinesAsync(events, lines);
        using var output = new StringWriter();

        CampaignReportRun run = await CampaignReportApp.RunAsync(["--events", events, "--out", Path.Combine(_folder, "r.html")], output, SampleFolder, CancellationToken.None);

        Assert.Equal(CampaignReportApp.InputError, run.ExitCode);
        Assert.Contains("bad.jsonl, line 4: not a recorded event", output.ToString(), StringComparison.Ordinal);
    }

    private static CampaignReportModel SmallModel(string name = "Spring launch")
    {
        var january = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        MonthView[] months =
        [
            new(january, new CampaignStats { CampaignId = "c1", Sent = 40, UniqueRecipients = 40, Delivered = 38, UniqueOpens = 20, UniqueClicks = 4 }),
            new(january.AddMonths(1), new CampaignStats { CampaignId = "c1" }),
        ];
        return new CampaignReportModel("Test report", january, january.AddMonths(2), "a test", [january, january.AddMonths(1)],
            [new CampaignView("c1", name, months, CampaignReportBuilder.Funnel("c1", months))], [], null);
    }

    /// <summary>Runs the sample on the shipped file as its README does: the run, the console summary and the page.</summary>
    private async Task<(CampaignReportRun Run, string Summary, string Page)> RunShippedAsync()
    {
        using var output = new StringWriter();
        string html = Path.Combine(_folder, "report.html");
        CampaignReportRun run = await CampaignReportApp.RunAsync(["--out", html], output, SampleFolder, CancellationToken.None);
        Assert.True(run.ExitCode == 0, output.ToString());
        return (run, output.ToString(), await File.ReadAllTextAsync(html));
    }

    /// <summary>The least-squares line through the values (at x = 0, 1, …), at <paramref name="x"/>.</summary>
    private static double LineAt(double[] values, double x)
    {
        double meanX = (values.Length - 1) / 2.0, meanY = values.Average();
        double slope = values.Select((y, i) => (i - meanX) * (y - meanY)).Sum() / values.Select((_, i) => (i - meanX) * (i - meanX)).Sum();
        return meanY + (slope * (x - meanX));
    }

    /// <summary>A source that ignores <see cref="CampaignStatsOptions.Breakdown"/>.</summary>
    private sealed class NoBreakdownStats(CampaignStats stats) : ICampaignStatsClient
    {
        public CampaignStatsOptions? Asked { get; private set; }

        public Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
        {
            Asked = options;
            return Task.FromResult(stats);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    internal static string SampleFolder { get; } = FindSampleFolder();

    private static string ShippedEvents => Path.Combine(SampleFolder, "data", "events.jsonl");

    private static string FindSampleFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Martech.Sdk.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("The repository root was not found."), "samples", "CampaignReport");
    }
}
