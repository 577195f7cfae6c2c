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
}
