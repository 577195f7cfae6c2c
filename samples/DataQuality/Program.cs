using DataQualitySample;

// DataQuality: two CRM instances ("HubSpot" and "Pipedrive", in-memory stand-ins seeded with messy contacts) checked
// by the SDK's data-quality report, searched for duplicates, and shown what merging them would change; CSV files of
// all three go to artifacts/data-quality. Nothing is written to a provider unless --apply is given.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

DataQualityRun run = await DataQualityApp.RunAsync(args, Console.Out, AppContext.BaseDirectory, environment: null, cts.Token);
return run.ExitCode;
