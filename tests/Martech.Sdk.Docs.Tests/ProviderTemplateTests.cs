using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Martech.Sdk.Testing.Conformance;

namespace Martech.Sdk.Docs.Tests;

/// <summary>
/// templates/provider, as docs/writing-a-provider.md tells a provider author to use it: packs the SDK packages it
/// needs into a local folder, installs the template (into a private template store), instantiates it under a new
/// vendor name, and builds and tests the result against those packages alone (plus the machine's NuGet source for
/// third-party packages). Every conformance test of the suite must run and pass against the emulator it ships.
/// </summary>
[Trait("Category", "Template")]
public sealed partial class ProviderTemplateTests : IDisposable
{
    private static readonly string[] Packages = ["Martech.Sdk.Abstractions", "Martech.Sdk", "Martech.Sdk.Testing", "Martech.Sdk.Testing.Conformance"];
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);
    private readonly string _work = Directory.CreateTempSubdirectory("martech-template-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Template_Instantiated_BuildsAndPassesTheConformanceSuite()
    {
        string version = $"0.1.0-template.{DateTime.UtcNow:yyyyMMddHHmmss}";
        string feed = Path.Combine(_work, "feed");
        string hive = Path.Combine(_work, "hive");
        string output = Path.Combine(_work, "Martech.Sdk.Brevo");

        // The packages as built for these tests (the same configuration), versioned for this run only.
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        foreach (string package in Packages)
        {
            await DotnetAsync(Repository.Root, "pack", Repository.FullPath($"src/{package}/{package}.csproj"), "--no-build", "-c", configuration, "-o", feed, $"-p:Version={version}");
        }

        await DotnetAsync(_work, "new", "install", Repository.FullPath("templates/provider"), "--debug:custom-hive", hive);
        await DotnetAsync(_work, "new", "martech-provider", "-n", "Brevo", "-o", output, "--MartechSdkVersion", version, "--debug:custom-hive", hive);
        Assert.True(File.Exists(Path.Combine(output, "src", "Martech.Sdk.Brevo", "BrevoEmailSender.cs")), "The template did not rename AcmeMail to the given name.");

        // Restore from the local folder and the machine's sources; packages go to a folder of this run, reading the
        // machine's cache for what it already holds.
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(output, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><add key="martech-local" value="{feed}" /></packageSources>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" /></config>
              <fallbackPackageFolders><add key="machine" value="{machinePackages}" /></fallbackPackageFolders>
            </configuration>
            """);

        string log = await DotnetAsync(output, "test", Path.Combine("tests", "Martech.Sdk.Brevo.Tests"));

        Match summary = Summary().Match(log);
        Assert.True(summary.Success, "No test summary in:\n" + Tail(log));
        Assert.Equal(0, int.Parse(summary.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture));
        int passed = int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(passed > ConformanceCaseCount(), $"{passed} tests passed; the email conformance suite alone has {ConformanceCaseCount()} cases, and the template adds its own.\n" + Tail(log));
    }

    /// <summary>The number of test cases in <see cref="EmailSenderConformanceTests"/>: each fact, and each inline data
    /// row of a theory.</summary>
    private static int ConformanceCaseCount() =>
        typeof(EmailSenderConformanceTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Sum(m => m.IsDefined(typeof(TheoryAttribute)) ? m.GetCustomAttributes<InlineDataAttribute>().Count()
                : m.IsDefined(typeof(FactAttribute)) ? 1 : 0);

    private static async Task<string> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        Task stdout = PumpAsync(process.StandardOutput, output);
        Task stderr = PumpAsync(process.StandardError, output);
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran longer than {StepTimeout}:\n{Tail(output.ToString())}");
        }

        await Task.WhenAll(stdout, stderr);
        string text = output.ToString();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{Tail(text)}");
        return text;
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }

    /// <summary>The dotnet host running these tests (the test host runs under it), so the nested commands use the
    /// same SDK.</summary>
    private static string DotnetPath()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(80));

    [GeneratedRegex(@"(Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+)")]
    private static partial Regex Summary();
}
