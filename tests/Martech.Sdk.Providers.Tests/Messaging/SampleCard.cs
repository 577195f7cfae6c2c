namespace Martech.Sdk.Providers.Tests.Messaging;

/// <summary>The one sample card every chat and SMS provider renders: each vendor's tests compare its rendering with
/// that vendor's expected payload, and docs/providers/&lt;vendor&gt;.md shows the same rendering.</summary>
internal static class SampleCard
{
    public const string Text = "New lead: Ada Lovelace (Analytical Engines)";

    public static OutgoingMessage Message(MessageDestination destination) => new()
    {
        Destination = destination,
        Text = Text,
        Card = new MessageCard
        {
            Title = "New lead: Ada Lovelace",
            Text = "CTO, Analytical Engines",
            Fields =
            {
                new MessageCardField("Email", "ada@analytical.example"),
                new MessageCardField("Source", "webinar"),
                new MessageCardField("Lead id", "l_42"),
            },
            Links = { new MessageCardLink("Open in CRM", new Uri("https://crm.example/leads/l_42")) },
            Severity = CardSeverity.Warning,
        },
    };
}
