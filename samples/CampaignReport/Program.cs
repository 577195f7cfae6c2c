using CampaignReportSample;

// CampaignReport: a year of recorded email events for three campaigns (data/events.jsonl, with redeliveries, events
// out of order and machine opens) fed to the SDK, read back as campaign stats per month, and written as a
// self-contained HTML report (CTR by month, funnels, goal progress) plus a summary here.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

CampaignReportRun run = await CampaignReportApp.RunAsync(args, Console.Out, AppContext.BaseDirectory, cts.Token);
return run.ExitCode;
