using LeadFlow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

// LeadFlow: import a leads CSV into the CRM, create leads, notify chat, welcome by email and SMS with consent.
// With no vendor configured it runs on the embedded in-memory providers; appsettings.json (or environment
// variables such as Martech__Defaults__Email) choose other providers by name once they are registered.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// The in-memory default always; each vendor whose section exists in configuration (Martech:HubSpot, …) too.
builder.Services.AddLeadFlowProviders(builder.Configuration.GetSection("Martech"));

builder.Services.AddOptions<LeadFlowOptions>().Bind(builder.Configuration.GetSection("LeadFlow"));
builder.Services.AddSingleton<LeadFlowRunner>();

using var host = builder.Build();
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

// Starting the host validates every Martech option and default; a bad setting stops here with its name.
await host.StartAsync(cts.Token);
try
{
    IStepProgress progress = Console.IsOutputRedirected ? new NoStepProgress() : new SpectreStepProgress(AnsiConsole.Console);
    var summary = await host.Services.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, progress, cts.Token);
    SummaryReport.Write(AnsiConsole.Console, summary);
    return summary.ContactsFailed.Count + summary.LeadsFailed.Count + summary.EmailsFailed.Count + summary.SmsFailed.Count == 0 ? 0 : 1;
}
finally
{
    await host.StopAsync(CancellationToken.None);
}
