using SlaMonitorSample;

// SlaMonitor: the SLA engine and vendor SLOs end to end, on the embedded in-memory providers.
// Part 1 simulates a week of lead handling on a manual clock: leads arrive, some are touched in time, some late, some
// never; the SDK's SlaMonitor (its hosted service, every 30 simulated minutes) turns clocks at risk and breached in the
// business hours of the "sales" calendar and posts one escalation card per transition to the in-memory chat.
// Part 2 sends real emails through the SendGrid and Mailgun emulators on loopback, with injected failures and latency,
// and prints the vendor SLO report. Policies, the calendar and the objectives are in appsettings.json.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

SlaMonitorRun run = await SlaMonitorApp.RunAsync(args, Console.Out, AppContext.BaseDirectory, cts.Token);
return run.ExitCode;
