using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace LeadFlow;

/// <summary>
/// The LeadFlow command: reads its options, builds the host, runs the flow, prints the summary (and, when asked, the
/// per-row details) and writes the per-row report. Program.cs calls it with the real console; tests with their own.
/// </summary>
public static class LeadFlowApp
{
    /// <summary>The exit code for a command-line mistake, found before any work is done.</summary>
    public const int UsageError = 2;

    /// <param name="clock">The clock the run (lead times, SLA clocks) uses; the system clock when <see langword="null"/>.
    /// Tests pass a fixed one so due times are known.</param>
    /// <returns>0 when every step succeeded, 1 when a contact, lead, email or SMS failed, 2 for a usage error.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, TextWriter error, IStepProgress progress, CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        if (!LeadFlowArguments.TryParse(args, out LeadFlowArguments options, out string? problem))
        {
            await error.WriteLineAsync($"LeadFlow: {problem}{Environment.NewLine}{Environment.NewLine}{LeadFlowArguments.Usage}");
            return UsageError;
        }

        if (options.Help)
        {
            await console.Profile.Out.Writer.WriteLineAsync(LeadFlowArguments.Usage); // as written, not re-wrapped
            return 0;
        }

        // Open the report before any work, so a path that cannot be written stops the run before anything is sent. It
        // is written beside the target under a temporary name and moved into place when the run succeeds, so a run
        // that fails neither leaves a half-written report nor empties an earlier one.
        FileStream? report = null;
        string? reportPath = options.ReportPath is { } requested ? Path.GetFullPath(requested) : null;
        if (reportPath is not null)
        {
            string partial = Path.Combine(Path.GetDirectoryName(reportPath)!, $".{Path.GetFileName(reportPath)}.{Environment.ProcessId}.partial");
            try
            {
                report = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 16 * 1024, useAsync: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                await error.WriteLineAsync($"LeadFlow: --report '{options.ReportPath}' cannot be written: {ex.Message}");
                return UsageError;
            }
        }

        bool reportWritten = false;
        try
        {
            int exitCode = await RunFlowAsync(options, console, progress, report, reportPath, clock, cancellationToken);
            reportWritten = true;
            return exitCode;
        }
        finally
        {
            if (report is not null)
            {
                await report.DisposeAsync();
                if (reportWritten)
                {
                    File.Move(report.Name, reportPath!, overwrite: true);
                }
                else
                {
                    File.Delete(report.Name);
                }
            }
        }
    }

    private static async Task<int> RunFlowAsync(LeadFlowArguments options, IAnsiConsole console, IStepProgress progress, FileStream? report, string? reportPath, TimeProvider? clock, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. options.HostArguments],
            ContentRootPath = AppContext.BaseDirectory,
        });

        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        // The in-memory default always; each vendor whose section exists in configuration (Martech:HubSpot, …) too;
        // and the SLA engine with the policies and calendars of Martech:Slas.
        builder.Services.AddLeadFlowProviders(builder.Configuration.GetSection("Martech"));

        builder.Services.AddOptions<LeadFlowOptions>().Bind(builder.Configuration.GetSection("LeadFlow"));
        builder.Services.AddSingleton<LeadFlowRunner>();

        using var host = builder.Build();

        // Starting the host validates every Martech option and default; a bad setting stops here with its name.
        await host.StartAsync(cancellationToken);
        try
        {
            var summary = await host.Services.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, progress, cancellationToken);
            if (options.Details)
            {
                DetailsReport.Write(console, summary.Rows);
            }

            SummaryReport.Write(console, summary);
            if (report is not null)
            {
                await RowReport.WriteAsync(report, options.ReportFormat!.Value, summary.Rows, cancellationToken);
                await report.FlushAsync(cancellationToken);
                console.MarkupLine($"[grey]Report: {summary.Rows.Count} rows written to {Markup.Escape(reportPath!)} ({options.ReportFormat.Value.ToString().ToUpperInvariant()}).[/]");
            }

            return summary.ContactsFailed.Count + summary.LeadsFailed.Count + summary.EmailsFailed.Count + summary.SmsFailed.Count == 0 ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
