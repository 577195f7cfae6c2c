namespace Martech.Sdk.Docs.Tests;

/// <summary>The repository the tests run from, and the Markdown files the docs tests read.</summary>
internal static class Repository
{
    /// <summary>The folder holding Martech.Sdk.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every Markdown file a user reads: the README, CONTRIBUTING, CHANGELOG, docs/, and the READMEs of the
    /// samples, packages and templates. Paths are relative to <see cref="Root"/>, with forward slashes.</summary>
    public static IReadOnlyList<string> MarkdownFiles { get; } = FindMarkdown();

    public static string FullPath(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Martech.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Martech.Sdk.sln above {AppContext.BaseDirectory}.");
    }

    private static List<string> FindMarkdown()
    {
        var files = new List<string>();
        foreach (string top in new[] { "README.md", "CONTRIBUTING.md", "CHANGELOG.md" })
        {
            if (File.Exists(Path.Combine(Root, top)))
            {
                files.Add(top);
            }
        }

        foreach (string folder in new[] { "docs", "samples", "src", "templates" })
        {
            string full = Path.Combine(Root, folder);
            if (!Directory.Exists(full))
            {
                continue;
            }

            files.AddRange(Directory.EnumerateFiles(full, "*.md", SearchOption.AllDirectories)
                .Select(Relative)
                .Where(p => !p.Split('/').Any(part => part is "bin" or "obj")));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
