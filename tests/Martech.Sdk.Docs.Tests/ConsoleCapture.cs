namespace Martech.Sdk.Docs.Tests;

/// <summary>Redirects <see cref="Console.Out"/> while a documented program runs. Console output is process-wide, so
/// the tests that use it are in <see cref="RunsDocumentedProgramsCollection"/>, which runs alone.</summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _previous = Console.Out;
    private readonly StringWriter _writer = new();

    public ConsoleCapture() => Console.SetOut(_writer);

    public IReadOnlyList<string> Lines => _writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose()
    {
        Console.SetOut(_previous);
        _writer.Dispose();
    }
}

[CollectionDefinition(nameof(RunsDocumentedProgramsCollection), DisableParallelization = true)]
public sealed class RunsDocumentedProgramsCollection;
