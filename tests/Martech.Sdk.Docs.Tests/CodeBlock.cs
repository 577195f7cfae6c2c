namespace Martech.Sdk.Docs.Tests;

/// <summary>A fenced code block of a Markdown file.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">The 1-based line of the opening fence; the code starts on the next line.</param>
/// <param name="Language">The first word of the info string (<c>csharp</c>, <c>json</c>, …), lower-cased.</param>
/// <param name="Attributes">The other words of the info string, such as <see cref="Fragment"/>.</param>
/// <param name="Code">The code, without the fences and without the fence's indentation.</param>
internal sealed record CodeBlock(string File, int Line, string Language, IReadOnlyList<string> Attributes, string Code)
{
    /// <summary>The marker of a C# block that is deliberately not a whole program or file (a piece of an object
    /// initializer, code that only makes sense inside a provider): <c>```csharp fragment</c>. It is not compiled, so
    /// the docs keep as few as they can.</summary>
    public const string Fragment = "fragment";

    /// <summary>The marker of a C# block quoted from a file of the repository, such as the provider template:
    /// <c>```csharp from=templates/provider/src/…/AcmeMailOptions.cs</c>. The block must appear in that file as it
    /// stands (lines in order, indentation aside); the file is compiled and tested where it lives.</summary>
    public const string FromPrefix = "from=";

    public bool IsFragment => Attributes.Contains(Fragment, StringComparer.Ordinal);

    /// <summary>The file the block quotes (see <see cref="FromPrefix"/>), relative to the repository root.</summary>
    public string? Source => Attributes.FirstOrDefault(a => a.StartsWith(FromPrefix, StringComparison.Ordinal))?[FromPrefix.Length..];

    /// <summary>Where the block is, as <c>file:line</c>.</summary>
    public string Location => $"{File}:{Line}";

    public override string ToString() => Location;
}
