using System.Text.Json;

namespace Martech.Sdk.Teams;

/// <summary>Writes an <see cref="OutgoingMessage"/> as the Workflows webhook body, straight to a pooled buffer without
/// wire objects: a <c>message</c> with one Adaptive Card 1.4 attachment.</summary>
/// <remarks>
/// A card becomes a bold, medium <c>TextBlock</c> title coloured by severity (Critical → <c>Attention</c>, Warning →
/// <c>Warning</c>, Success → <c>Good</c>, Info → <c>Default</c>), a wrapping <c>TextBlock</c> for its text, a
/// <c>FactSet</c> for its fields and an <c>Action.OpenUrl</c> per link; the message text becomes the card's
/// <c>fallbackText</c>. A message without a card becomes a card with a single wrapping <c>TextBlock</c> of its text.
/// Every text Teams renders as Markdown (title, text, fact titles and values, fallback text) is escaped with
/// <see cref="TeamsMarkdown.Escape"/>, so user data shows literally; link buttons (<c>Action.OpenUrl</c>) are the card's
/// own and keep their title and URL as they are.
/// </remarks>
internal static class TeamsCardRenderer
{
    private const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";
    private const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Writes the webhook body of a message straight into <paramref name="body"/>.</summary>
    /// <param name="body">Receives the JSON.</param>
    /// <param name="message">The message.</param>
    public static void Write(PooledJsonBody body, OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(message);
        Utf8JsonWriter json = body.Writer();
        json.WriteStartObject();
        json.WriteString("type", "message");
        json.WriteStartArray("attachments");
        json.WriteStartObject();
        json.WriteString("contentType", AdaptiveCardContentType);
        // Teams' documented envelope sends contentUrl: null explicitly.
        json.WriteNull("contentUrl");
        json.WriteStartObject("content");
        json.WriteString("$schema", SchemaUrl);
        json.WriteString("type", "AdaptiveCard");
        json.WriteString("version", "1.4");
        if (message.Card is { } card)
        {
            WriteCard(json, card, string.IsNullOrWhiteSpace(message.Text) ? null : message.Text);
        }
        else
        {
            json.WriteStartArray("body");
            WriteTextBlock(json, TeamsMarkdown.Escape(message.Text));
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>The webhook body of a message, as <see cref="Write"/> writes it.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] ToBytes(OutgoingMessage message)
    {
        using var body = new PooledJsonBody();
        Write(body, message);
        return body.Written.ToArray();
    }

    public static string ColorOf(CardSeverity severity) => severity switch
    {
        CardSeverity.Critical => "Attention",
        CardSeverity.Warning => "Warning",
        CardSeverity.Success => "Good",
        _ => "Default",
    };

    // The card's members after "version": fallbackText (when there is one), body, actions (when there are links).
    private static void WriteCard(Utf8JsonWriter json, MessageCard card, string? fallbackText)
    {
        if (TeamsMarkdown.Escape(fallbackText) is { } fallback)
        {
            json.WriteString("fallbackText", fallback);
        }

        json.WriteStartArray("body");
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        json.WriteString("text", TeamsMarkdown.Escape(card.Title));
        json.WriteString("weight", "Bolder");
        json.WriteString("size", "Medium");
        json.WriteString("color", ColorOf(card.Severity));
        json.WriteBoolean("wrap", true);
        json.WriteEndObject();
        if (!string.IsNullOrWhiteSpace(card.Text))
        {
            WriteTextBlock(json, TeamsMarkdown.Escape(card.Text));
        }

        if (card.Fields.Count > 0)
        {
            json.WriteStartObject();
            json.WriteString("type", "FactSet");
            json.WriteStartArray("facts");
            foreach (MessageCardField field in card.Fields)
            {
                json.WriteStartObject();
                json.WriteString("title", TeamsMarkdown.Escape(field.Label));
                json.WriteString("value", TeamsMarkdown.Escape(field.Value ?? string.Empty));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (card.Links.Count > 0)
        {
            json.WriteStartArray("actions");
            foreach (MessageCardLink link in card.Links)
            {
                json.WriteStartObject();
                json.WriteString("type", "Action.OpenUrl");
                json.WriteString("title", link.Text);
                json.WriteString("url", link.Url.AbsoluteUri);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }

    // A wrapping TextBlock; a null text is left out, as the serialiser did.
    private static void WriteTextBlock(Utf8JsonWriter json, string? text)
    {
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        if (text is not null)
        {
            json.WriteString("text", text);
        }

        json.WriteBoolean("wrap", true);
        json.WriteEndObject();
    }
}
