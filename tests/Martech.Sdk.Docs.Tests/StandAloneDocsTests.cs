using System.Text.RegularExpressions;

namespace Martech.Sdk.Docs.Tests;

/// <summary>The docs stand alone: every link leads to a file (and heading) of this repository, nothing points at a
/// web address, an issue or a note that is not in the repository.</summary>
public sealed partial class StandAloneDocsTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string file in Repository.MarkdownFiles)
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void Scan_FindsTheDocs()
    {
        Assert.Contains("README.md", Repository.MarkdownFiles);
        Assert.Contains("docs/getting-started.md", Repository.MarkdownFiles);
        Assert.Contains("docs/writing-a-provider.md", Repository.MarkdownFiles);
        Assert.Contains("CONTRIBUTING.md", Repository.MarkdownFiles);
        Assert.Contains("CHANGELOG.md", Repository.MarkdownFiles);
        Assert.Contains("docs/versioning.md", Repository.MarkdownFiles);
        Assert.Contains(Repository.MarkdownFiles, f => f.StartsWith("docs/providers/", StringComparison.Ordinal));
        Assert.Contains(Repository.MarkdownFiles, f => f.StartsWith("samples/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Links_LeadToFilesAndHeadingsOfTheRepository(string file)
    {
        var problems = new List<string>();
        bool packageReadme = Repository.IsPackageReadme(file);
        string folder = Path.GetDirectoryName(Repository.FullPath(file))!;
        foreach ((int line, string link) in Markdown.Links(file))
        {
            // A package README is read on the package gallery, where a relative link leads nowhere: it links to the
            // repository's files through the repository's address instead, and those links must still resolve.
            string target = link;
            string? repositoryPath = Repository.PathOfUrl(link);
            if (packageReadme && repositoryPath is not null)
            {
                target = repositoryPath;
            }
            else if (packageReadme && Scheme().IsMatch(link))
            {
                problems.Add($"{file}:{line}: a package README links to the repository's files as {Repository.Url}/blob/main/<path>, not to {link}");
                continue;
            }
            else if (Scheme().IsMatch(link))
            {
                problems.Add($"{file}:{line}: links outside the repository: {link}");
                continue;
            }
            else if (packageReadme)
            {
                problems.Add($"{file}:{line}: a relative link leads nowhere on the package gallery; write {Repository.Url}/blob/main/<path>: {link}");
                continue;
            }

            string[] parts = target.Split('#', 2);
            string path = Uri.UnescapeDataString(parts[0]);
            string relativeTo = repositoryPath is not null && packageReadme ? Repository.Root : folder;
            string full = path.Length == 0 ? Repository.FullPath(file) : Path.GetFullPath(Path.Combine(relativeTo, path));
            if (!full.StartsWith(Repository.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != Repository.Root)
            {
                problems.Add($"{file}:{line}: points outside the repository: {target}");
            }
            else if (!File.Exists(full) && !Directory.Exists(full))
            {
                problems.Add($"{file}:{line}: no such file: {target}");
            }
            else if (parts.Length == 2 && full.EndsWith(".md", StringComparison.Ordinal) && !Markdown.Anchors(Repository.Relative(full)).Contains(parts[1]))
            {
                problems.Add($"{file}:{line}: no heading #{parts[1]} in {Repository.Relative(full)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Prose_HasNoWebAddressIssueNumberOrOutsideNote(string file)
    {
        var mentionable = Directory.EnumerateFiles(Repository.Root, "*.md", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach ((int line, string text) in Markdown.Prose(file))
        {
            foreach (Match m in WebAddress().Matches(text))
            {
                if (Repository.IsPackageReadme(file) && (m.Value == Repository.Url || m.Value.StartsWith(Repository.Url + "/", StringComparison.Ordinal)))
                {
                    continue;   // a package README names the repository's own address; its links are checked above
                }

                problems.Add($"{file}:{line}: web address in the text (links and references stay inside the repository; a value belongs in `code`): {m.Value}");
            }

            foreach (Match m in IssueNumber().Matches(text))
            {
                problems.Add($"{file}:{line}: refers to an issue or pull request: {m.Value}");
            }
        }

        foreach ((int line, string text) in Markdown.RawProse(file))
        {
            foreach (Match m in MarkdownFileName().Matches(text))
            {
                if (!mentionable.Contains(m.Value))
                {
                    problems.Add($"{file}:{line}: names {m.Value}, which is not in the repository");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Checks_CatchWhatTheyAreFor()
    {
        Assert.Matches(IssueNumber(), "fixed in #12.");
        Assert.Matches(IssueNumber(), "see issue 7");
        Assert.Matches(IssueNumber(), "(a later issue)");
        Assert.DoesNotMatch(IssueNumber(), "## 4. More than email");
        Assert.DoesNotMatch(IssueNumber(), "colour #36a64f");
        Assert.Matches(WebAddress(), "see https://vendor.example/docs");
        Assert.Matches(Scheme(), "mailto:someone@example.com");
        Assert.DoesNotMatch(Scheme(), "../docs/testing.md#vendor-emulators");
        Assert.Equal("vendor-emulators", Markdown.Slug("Vendor emulators"));
        Assert.True(Repository.IsPackageReadme("src/Martech.Sdk.HubSpot/README.md"));
        Assert.False(Repository.IsPackageReadme("samples/LeadFlow/README.md"));
        Assert.False(Repository.IsPackageReadme("src/Martech.Sdk/Docs/README.md"));
        Assert.Equal("docs/consent.md", Repository.PathOfUrl(Repository.Url + "/blob/main/docs/consent.md"));
        Assert.Null(Repository.PathOfUrl("https://vendor.example/docs"));
        Assert.Equal("time-manualtimeprovider", Markdown.Slug("Time: `ManualTimeProvider`"));
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"\b(https?|ftp)://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"(?<![\w&/#])#\d+\b|\b(issue|pull request|PR)s?\s+#?\d+|\b(later|next|future|open|separate|another|follow-up)\s+issue\b", RegexOptions.IgnoreCase)]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"(?<![\w/.-])[\w.-]+\.md\b")]
    private static partial Regex MarkdownFileName();
}
