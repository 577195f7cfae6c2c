using System.Text.Json;
using System.Text.RegularExpressions;
using Martech.Sdk.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Docs.Tests;

/// <summary>docs/getting-started.md as a new user follows it: the packages it names are all the program needs, the
/// program is at most ten lines, and it sends the email from appsettings.json (here to the SendGrid emulator, which
/// the test points the provider at with a command-line setting, as a user could).</summary>
[Collection(nameof(RunsDocumentedProgramsCollection))]
public sealed partial class GettingStartedTests : IDisposable
{
    private const string Page = "docs/getting-started.md";
    private readonly string _folder = Directory.CreateTempSubdirectory("martech-getting-started-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Program_IsAtMostTenLinesOfCSharp()
    {
        string[] lines = FirstProgram().Code.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToArray();

        Assert.InRange(lines.Length, 1, 10);
    }

    [Fact]
    public void Program_CompilesWithTheAddedPackagesAlone_HostingIncluded()
    {
        string[] added = AddedPackages();
        Assert.Contains("Microsoft.Extensions.Hosting", added);

        // As in the new console project: .NET itself, the packages the page adds and what they bring, the console
        // template's implicit usings, and nothing else.
        string[] consoleUsings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];
        MetadataReference[] references =
        [
            .. PackageClosure.SharedFramework("Microsoft.NETCore.App").Select(p => MetadataReference.CreateFromFile(p)),
            .. PackageClosure.Assemblies(added).Distinct().Select(p => MetadataReference.CreateFromFile(p)),
        ];
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Welcome",
            [
                CSharpSyntaxTree.ParseText(string.Concat(consoleUsings.Select(u => $"global using {u};\n"))),
                CSharpSyntaxTree.ParseText(FirstProgram().Code, path: Page),
            ],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication).WithNullableContextOptions(NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

        Assert.True(errors.Count == 0, $"The program of {Page} does not compile with the packages it adds ({string.Join(", ", added)}):\n" + string.Join('\n', errors));
    }

    [Fact]
    public async Task Program_SendsTheEmail_FromAppSettingsJson()
    {
        await using var sendGrid = new SendGridEmulator { ApiKey = DocumentedApiKey() };
        await sendGrid.StartAsync();
        File.WriteAllText(Path.Combine(_folder, "appsettings.json"), AppSettings().Code);
        SnippetCompilation program = SnippetCompiler.Compile(FirstProgram());

        using var console = new ConsoleCapture();
        await program.RunAsync("--contentRoot", _folder, "--Martech:SendGrid:BaseAddress", sendGrid.BaseAddress.AbsoluteUri);

        SendGridEmulatorMessage sent = Assert.Single(sendGrid.Messages);
        Assert.Equal(["ada@example.com"], sent.To);
        Assert.Equal("Welcome", sent.Subject);
        Assert.Contains(console.Lines, l => l.StartsWith("Accepted ", StringComparison.Ordinal) && l.Length > "Accepted ".Length);
    }

    [Fact]
    public async Task Program_WithoutTheApiKey_StopsAtStart_NamingTheSettingAsTheDocSays()
    {
        File.WriteAllText(Path.Combine(_folder, "appsettings.json"), """{ "Martech": { "SendGrid": { } } }""");
        SnippetCompilation program = SnippetCompiler.Compile(FirstProgram());
        Match quoted = DocumentedStartError().Match(File.ReadAllText(Repository.FullPath(Page)));
        Assert.True(quoted.Success, $"{Page} no longer quotes the start-up error.");

        using var console = new ConsoleCapture();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => program.RunAsync("--contentRoot", _folder));

        Assert.Contains(quoted.Groups["message"].Value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondProgram_RunsOnTheInMemoryProvider_AsDescribed()
    {
        CodeBlock tour = Markdown.CodeBlocks(Page).Where(b => b.Language == "csharp").ElementAt(1);
        SnippetCompilation program = SnippetCompiler.Compile(tour);

        using var console = new ConsoleCapture();
        await program.RunAsync("--contentRoot", _folder);

        Assert.Contains("created", console.Lines);
        Assert.Contains(console.Lines, l => l.StartsWith("item 1: ", StringComparison.Ordinal));
        Assert.Contains("Grace@navy.example", console.Lines);
        Assert.Contains("ada@example.com", console.Lines);
    }

    private static CodeBlock FirstProgram() => Markdown.CodeBlocks(Page).First(b => b.Language == "csharp");

    private static CodeBlock AppSettings() => Markdown.CodeBlocks(Page).First(b => b.Language == "json");

    private static string DocumentedApiKey()
    {
        using JsonDocument settings = JsonDocument.Parse(AppSettings().Code);
        return settings.RootElement.GetProperty("Martech").GetProperty("SendGrid").GetProperty("ApiKey").GetString()!;
    }

    private static string[] AddedPackages() =>
        Markdown.CodeBlocks(Page).Where(b => b.Language == "bash")
            .SelectMany(b => b.Code.Split('\n'))
            .Select(l => AddPackage().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["package"].Value)
            .ToArray();

    [GeneratedRegex(@"^\s*dotnet add package (?<package>[\w.]+)")]
    private static partial Regex AddPackage();

    [GeneratedRegex(@"such as\s+`(?<message>[^`]+)`")]
    private static partial Regex DocumentedStartError();
}
