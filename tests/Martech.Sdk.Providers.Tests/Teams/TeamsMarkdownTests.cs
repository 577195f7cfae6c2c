using System.Text;
using Martech.Sdk.Teams;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>User text is escaped for the Markdown Teams renders in Adaptive Cards, so it shows literally; text without
/// Markdown is left as it is.</summary>
public sealed class TeamsMarkdownTests
{
    [Theory]
    [InlineData("[Click](https://evil.example)", @"\[Click\](https://evil.example)")]
    [InlineData("[Click][1]\n\n[1]: https://evil.example", "\\[Click\\]\\[1\\]\n\n\\[1\\]: https://evil.example")]
    [InlineData("**x**", @"\*\*x\*\*")]
    [InlineData("*x*", @"\*x\*")]
    [InlineData("_x_", @"\_x\_")]
    [InlineData("__x__", @"\_\_x\_\_")]
    [InlineData("a _b_ c", @"a \_b\_ c")]
    [InlineData("`code`", @"\`code\`")]
    [InlineData("- item", @"\- item")]
    [InlineData("  - item", @"  \- item")]
    [InlineData("+ item", @"\+ item")]
    [InlineData("* item", @"\* item")]
    [InlineData("one\r- two\n- three", "one\r\\- two\n\\- three")]
    [InlineData("1. Green", @"1\. Green")]
    [InlineData("2024) year", @"2024\) year")]
    [InlineData("Intro\n2. two", "Intro\n2\\. two")]
    [InlineData("# Heading", @"\# Heading")]
    [InlineData("### Heading", @"\### Heading")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("Title\n---", "Title\n\\---")]
    [InlineData("Title\n===", "Title\n\\===")]
    [InlineData(@"\*", @"\\\*")]
    [InlineData(@"a\", @"a\")]
    public void Escape_Markdown_RendersLiterally(string text, string expected)
    {
        Assert.Equal(expected, TeamsMarkdown.Escape(text));
    }

    [Theory]
    [InlineData("New lead: Ada Lovelace")]
    [InlineData("CTO, Analytical Engines")]
    [InlineData("ada@analytical.example")]
    [InlineData("l_42")]
    [InlineData("snake_case_name")]
    [InlineData("Lead l_77 waited 4h 10m (target 4h)")]
    [InlineData("+14155550123")]
    [InlineData("-5% churn")]
    [InlineData("3.5 million")]
    [InlineData("#1 priority")]
    [InlineData("a > b and a - b = c")]
    [InlineData(@"C:\Users\ada")]
    [InlineData("https://crm.example/leads/l_42")]
    [InlineData("Zoë_Ångström")]
    [InlineData("")]
    public void Escape_NoMarkdown_Unchanged(string text)
    {
        Assert.Equal(text, TeamsMarkdown.Escape(text));
    }

    [Fact]
    public void Escape_Null_Null()
    {
        Assert.Null(TeamsMarkdown.Escape(null));
    }

    [Theory]
    [InlineData("[Click](https://evil.example) **x** _y_ `z` \\ \\*")]
    [InlineData("- a\n+ b\n1. c\n# d\n> e\n---\n===")]
    [InlineData(@"\\[not a link\](x)")]
    [InlineData("snake_case_ *bold_ _x")]
    public void Escape_ThenCommonMarkUnescape_GivesTheOriginalText(string text)
    {
        // A CommonMark reader turns "\" + ASCII punctuation back into the character: what Teams shows is the input.
        Assert.Equal(text, Unescape(TeamsMarkdown.Escape(text)));
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && IsAsciiPunctuation(text[i + 1]))
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static bool IsAsciiPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
}
