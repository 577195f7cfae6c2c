namespace Martech.Sdk;

/// <summary>
/// A portable rich card: title, body text, labelled fields, links and a severity. Providers render it in the
/// vendor's own format (Slack blocks, a Teams Adaptive Card, Intercom HTML) or as plain text for SMS.
/// </summary>
public sealed class MessageCard
{
    /// <summary>The card's title. Required.</summary>
    public required string Title { get; init; }

    /// <summary>The body text.</summary>
    public string? Text { get; init; }

    /// <summary>Labelled values, shown in order.</summary>
    public IList<MessageCardField> Fields { get; init; } = new List<MessageCardField>();

    /// <summary>Links or buttons, shown in order.</summary>
    public IList<MessageCardLink> Links { get; init; } = new List<MessageCardLink>();

    /// <summary>The card's tone. The default value is <see cref="CardSeverity.Info"/>.</summary>
    public CardSeverity Severity { get; init; } = CardSeverity.Info;

    /// <summary>Renders the card as plain text: the fallback for vendors without cards and for notifications.</summary>
    /// <returns>The text.</returns>
    public string ToPlainText()
    {
        var sb = new System.Text.StringBuilder(Title);
        if (!string.IsNullOrWhiteSpace(Text))
        {
            sb.Append('\n').Append(Text);
        }

        foreach (var field in Fields)
        {
            sb.Append('\n').Append(field.Label).Append(": ").Append(field.Value);
        }

        foreach (var link in Links)
        {
            sb.Append('\n').Append(link.Text).Append(": ").Append(link.Url.AbsoluteUri);
        }

        return sb.ToString();
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new ArgumentException("MessageCard.Title is required.", nameof(Title));
        }

        HeaderValidation.ThrowIfHasLineBreak(Title, "MessageCard.Title");
        HeaderValidation.ThrowIfHasControl(Text, "MessageCard.Text");

        for (int i = 0; i < Fields.Count; i++)
        {
            if (Fields[i] is null || string.IsNullOrWhiteSpace(Fields[i].Label))
            {
                throw new ArgumentException($"MessageCard.Fields[{i}] needs a label.", nameof(Fields));
            }

            HeaderValidation.ThrowIfHasLineBreak(Fields[i].Label, "MessageCard.Fields", index: i, suffix: ".Label");
            HeaderValidation.ThrowIfHasControl(Fields[i].Value, "MessageCard.Fields", index: i, suffix: ".Value");
        }

        for (int i = 0; i < Links.Count; i++)
        {
            var link = Links[i];
            if (link is null || string.IsNullOrWhiteSpace(link.Text) || link.Url is null || !link.Url.IsAbsoluteUri
                || (link.Url.Scheme != Uri.UriSchemeHttps && link.Url.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"MessageCard.Links[{i}] needs text and an absolute http or https URL.", nameof(Links));
            }

            HeaderValidation.ThrowIfHasLineBreak(link.Text, "MessageCard.Links", index: i, suffix: ".Text");
        }
    }
}
