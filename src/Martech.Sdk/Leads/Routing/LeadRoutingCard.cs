using System.Text;

namespace Martech.Sdk;

/// <summary>The card an owner gets for a new lead: who the lead is and why it is theirs.</summary>
internal static class LeadRoutingCard
{
    public static Uri? LeadLink(string format, string id)
    {
        string text = format.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
        return Uri.TryCreate(text, UriKind.Absolute, out Uri? link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp) ? link : null;
    }

    public static PendingLeadNotification Build(Lead lead, LeadRoutingDecision decision, string ownerId, string? ownerName, string? linkFormat, DateTimeOffset notifyAt)
    {
        string who = OneLine(lead.FullName() ?? lead.Email?.Value ?? lead.Title ?? $"lead {lead.Id}");
        var fields = new List<MessageCardField> { new("Lead", who) };
        Add(fields, "Email", lead.Email?.Value);
        Add(fields, "Phone", lead.Phone?.Value);
        Add(fields, "Company", lead.Company);
        Add(fields, "Source", lead.Source);
        Add(fields, "Title", lead.Title);
        Add(fields, "Rule", decision.Rule);
        Add(fields, "Pool", decision.Pool);
        Add(fields, "Owner", ownerName is null ? ownerId : $"{ownerName} ({ownerId})");
        string text = $"{who} is yours: {decision.Reason}.";
        Uri? link = linkFormat is not null && lead.Id is not null ? LeadLink(linkFormat, lead.Id) : null;
        return new PendingLeadNotification(ownerId, lead.Id ?? string.Empty, notifyAt, OneLine($"New lead: {who}"), text, fields, link);
    }

    public static OutgoingMessage Message(PendingLeadNotification notification, MessageDestination destination) => new()
    {
        Destination = destination,
        Purpose = SendPurpose.Transactional,
        Card = new MessageCard
        {
            Title = notification.Title,
            Text = notification.Text,
            Fields = [.. notification.Fields],
            Links = notification.Link is { } link ? [new MessageCardLink("Open lead", link)] : [],
            Severity = CardSeverity.Info,
        },
    };

    private static string? FullName(this Lead lead) =>
        string.Join(' ', new[] { lead.FirstName, lead.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : null;

    private static void Add(List<MessageCardField> fields, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fields.Add(new MessageCardField(label, OneLine(value)));
        }
    }

    // Card titles and field values come from CRM data; control characters (line breaks included) are refused there.
    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
