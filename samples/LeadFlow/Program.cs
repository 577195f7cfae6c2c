using LeadFlow;
using Spectre.Console;

// LeadFlow: import a leads CSV into the CRM, create leads, notify chat, welcome by email and SMS with consent.
// With no vendor configured it runs on the embedded in-memory providers; appsettings.json (or environment
// variables such as Martech__Defaults__Email) choose other providers by name once they are registered.
// --details prints what was done with every row; --report <file.csv|file.json> writes it to a file.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

IStepProgress progress = Console.IsOutputRedirected ? new NoStepProgress() : new SpectreStepProgress(AnsiConsole.Console);
return await LeadFlowApp.RunAsync(args, AnsiConsole.Console, Console.Error, progress, cts.Token);
