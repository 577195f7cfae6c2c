using System.Text.RegularExpressions;

namespace Martech.Sdk.Docs.Tests;

/// <summary>Just enough Markdown: fenced code blocks, the prose around them, links and headings.</summary>
internal static partial class Markdown
{
    /// <summary>The fenced code blocks of a file, in order.</summary>
    public static IReadOnlyList<CodeBlock> CodeBlocks(string relativePath)
    {
        string[] lines = File.ReadAllLines(Repository.FullPath(relativePath));
        var blocks = new List<CodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            string indent = open.Groups["indent"].Value;
            string fence = open.Groups["fence"].Value;
            string[] info = open.Groups["info"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var code = new List<string>();
            int j = i + 1;
            for (; j < lines.Length; j++)
            {
                Match close = Fence().Match(lines[j]);
                if (close.Success && close.Groups["fence"].Value[0] == fence[0] && close.Groups["fence"].Value.Length >= fence.Length && close.Groups["info"].Value.Length == 0)
                {
                    break;
                }

                code.Add(lines[j].StartsWith(indent, StringComparison.Ordinal) ? lines[j][indent.Length..] : lines[j].TrimStart());
            }

            blocks.Add(new CodeBlock(relativePath, i + 1, info.Length > 0 ? info[0].ToLowerInvariant() : string.Empty, info.Skip(1).ToArray(), string.Join('\n', code)));
            i = j;
        }

        return blocks;
    }

    /// <summary>The lines of a file outside fenced code blocks, each with its 1-based number, with inline code
    /// (<c>`…`</c>) blanked out: what a reader reads as prose, links and headings.</summary>
    public static IEnumerable<(int Line, string Text)> Prose(string relativePath) =>
        RawProse(relativePath).Select(l => (l.Line, InlineCode().Replace(l.Text, m => new string(' ', m.Length))));

    /// <summary>The lines of a file outside fenced code blocks, as written.</summary>
    public static IEnumerable<(int Line, string Text)> RawProse(string relativePath)
    {
        string[] lines = File.ReadAllLines(Repository.FullPath(relativePath));
        string? fence = null;
        for (int i = 0; i < lines.Length; i++)
        {
            Match match = Fence().Match(lines[i]);
            if (match.Success)
            {
                string marker = match.Groups["fence"].Value;
                if (fence is null)
                {
                    fence = marker;
                    continue;
                }

                if (marker[0] == fence[0] && marker.Length >= fence.Length && match.Groups["info"].Value.Length == 0)
                {
                    fence = null;
                    continue;
                }
            }

            if (fence is null)
            {
                yield return (i + 1, lines[i]);
            }
        }
    }

    /// <summary>Every link target in the prose: inline links and images, reference definitions and autolinks.</summary>
    public static IEnumerable<(int Line, string Target)> Links(string relativePath)
    {
        foreach ((int line, string text) in Prose(relativePath))
        {
            foreach (Match m in InlineLink().Matches(text))
            {
                yield return (line, m.Groups["target"].Value);
            }

            if (ReferenceDefinition().Match(text) is { Success: true } definition)
            {
                yield return (line, definition.Groups["target"].Value);
            }

            foreach (Match m in AutoLink().Matches(text))
            {
                yield return (line, m.Groups["target"].Value);
            }
        }
    }

    /// <summary>The anchors of a file's headings, as GitHub makes them: lower case, punctuation dropped, spaces as
    /// hyphens, a repeated heading numbered.</summary>
    public static IReadOnlySet<string> Anchors(string relativePath)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((_, string text) in RawProse(relativePath))
        {
            Match heading = Heading().Match(text);
            if (!heading.Success)
            {
                continue;
            }

            string slug = Slug(heading.Groups["title"].Value);
            int seen = counts.GetValueOrDefault(slug);
            counts[slug] = seen + 1;
            anchors.Add(seen == 0 ? slug : $"{slug}-{seen}");
        }

        return anchors;
    }

    public static string Slug(string title)
    {
        var chars = title.Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray();
        return new string(chars).Replace(' ', '-');
    }

    [GeneratedRegex(@"^(?<indent>\s*)(?<fence>`{3,}|~{3,})\s*(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<(?<target>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
