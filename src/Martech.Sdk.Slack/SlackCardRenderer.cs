using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.Slack;

/// <summary>Writes an <see cref="OutgoingMessage"/> as a <c>chat.postMessage</c> JSON body, straight to a pooled buffer
/// without wire objects: <c>channel</c>, <c>text</c> (the notification fallback), <c>blocks</c> (header, section mrkdwn,
/// section fields, context with the severity, actions with link buttons) and <c>thread_ts</c>.</summary>
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
    /// <summary>Writes the message within Block Kit's limits as the <c>chat.postMessage</c> JSON body, straight into
    /// <paramref name="body"/>.</summary>
    /// <param name="body">Receives the JSON.</param>
    /// <param name="message">The message.</param>
    /// <param name="cuts">Receives one entry per cut made to fit the limits; <see langword="null"/> to not record them.</param>
    public static void Write(PooledJsonBody body, OutgoingMessage message, List<SlackCut>? cuts = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(message);
        string text = string.IsNullOrWhiteSpace(message.Text) ? message.Card?.ToPlainText() ?? string.Empty : message.Text;
        string wireText = SlackMrkdwn.Truncate(text, SlackBlockLimits.MaxMessageText, escape: true);
        if (cuts is not null && wireText.Length < SlackMrkdwn.EscapedLength(text, escape: true))
        {
            cuts.Add(new(
                Invariant($"{(string.IsNullOrWhiteSpace(message.Text) ? "The card as notification text" : "OutgoingMessage.Text")} is {SlackMrkdwn.EscapedLength(text, escape: true)} characters once escaped, over Slack's {SlackBlockLimits.MaxMessageText}"),
                Invariant($"cut to {wireText.Length} characters with an ellipsis")));
        }

        Utf8JsonWriter json = body.Writer();
        json.WriteStartObject();
        json.WriteString("channel", message.Destination.Id);
        json.WriteString("text", wireText);
        if (message.Card is { } card)
        {
            json.WriteStartArray("blocks");
            WriteBlocks(json, card, cuts);
            json.WriteEndArray();
        }

        if (message.Destination.ThreadId is { } thread)
        {
            json.WriteString("thread_ts", thread);
        }

        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>The <c>chat.postMessage</c> JSON body of a message, as <see cref="Write"/> writes it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cuts">Receives one entry per cut made to fit the limits; <see langword="null"/> to not record them.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] ToBytes(OutgoingMessage message, List<SlackCut>? cuts = null)
    {
        using var body = new PooledJsonBody();
        Write(body, message, cuts);
        return body.Written.ToArray();
    }

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

    private static void WriteBlocks(Utf8JsonWriter json, MessageCard card, List<SlackCut>? cuts)
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

        json.WriteStartObject();
        json.WriteString("type", "header");
        WriteText(json, "text", "plain_text", SlackMrkdwn.Truncate(card.Title, SlackBlockLimits.MaxHeaderText, escape: false));
        json.WriteEndObject();
        for (int i = 0; i < textSections; i++)
        {
            string chunk = i == textSections - 1 && textSections < textChunks.Count ? WithEllipsis(textChunks[i], SlackBlockLimits.MaxSectionText) : textChunks[i];
            json.WriteStartObject();
            json.WriteString("type", "section");
            WriteText(json, "text", "mrkdwn", chunk);
            json.WriteEndObject();
        }

        int fieldsShown = Math.Min(card.Fields.Count, fieldSections * SlackBlockLimits.MaxSectionFields);
        for (int start = 0; start < fieldsShown; start += SlackBlockLimits.MaxSectionFields)
        {
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartArray("fields");
            for (int i = start; i < Math.Min(fieldsShown, start + SlackBlockLimits.MaxSectionFields); i++)
            {
                WriteField(json, card.Fields[i]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        int linksShown = Math.Min(card.Links.Count, actionBlocks * SlackBlockLimits.MaxActionsElements);
        json.WriteStartObject();
        json.WriteString("type", "context");
        json.WriteStartArray("elements");
        Span<char> severity = stackalloc char[64];
        severity.TryWrite(CultureInfo.InvariantCulture, $"{Emoji(card.Severity)} Severity: *{card.Severity}*", out int written);
        WriteText(json, null, "mrkdwn", severity[..written]);
        if (Omitted(card.Fields.Count - fieldsShown, card.Links.Count - linksShown) is { } omitted)
        {
            WriteText(json, null, "mrkdwn", omitted);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        for (int start = 0; start < linksShown; start += SlackBlockLimits.MaxActionsElements)
        {
            json.WriteStartObject();
            json.WriteString("type", "actions");
            json.WriteStartArray("elements");
            for (int i = start; i < Math.Min(linksShown, start + SlackBlockLimits.MaxActionsElements); i++)
            {
                MessageCardLink link = card.Links[i];
                json.WriteStartObject();
                json.WriteString("type", "button");
                WriteText(json, "text", "plain_text", SlackMrkdwn.Truncate(link.Text, SlackBlockLimits.MaxButtonText, escape: false));
                json.WriteString("url", link.Url.AbsoluteUri);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    // A text object: {"type":…,"text":…}, as a property or an array element.
    private static void WriteText(Utf8JsonWriter json, string? property, string type, ReadOnlySpan<char> text)
    {
        if (property is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(property);
        }

        json.WriteString("type", type);
        json.WriteString("text", text);
        json.WriteEndObject();
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

    // "*Label*\nValue" within the field limit: the value is cut first; a label over half the limit is cut too. Composed
    // in a rented buffer rather than a string.
    private static void WriteField(Utf8JsonWriter json, MessageCardField field)
    {
        string label = SlackMrkdwn.Truncate(field.Label, SlackBlockLimits.MaxFieldText / 2, escape: true);
        int prefix = label.Length + 3;
        string value = SlackMrkdwn.Truncate(field.Value ?? string.Empty, SlackBlockLimits.MaxFieldText - prefix, escape: true);
        char[] buffer = ArrayPool<char>.Shared.Rent(prefix + value.Length);
        try
        {
            Span<char> text = buffer;
            text[0] = '*';
            label.CopyTo(text[1..]);
            text[label.Length + 1] = '*';
            text[label.Length + 2] = '\n';
            value.CopyTo(text[prefix..]);
            WriteText(json, null, "mrkdwn", text[..(prefix + value.Length)]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
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
