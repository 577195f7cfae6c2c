using System.Net;
using System.Text;

namespace Martech.Sdk.Intercom;

/// <summary>Renders a message's text and card as the HTML body Intercom shows; every user value is HTML-encoded, and
/// the line breaks of text keep their shape (a blank line starts a paragraph, a single break is <c>&lt;br&gt;</c>).</summary>
internal static class IntercomHtmlRenderer
{
    public static string Render(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(message.Text))
        {
            Paragraphs(html, message.Text);
        }

        if (message.Card is { } card)
        {
            html.Append("<h3>").Append(SeverityPrefix(card.Severity)).Append(WebUtility.HtmlEncode(card.Title)).Append("</h3>");
            if (!string.IsNullOrWhiteSpace(card.Text))
            {
                Paragraphs(html, card.Text);
            }

            foreach (MessageCardField field in card.Fields)
            {
                html.Append("<p><b>").Append(WebUtility.HtmlEncode(field.Label)).Append(":</b> ")
                    .Append(WebUtility.HtmlEncode(field.Value)).Append("</p>");
            }

            foreach (MessageCardLink link in card.Links)
            {
                html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link.Url.AbsoluteUri)).Append("\">")
                    .Append(WebUtility.HtmlEncode(link.Text)).Append("</a></p>");
            }
        }

        return html.ToString();
    }

    private static void Paragraphs(StringBuilder html, string text)
    {
        string normalized = text.ReplaceLineEndings("\n").Trim('\n');
        foreach (string paragraph in normalized.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>");
            string[] lines = paragraph.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>");
                }

                html.Append(WebUtility.HtmlEncode(lines[i]));
            }

            html.Append("</p>");
        }
    }

    // Intercom HTML has no colours; warnings and critical cards are marked in the title.
    private static string SeverityPrefix(CardSeverity severity) => severity switch
    {
        CardSeverity.Warning => "[Warning] ",
        CardSeverity.Critical => "[Critical] ",
        _ => string.Empty,
    };
}
