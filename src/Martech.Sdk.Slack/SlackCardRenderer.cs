using System.Globalization;
using System.Text.Json;
using Martech.Sdk.Slack.Wire;

namespace Martech.Sdk.Slack;

/// <summary>Renders an <see cref="OutgoingMessage"/> as a <c>chat.postMessage</c> body: <c>channel</c>, <c>text</c> (the
/// notification fallback), <c>blocks</c> (header, section mrkdwn, section fields, context with the severity, actions with
/// link buttons) and <c>thread_ts</c>.</summary>
/// <remarks>
/// <para>User text is escaped for <c>mrkdwn</c> (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>), in <c>text</c>, section text and
/// fields; <c>plain_text</c> (the header and button labels) is sent as is.</para>
/// <para>Block Kit limits (<see cref="SlackBlockLimits"/>): card text longer than 3,000 characters is split over several
/// sections, at a line break or space where it can; fields go ten to a section; links go 25 to an actions block. None of
/// that loses anything. What does not fit even so is cut, and every cut is recorded in the list the caller passes, so
/// the sender can refuse the message (the default) or report the cuts: the header is cut to 150 characters and button
/// labels to 75, each with an ellipsis; each field to 2,000 characters (the value first); when the blocks would exceed
/// 50, the text sections are cut first, then field sections, then actions blocks (each down to one), and the context
/// block says how many fields and links were left out; <c>text</c> is cut to 40,000 characters. A link URL longer than
/// 3,000 characters is always an <see cref="ArgumentException"/>.</para>
/// </remarks>
internal static class SlackCardRenderer
{
    /// <summary>Renders the message within Block Kit's limits.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cuts">Receives one entry per cut made to fit the limits; <see langword="null"/> to not record them.</param>
    public static SlackPostMessageRequest Render(OutgoingMessage message, List<SlackCut>? cuts = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        string text = string.IsNullOrWhiteSpace(message.Text) ? message.Card?.ToPlainText() ?? string.Empty : message.Text;
        string wireText = SlackMrkdwn.Truncate(text, SlackBlockLimits.MaxMessageText, escape: true);
        if (cuts is not null && wireText.Length < SlackMrkdwn.EscapedLength(text, escape: true))
        {
            cuts.Add(new(
                Invariant($"{(string.IsNullOrWhiteSpace(message.Text) ? "The card as notification text" : "OutgoingMessage.Text")} is {SlackMrkdwn.EscapedLength(text, escape: true)} characters once escaped, over Slack's {SlackBlockLimits.MaxMessageText}"),
                Invariant($"cut to {wireText.Length} characters with an ellipsis")));
        }

        return new SlackPostMessageRequest
        {
            Channel = message.Destination.Id,
            Text = wireText,
            Blocks = message.Card is { } card ? RenderBlocks(card, cuts) : null,
            ThreadTs = message.Destination.ThreadId,
        };
    }

    public static byte[] Serialize(SlackPostMessageRequest request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, SlackJsonContext.Default.SlackPostMessageRequest);

    /// <summary>Checks what the renderer cannot fix by cutting: link URLs over the button URL limit.</summary>
    public static void Check(OutgoingMessage message)
    {
        foreach (MessageCardLink link in message.Card?.Links ?? [])
        {
            if (link.Url.AbsoluteUri.Length > SlackBlockLimits.MaxButtonUrl)
            {
                throw new ArgumentException(
                    $"The card link '{link.Text}' has a URL of {link.Url.AbsoluteUri.Length} characters; Slack buttons accept at most {SlackBlockLimits.MaxButtonUrl}.",
                    nameof(message));
            }
        }
    }

    public static string Emoji(CardSeverity severity) => severity switch
    {
        CardSeverity.Success => ":white_check_mark:",
        CardSeverity.Warning => ":warning:",
        CardSeverity.Critical => ":rotating_light:",
        _ => ":information_source:",
    };

    private static List<SlackBlock> RenderBlocks(MessageCard card, List<SlackCut>? cuts)
    {
        List<string> textChunks = string.IsNullOrWhiteSpace(card.Text) ? [] : SlackMrkdwn.Split(card.Text, SlackBlockLimits.MaxSectionText);
        int fieldSections = Chunks(card.Fields.Count, SlackBlockLimits.MaxSectionFields);
        int actionBlocks = Chunks(card.Links.Count, SlackBlockLimits.MaxActionsElements);

        // Header and context are always there; the rest shrinks in order (text, fields, links) to fit 50 blocks.
        int budget = SlackBlockLimits.MaxBlocks - 2;
        int textSections = Math.Min(textChunks.Count, Math.Max(Math.Min(1, textChunks.Count), budget - fieldSections - actionBlocks));
        fieldSections = Math.Min(fieldSections, Math.Max(Math.Min(1, fieldSections), budget - textSections - actionBlocks));
        actionBlocks = Math.Min(actionBlocks, Math.Max(Math.Min(1, actionBlocks), budget - textSections - fieldSections));

        if (cuts is not null)
        {
            if (card.Title.Length > SlackBlockLimits.MaxHeaderText)
            {
                cuts.Add(new(
                    Invariant($"MessageCard.Title is {card.Title.Length} characters, over a Slack header's {SlackBlockLimits.MaxHeaderText}"),
                    "cut with an ellipsis"));
            }

            if (textSections < textChunks.Count)
            {
                cuts.Add(new(
                    Invariant($"MessageCard.Text needs {textChunks.Count} sections of {SlackBlockLimits.MaxSectionText} characters and only {textSections} fit in Slack's {SlackBlockLimits.MaxBlocks} blocks"),
                    Invariant($"the text after section {textSections} was left out")));
            }

            RecordFieldAndLinkCuts(card, fieldSections, actionBlocks, cuts);
        }

        var blocks = new List<SlackBlock>(2 + textSections + fieldSections + actionBlocks)
        {
            new() { Type = "header", Text = SlackTextObject.Plain(SlackMrkdwn.Truncate(card.Title, SlackBlockLimits.MaxHeaderText, escape: false)) },
        };
        for (int i = 0; i < textSections; i++)
        {
            string chunk = i == textSections - 1 && textSections < textChunks.Count ? WithEllipsis(textChunks[i], SlackBlockLimits.MaxSectionText) : textChunks[i];
            blocks.Add(new SlackBlock { Type = "section", Text = SlackTextObject.Mrkdwn(chunk) });
        }

        int fieldsShown = Math.Min(card.Fields.Count, fieldSections * SlackBlockLimits.MaxSectionFields);
        for (int start = 0; start < fieldsShown; start += SlackBlockLimits.MaxSectionFields)
        {
            var fields = new List<SlackTextObject>(SlackBlockLimits.MaxSectionFields);
            for (int i = start; i < Math.Min(fieldsShown, start + SlackBlockLimits.MaxSectionFields); i++)
            {
                fields.Add(SlackTextObject.Mrkdwn(Field(card.Fields[i])));
            }

            blocks.Add(new SlackBlock { Type = "section", Fields = fields });
        }

        int linksShown = Math.Min(card.Links.Count, actionBlocks * SlackBlockLimits.MaxActionsElements);
        var context = new List<SlackBlockElement> { SlackTextObject.Mrkdwn($"{Emoji(card.Severity)} Severity: *{card.Severity}*") };
        if (Omitted(card.Fields.Count - fieldsShown, card.Links.Count - linksShown) is { } omitted)
        {
            context.Add(SlackTextObject.Mrkdwn(omitted));
        }

        blocks.Add(new SlackBlock { Type = "context", Elements = context });
        for (int start = 0; start < linksShown; start += SlackBlockLimits.MaxActionsElements)
        {
            var buttons = new List<SlackBlockElement>(SlackBlockLimits.MaxActionsElements);
            for (int i = start; i < Math.Min(linksShown, start + SlackBlockLimits.MaxActionsElements); i++)
            {
                MessageCardLink link = card.Links[i];
                buttons.Add(new SlackButton
                {
                    Type = "button",
                    Text = SlackTextObject.Plain(SlackMrkdwn.Truncate(link.Text, SlackBlockLimits.MaxButtonText, escape: false)),
                    Url = link.Url.AbsoluteUri,
                });
            }

            blocks.Add(new SlackBlock { Type = "actions", Elements = buttons });
        }

        return blocks;
    }

    private static void RecordFieldAndLinkCuts(MessageCard card, int fieldSections, int actionBlocks, List<SlackCut> cuts)
    {
        int fieldsShown = Math.Min(card.Fields.Count, fieldSections * SlackBlockLimits.MaxSectionFields);
        if (fieldsShown < card.Fields.Count)
        {
            cuts.Add(new(
                Invariant($"MessageCard.Fields has {card.Fields.Count} fields and only {fieldsShown} fit in Slack's {SlackBlockLimits.MaxBlocks} blocks"),
                Invariant($"fields {fieldsShown} to {card.Fields.Count - 1} were left out")));
        }

        for (int i = 0; i < fieldsShown; i++)
        {
            MessageCardField field = card.Fields[i];
            int label = SlackMrkdwn.EscapedLength(field.Label, escape: true);
            int length = 3 + label + SlackMrkdwn.EscapedLength(field.Value ?? string.Empty, escape: true);
            if (length > SlackBlockLimits.MaxFieldText || label > SlackBlockLimits.MaxFieldText / 2)
            {
                cuts.Add(new(
                    Invariant($"MessageCard.Fields[{i}] is {length} characters once escaped with its label, over a Slack field's {SlackBlockLimits.MaxFieldText}"),
                    label > SlackBlockLimits.MaxFieldText / 2 ? "its label and value were cut with an ellipsis" : "its value was cut with an ellipsis"));
            }
        }

        int linksShown = Math.Min(card.Links.Count, actionBlocks * SlackBlockLimits.MaxActionsElements);
        if (linksShown < card.Links.Count)
        {
            cuts.Add(new(
                Invariant($"MessageCard.Links has {card.Links.Count} links and only {linksShown} fit in Slack's {SlackBlockLimits.MaxBlocks} blocks"),
                Invariant($"links {linksShown} to {card.Links.Count - 1} were left out")));
        }

        for (int i = 0; i < linksShown; i++)
        {
            if (card.Links[i].Text.Length > SlackBlockLimits.MaxButtonText)
            {
                cuts.Add(new(
                    Invariant($"MessageCard.Links[{i}].Text is {card.Links[i].Text.Length} characters, over a Slack button's {SlackBlockLimits.MaxButtonText}"),
                    "cut with an ellipsis"));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // "*Label*\nValue" within the field limit: the value is cut first; a label over half the limit is cut too.
    private static string Field(MessageCardField field)
    {
        string label = SlackMrkdwn.Truncate(field.Label, SlackBlockLimits.MaxFieldText / 2, escape: true);
        string prefix = $"*{label}*\n";
        return prefix + SlackMrkdwn.Truncate(field.Value ?? string.Empty, SlackBlockLimits.MaxFieldText - prefix.Length, escape: true);
    }

    private static string? Omitted(int fields, int links)
    {
        if (fields <= 0 && links <= 0)
        {
            return null;
        }

        string f = fields > 0 ? string.Create(CultureInfo.InvariantCulture, $"{fields} more field{(fields == 1 ? "" : "s")}") : "";
        string l = links > 0 ? string.Create(CultureInfo.InvariantCulture, $"{links} more link{(links == 1 ? "" : "s")}") : "";
        return $"_{f}{(f.Length > 0 && l.Length > 0 ? " and " : "")}{l} not shown_";
    }

    // An escaped chunk that continues beyond the message: end it with an ellipsis, dropping a whole entity or
    // surrogate pair at its end when there is no room.
    private static string WithEllipsis(string escaped, int max)
    {
        string text = escaped;
        while (text.Length > max - 1)
        {
            int amp = text.LastIndexOf('&');
            if (text.EndsWith(';') && amp >= 0 && text.Length - amp <= 5)
            {
                text = text[..amp];
            }
            else
            {
                text = text[..(char.IsLowSurrogate(text[^1]) && text.Length > 1 ? ^2 : ^1)];
            }
        }

        return text + SlackMrkdwn.Ellipsis;
    }

    private static int Chunks(int count, int size) => (count + size - 1) / size;
}
