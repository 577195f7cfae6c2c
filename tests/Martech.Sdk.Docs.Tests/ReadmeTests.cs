namespace Martech.Sdk.Docs.Tests;

/// <summary>The README's quick start, compiled from the README and run as written.</summary>
[Collection(nameof(RunsDocumentedProgramsCollection))]
public sealed class ReadmeTests
{
    [Fact]
    public async Task QuickStart_RunsAsWritten_AndListsTheContact()
    {
        CodeBlock quickStart = Markdown.CodeBlocks("README.md").First(b => b.Language == "csharp");
        SnippetCompilation program = SnippetCompiler.Compile(quickStart);

        using var console = new ConsoleCapture();
        await program.RunAsync();

        Assert.Equal(["ada@example.com"], console.Lines);
    }

    [Fact]
    public void TestCommand_IsTestSh_WhichCiRunsAndWhichRunsEveryTestProject()
    {
        // The "Run it" block: each command with its comment.
        string[] commands = [.. Markdown.CodeBlocks("README.md").First(b => b.Language == "bash").Code.Split('\n')
            .Where(l => l.Contains("# all the tests", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf('#', StringComparison.Ordinal)].Trim())];

        Assert.Equal(["./test.sh"], commands);
        string ci = File.ReadAllText(Repository.FullPath(".ci/run"));
        Assert.Contains("\n./test.sh 2>&1 | tee \"$log\"\n", ci, StringComparison.Ordinal);
        string script = File.ReadAllText(Repository.FullPath("test.sh"));
        Assert.EndsWith("\nexec dotnet test Martech.Sdk.sln \"$@\"\n", script, StringComparison.Ordinal);
        Assert.Contains("missing+=(chromium)", script, StringComparison.Ordinal);
        Assert.Contains("missing+=(zbar-tools)", script, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(Repository.FullPath("test.sh")) & UnixFileMode.UserExecute) != 0, "test.sh is not executable: git update-index --chmod=+x test.sh");
        }
    }
}
