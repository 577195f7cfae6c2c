namespace Martech.Sdk.Docs.Tests;

/// <summary>The repository the tests run from, and the Markdown files the docs tests read.</summary>
internal static class Repository
{
    /// <summary>The folder holding Martech.Sdk.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every Markdown file a user reads: the README, CONTRIBUTING, CHANGELOG, docs/, and the READMEs of the
    /// samples, packages and templates. Paths are relative to <see cref="Root"/>, with forward slashes.</summary>
    public static IReadOnlyList<string> MarkdownFiles { get; } = FindMarkdown();

    /// <summary>The repository's web address, <c>MartechRepositoryUrl</c> in Directory.Build.props: the package
    /// READMEs link through it, because the package gallery shows them away from the repository's files.</summary>
    public static string Url { get; } = FindUrl();

    /// <summary>Whether <paramref name="relativePath"/> is a package's README (<c>src/&lt;package&gt;/README.md</c>),
    /// which is packed into the package and read on the gallery.</summary>
    public static bool IsPackageReadme(string relativePath) =>
        relativePath.StartsWith("src/", StringComparison.Ordinal)
        && relativePath.EndsWith("/README.md", StringComparison.Ordinal)
        && relativePath.Count(c => c == '/') == 2;

    /// <summary>Maps a web address to the repository's files (<c>{Url}/blob/main/path</c> or <c>{Url}/tree/main/path</c>)
    /// back to the repository path, or returns <see langword="null"/> for any other address.</summary>
    public static string? PathOfUrl(string target)
    {
        foreach (string prefix in new[] { Url + "/blob/main/", Url + "/tree/main/" })
        {
            if (target.StartsWith(prefix, StringComparison.Ordinal))
            {
                return target[prefix.Length..];
            }
        }

        return null;
    }

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

    private static string FindUrl()
    {
        string props = File.ReadAllText(Path.Combine(Root, "Directory.Build.props"));
        const string Open = "<MartechRepositoryUrl>";
        int start = props.IndexOf(Open, StringComparison.Ordinal);
        int end = start < 0 ? -1 : props.IndexOf("</MartechRepositoryUrl>", start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException("Directory.Build.props sets no MartechRepositoryUrl.");
        }

        return props[(start + Open.Length)..end].Trim().TrimEnd('/');
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
