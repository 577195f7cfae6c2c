using System.Text.Json;
using Martech.Sdk.Teams.Wire;

namespace Martech.Sdk.Teams;

/// <summary>Renders an <see cref="OutgoingMessage"/> as the Workflows webhook body: a <c>message</c> with one Adaptive
/// Card 1.4 attachment.</summary>
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
    public static TeamsWebhookPayload Render(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        TeamsAdaptiveCard card = message.Card is { } source
            ? RenderCard(source, string.IsNullOrWhiteSpace(message.Text) ? null : message.Text)
            : new TeamsAdaptiveCard { Body = [new TeamsCardElement { Type = "TextBlock", Text = TeamsMarkdown.Escape(message.Text), Wrap = true }] };
        return new TeamsWebhookPayload { Attachments = [new TeamsAttachment { Content = card }] };
    }

    public static byte[] Serialize(TeamsWebhookPayload payload) =>
        JsonSerializer.SerializeToUtf8Bytes(payload, TeamsJsonContext.Default.TeamsWebhookPayload);

    public static string ColorOf(CardSeverity severity) => severity switch
    {
        CardSeverity.Critical => "Attention",
        CardSeverity.Warning => "Warning",
        CardSeverity.Success => "Good",
        _ => "Default",
    };

    private static TeamsAdaptiveCard RenderCard(MessageCard card, string? fallbackText)
    {
        var body = new List<TeamsCardElement>
        {
            new() { Type = "TextBlock", Text = TeamsMarkdown.Escape(card.Title), Weight = "Bolder", Size = "Medium", Color = ColorOf(card.Severity), Wrap = true },
        };
        if (!string.IsNullOrWhiteSpace(card.Text))
        {
            body.Add(new TeamsCardElement { Type = "TextBlock", Text = TeamsMarkdown.Escape(card.Text), Wrap = true });
        }

        if (card.Fields.Count > 0)
        {
            body.Add(new TeamsCardElement { Type = "FactSet", Facts = [.. card.Fields.Select(f => new TeamsFact(TeamsMarkdown.Escape(f.Label), TeamsMarkdown.Escape(f.Value ?? string.Empty)))] });
        }

        return new TeamsAdaptiveCard
        {
            FallbackText = TeamsMarkdown.Escape(fallbackText),
            Body = body,
            Actions = card.Links.Count == 0 ? null : [.. card.Links.Select(l => new TeamsCardAction(l.Text, l.Url.AbsoluteUri))],
        };
    }
}
