using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SlaMonitorSample;

/// <summary>The sample's whole run, callable from a test: the simulated SLA week, then the vendor SLOs.</summary>
internal static class SlaMonitorApp
{
    /// <summary>The exit code when the run went wrong: "once per transition" broke, or an instance was not reported.</summary>
    public const int Failed = 1;

    /// <summary>The exit code when a setting is wrong: the host refused to start.</summary>
    public const int ConfigurationError = 2;

    /// <param name="args">Configuration overrides, such as <c>--Martech:Slas:Policies:mql-first-touch:Target=02:00:00</c>.</param>
    /// <param name="output">Where the story is told.</param>
    /// <param name="contentRoot">The folder holding appsettings.json.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<SlaMonitorRun> RunAsync(string[] args, TextWriter output, string contentRoot, CancellationToken cancellationToken)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var time = Stopwatch.StartNew();
        try
        {
            SlaStoryOutcome sla = await SlaStory.RunAsync(configuration, output, cancellationToken);
            VendorSloOutcome slo = await VendorSloStory.RunAsync(configuration, output, cancellationToken);
            var problems = sla.Problems.ToList();
            foreach (string instance in new[] { "SendGrid", "Mailgun" }.Where(i => !slo.Report.Instances.Any(r => r.Instance == i)))
            {
                problems.Add($"The vendor SLO report does not list {instance}.");
            }

            await output.WriteLineAsync();
            if (problems.Count > 0)
            {
                await output.WriteLineAsync($"SlaMonitor FAILED: {string.Join(" ", problems)}");
                return new SlaMonitorRun(Failed, sla, slo);
            }

            await output.WriteLineAsync($"Done in {time.Elapsed.TotalSeconds:0.0} s.");
            return new SlaMonitorRun(0, sla, slo);
        }
        catch (OptionsValidationException ex)
        {
            await output.WriteLineAsync("SlaMonitor: the configuration is not valid; fix appsettings.json (or the override) and run again:");
            foreach (string failure in ex.Failures)
            {
                await output.WriteLineAsync($"  - {failure}");
            }

            return new SlaMonitorRun(ConfigurationError, null, null);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or KeyNotFoundException)
        {
            await output.WriteLineAsync($"SlaMonitor FAILED: {ex.Message}");
            return new SlaMonitorRun(Failed, null, null);
        }
    }
}

/// <summary>How the run ended, and what each part showed (null when it did not get that far).</summary>
internal sealed record SlaMonitorRun(int ExitCode, SlaStoryOutcome? Sla, VendorSloOutcome? Slo);
