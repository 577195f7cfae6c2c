using System.Globalization;
using CampaignReportSample;
using Microsoft.Playwright;

namespace Martech.Sdk.IntegrationTests.Samples;

/// <summary>The CampaignReport sample's HTML page in a real browser: the machine's own chromium, driven by Playwright
/// through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/> (no browser is downloaded), opening the file from
/// disk. The page must render its charts, the CTR chart must hold one point per campaign and month with sends, the
/// console must stay free of errors, and the page must request nothing but itself.</summary>
public sealed class CampaignReportBrowserTests : IDisposable
{
    /// <summary>How to get the browser on Debian and Ubuntu; <c>./test.sh</c> runs it when chromium is missing.</summary>
    public const string InstallCommand = "sudo apt-get install -y chromium";

    private readonly string _folder = Directory.CreateTempSubdirectory("martech-campaign-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Page_RendersInChromium_OneCtrPointPerCampaignMonth_NoConsoleErrors_NothingRequested()
    {
        string chromium = FindChromium()
            ?? throw new InvalidOperationException($"Chromium is not installed, and this test needs the machine's own browser (it downloads none): run `{InstallCommand}` (./test.sh does it for you), then run the tests again.");
        string html = Path.Combine(_folder, "campaign-report.html");
        CampaignReportRun run = await CampaignReportApp.RunAsync(["--out", html], TextWriter.Null, CampaignReportSampleTests.SampleFolder, CancellationToken.None);
        Assert.Equal(0, run.ExitCode);
        CampaignReportModel model = run.Model!;

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Timeout = 120_000, // a loaded 2-core machine starts chromium slowly
        });
        IPage page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        page.Request += (_, request) => requests.Add(request.Url);
        page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url} ({request.Failure})");

        string url = new Uri(html).AbsoluteUri;
        IResponse? response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });

        Assert.NotNull(response);
        Assert.Equal(model.Title, await page.TitleAsync());
        Assert.Equal(model.Title, await page.Locator("h1").InnerTextAsync());

        // The CTR chart is drawn (it has a size on screen) with one point per campaign and month with sends.
        ILocator chart = page.Locator("#ctr-chart");
        LocatorBoundingBoxResult box = await chart.BoundingBoxAsync() ?? throw new InvalidOperationException("The CTR chart has no box: it is not rendered.");
        Assert.True(box.Width > 300 && box.Height > 150, $"CTR chart {box.Width} x {box.Height}");
        Assert.Equal(SampleCampaigns.MonthsWithSends, await chart.Locator("circle.ctr-point").CountAsync());
        Assert.Equal(model.CtrPoints, await chart.Locator("circle.ctr-point").CountAsync());
        Assert.Equal(12, await chart.Locator("text.month-label").CountAsync());
        LocatorBoundingBoxResult point = (await chart.Locator("circle.ctr-point").First.BoundingBoxAsync())!;
        Assert.InRange(point.X, box.X, box.X + box.Width);
        Assert.InRange(point.Y, box.Y, box.Y + box.Height);

        // A funnel of four steps per campaign, and the goals section.
        Assert.Equal(model.Campaigns.Count, await page.Locator("svg.funnel").CountAsync());
        Assert.Equal(4 * model.Campaigns.Count, await page.Locator("svg.funnel g.funnel-stage").CountAsync());
        Assert.Equal(model.Campaigns.Count, await page.Locator("svg.funnel g.funnel-stage[data-metric=\"Sent\"]").CountAsync());
        Assert.True(await page.Locator("#goals").IsVisibleAsync());
        Assert.Equal(run.Goals!.Count, await page.Locator("#goals svg.goal-progress").CountAsync());
        Assert.Equal(run.Goals.Count, await page.Locator("#goals .goal-status").CountAsync());

        // Machine opens and clicks shown beside people's, in each campaign's monthly table.
        ILocator newsletterTable = page.Locator("table.month-table[data-campaign=\"newsletter\"]");
        Assert.Equal(["Unique opens", "Machine opens", "Unique clicks", "Machine clicks"],
            (await newsletterTable.Locator("thead th").AllInnerTextsAsync()).Skip(5).Take(4));
        IReadOnlyList<string> machineOpens = await newsletterTable.Locator("tbody tr td:nth-child(7)").AllInnerTextsAsync();
        Assert.Equal(model.Campaigns[0].MachineOpens, machineOpens.Sum(t => long.Parse(t, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
        Assert.Equal(0, await page.Locator("#machine-note").CountAsync());

        // What a reader sees: every CTR cell with its numerator and denominator.
        string firstCell = await page.Locator("#ctr-table tbody tr").First.Locator("td").Nth(1).InnerTextAsync();
        Assert.Equal(ReportText.Rate(model.Campaigns[0].Months[0].ClickThroughRate), firstCell);

        Assert.Empty(errors);
        Assert.Equal([url], requests.Distinct());
    }

    /// <summary>The first <c>chromium</c> or <c>chromium-browser</c> on the PATH, as <c>which</c> finds it.</summary>
    private static string? FindChromium()
    {
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in new[] { "chromium", "chromium-browser" })
        {
            foreach (string folder in folders)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
