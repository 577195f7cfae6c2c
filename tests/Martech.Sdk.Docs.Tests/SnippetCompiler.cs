using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Martech.Sdk.Docs.Tests;

/// <summary>
/// Compiles a C# block of the docs as a file of its own: top-level statements make it a program (with <c>args</c>),
/// otherwise a library. It compiles against every assembly the tests run with (the .NET and ASP.NET Core frameworks,
/// every Martech.Sdk package, Microsoft.Extensions.Hosting, xunit) with <see cref="StandardUsings"/> in scope, as in a
/// project with implicit usings; anything else a block needs it says with its own <c>using</c> lines.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>The usings every block gets: the implicit usings of an ASP.NET Core project (a superset of a console
    /// app's and a worker's), plus <c>Martech.Sdk</c>.</summary>
    public static readonly IReadOnlyList<string> StandardUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Threading", "System.Threading.Tasks",
        "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
        "Martech.Sdk",
    ];

    // Warnings that mean the docs show something wrong, not merely unpolished: obsolete members.
    private static readonly HashSet<string> FailingWarnings = new(StringComparer.Ordinal) { "CS0612", "CS0618" };

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly SyntaxTree GlobalUsings = CSharpSyntaxTree.ParseText(
        string.Concat(StandardUsings.Select(u => $"global using {u};\n")), ParseOptions, path: "StandardUsings.cs");

    /// <summary>Compiles a block; the result's errors name the Markdown file and line.</summary>
    public static SnippetCompilation Compile(CodeBlock block)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(block.Code, ParseOptions, path: block.File);
        bool isProgram = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithOptimizationLevel(OptimizationLevel.Debug);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Snippet_" + Math.Abs(StringComparer.Ordinal.GetHashCode(block.Location)),
            [GlobalUsings, tree],
            References.Value,
            options);

        string[] errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || FailingWarnings.Contains(d.Id))
            .Select(d => Describe(block, d))
            .ToArray();
        return new SnippetCompilation(block, compilation, isProgram, errors);
    }

    private static string Describe(CodeBlock block, Diagnostic diagnostic)
    {
        if (diagnostic.Location.IsInSource && diagnostic.Location.SourceTree!.FilePath == block.File)
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            int line = block.Line + 1 + span.StartLinePosition.Line;
            return $"{block.File}:{line}:{span.StartLinePosition.Character + 1}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        return $"{block.Location}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The runtime's list of what the tests may load: the shared frameworks and every assembly of the deps file.
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return [.. trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(p => !Path.GetFileName(p).StartsWith("Martech.Sdk.Docs.Tests", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}

/// <summary>A compiled block: its errors, and for a program, a way to run it.</summary>
internal sealed record SnippetCompilation(CodeBlock Block, CSharpCompilation Compilation, bool IsProgram, IReadOnlyList<string> Errors)
{
    /// <summary>Emits the program and runs its entry point with <paramref name="args"/>.</summary>
    public async Task RunAsync(params string[] args)
    {
        Assert.True(IsProgram, $"{Block.Location} is not a program.");
        Assert.Empty(Errors);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = Compilation.Emit(image);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        Assembly assembly = Assembly.Load(image.ToArray());
        MethodInfo entry = assembly.EntryPoint!;
        object? result = entry.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, entry.GetParameters().Length == 0 ? [] : [args], culture: null);
        if (result is Task task)
        {
            await task;
        }
    }
}
