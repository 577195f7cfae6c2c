using System.Text.Json.Nodes;

namespace Martech.Sdk.Slack;

/// <summary>Renders an <see cref="OutgoingMessage"/> as a chat.postMessage JSON body: <c>channel</c>, <c>text</c> (the
/// notification fallback), <c>blocks</c> (header, section mrkdwn, section fields, context with the severity, actions with
/// link buttons) and <c>thread_ts</c>.</summary>
internal static class SlackCardRenderer
{
    public static JsonObject Render(OutgoingMessage message)
    {
        var body = new JsonObject
        {
            ["channel"] = message.Destination.Id,
            ["text"] = message.Text ?? message.Card?.ToPlainText() ?? string.Empty,
        };
        if (message.Card is { } card)
        {
            var blocks = new JsonArray(new JsonObject { ["type"] = "header", ["text"] = PlainText(card.Title) });
            if (!string.IsNullOrEmpty(card.Text))
            {
                Append(blocks, new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(card.Text) });
            }

            if (card.Fields.Count > 0)
            {
                var fields = new JsonArray();
                foreach (MessageCardField field in card.Fields)
                {
                    Append(fields, Mrkdwn($"*{field.Label}*\n{field.Value}"));
                }

                Append(blocks, new JsonObject { ["type"] = "section", ["fields"] = fields });
            }

            Append(blocks, new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(Mrkdwn($"{Emoji(card.Severity)} Severity: *{card.Severity}*")),
            });
            if (card.Links.Count > 0)
            {
                var elements = new JsonArray();
                foreach (MessageCardLink link in card.Links)
                {
                    Append(elements, new JsonObject { ["type"] = "button", ["text"] = PlainText(link.Text), ["url"] = link.Url.AbsoluteUri });
                }

                Append(blocks, new JsonObject { ["type"] = "actions", ["elements"] = elements });
            }

            body["blocks"] = blocks;
        }

        if (message.Destination.ThreadId is { } thread)
        {
            body["thread_ts"] = thread;
        }

        return body;
    }

    private static void Append(JsonArray array, JsonNode node) => array.Add(node);

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Emoji(CardSeverity severity) => severity switch
    {
        CardSeverity.Success => ":white_check_mark:",
        CardSeverity.Warning => ":warning:",
        CardSeverity.Critical => ":rotating_light:",
        _ => ":information_source:",
    };
}
