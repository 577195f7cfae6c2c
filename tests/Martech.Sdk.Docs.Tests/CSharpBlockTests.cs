namespace Martech.Sdk.Docs.Tests;

/// <summary>Every <c>```csharp</c> block of the docs compiles against the SDK as written (see
/// <see cref="SnippetCompiler"/>), except quotes of a repository file (<c>```csharp from=path</c>), which must match
/// that file, and the few marked <c>```csharp fragment</c>.</summary>
public class CSharpBlockTests
{
    // Fragments are pieces that cannot stand alone (part of an object initializer, code inside a provider). The cap
    // makes adding one a decision: raise it in the same change, and say why in the review.
    private const int MaxFragments = 2;

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (CodeBlock block in AllCSharpBlocks().Where(b => !b.IsFragment && b.Source is null))
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    public static TheoryData<string, int> Quotes()
    {
        var data = new TheoryData<string, int>();
        foreach (CodeBlock block in AllCSharpBlocks().Where(b => b.Source is not null))
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Quotes))]
    public void Quote_MatchesTheFileItQuotes(string file, int line)
    {
        CodeBlock block = AllCSharpBlocks().Single(b => b.File == file && b.Line == line);
        string source = Repository.FullPath(block.Source!);
        Assert.True(File.Exists(source), $"The C# block at {block.Location} quotes {block.Source}, which does not exist.");

        string[] quoted = Trim(block.Code.Split('\n'));
        string[] lines = File.ReadAllLines(source);
        bool found = Enumerable.Range(0, Math.Max(0, lines.Length - quoted.Length + 1))
            .Any(start => Dedent(lines.AsSpan(start, quoted.Length).ToArray()).SequenceEqual(Dedent(quoted)));

        Assert.True(found, $"The C# block at {block.Location} no longer matches {block.Source}: copy the current lines from the file.");
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Block_Compiles(string file, int line)
    {
        CodeBlock block = AllCSharpBlocks().Single(b => b.File == file && b.Line == line);

        SnippetCompilation compiled = SnippetCompiler.Compile(block);

        Assert.True(compiled.Errors.Count == 0, $"The C# block at {block.Location} does not compile:\n" + string.Join('\n', compiled.Errors));
    }

    [Fact]
    public void Docs_HaveCSharpBlocks_AndFewFragments()
    {
        var blocks = AllCSharpBlocks().ToList();
        var fragments = blocks.Where(b => b.IsFragment).Select(b => b.Location).ToList();

        Assert.True(blocks.Count >= 40, $"Only {blocks.Count} C# blocks were found: is the Markdown scan broken?");
        Assert.True(fragments.Count <= MaxFragments, $"{fragments.Count} C# blocks are marked fragment (at most {MaxFragments}): make them compile instead.\n" + string.Join('\n', fragments));
    }

    [Fact]
    public void CodeBlocks_NameTheirLanguage()
    {
        var unnamed = Repository.MarkdownFiles.SelectMany(Markdown.CodeBlocks).Where(b => b.Language.Length == 0).Select(b => b.Location).ToList();

        Assert.True(unnamed.Count == 0, "Code blocks without a language (write ```csharp, ```json, ```bash, ```text…), so C# cannot hide from the compile check:\n" + string.Join('\n', unnamed));
    }

    [Fact]
    public void CSharpBlocks_UseOneSpelling()
    {
        var others = Repository.MarkdownFiles.SelectMany(Markdown.CodeBlocks)
            .Where(b => b.Language is "cs" or "c#" or "csharp-fragment")
            .Select(b => b.Location)
            .ToList();

        Assert.True(others.Count == 0, "C# blocks are written ```csharp (the compile check reads only that):\n" + string.Join('\n', others));
    }

    [Fact]
    public void Compiler_ReportsTheMarkdownFileAndLine()
    {
        var broken = new CodeBlock("docs/example.md", 10, "csharp", [], "var x = 1;\nint y = \"text\";\n");

        SnippetCompilation compiled = SnippetCompiler.Compile(broken);

        string error = Assert.Single(compiled.Errors);
        Assert.StartsWith("docs/example.md:12:9: CS0029", error, StringComparison.Ordinal);
    }

    private static string[] Trim(string[] lines)
    {
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        int last = Array.FindLastIndex(lines, l => l.Trim().Length > 0);
        return first < 0 ? [] : lines[first..(last + 1)];
    }

    private static string[] Dedent(string[] lines)
    {
        int indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return [.. lines.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()).TrimEnd())];
    }

    internal static IEnumerable<CodeBlock> AllCSharpBlocks() =>
        Repository.MarkdownFiles.SelectMany(Markdown.CodeBlocks).Where(b => b.Language == "csharp");
}
