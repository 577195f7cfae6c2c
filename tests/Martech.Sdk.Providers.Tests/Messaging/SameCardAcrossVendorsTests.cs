using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Intercom;
using Martech.Sdk.Slack;
using Martech.Sdk.Teams;
using Martech.Sdk.Twilio;

namespace Martech.Sdk.Providers.Tests.Messaging;

/// <summary>
/// One portable card, four vendors: every rendering carries everything the card says (title, text, each field's label
/// and value, each link's label and URL, and a warning's severity), whatever the vendor's format. The exact payloads
/// are pinned per vendor against fixtures; this checks nothing a card says is lost on any of them.
/// </summary>
public sealed class SameCardAcrossVendorsTests
{
    public static TheoryData<string> Vendors => new() { "Slack", "Teams", "Intercom", "Twilio" };

    private static MessageDestination DestinationFor(string vendor) => vendor switch
    {
        "Slack" => MessageDestination.Channel("C0123LEADS"),
        "Teams" => MessageDestination.Channel("#new-leads"),
        "Intercom" => MessageDestination.Conversation("1295"),
        "Twilio" => MessageDestination.Phone(PhoneNumber.Parse("+15558675310")),
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, null),
    };

    /// <summary>Renders the message as the vendor would send it, and returns every text in it, one a line (JSON
    /// payloads as their string values, HTML and SMS as they are).</summary>
    private static string Rendered(string vendor, OutgoingMessage message) => vendor switch
    {
        "Slack" => StringsOf(SlackCardRenderer.ToBytes(message)),
        "Teams" => StringsOf(TeamsCardRenderer.ToBytes(message)),
        "Intercom" => IntercomHtmlRenderer.Render(message),
        "Twilio" => new TwilioSmsRenderer(10).Render(message).Body,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, null),
    };

    private static string StringsOf(byte[] json)
    {
        var text = new StringBuilder();
        Collect(JsonNode.Parse(json), text);
        return text.ToString();

        static void Collect(JsonNode? node, StringBuilder text)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var property in o)
                    {
                        Collect(property.Value, text);
                    }

                    break;
                case JsonArray a:
                    foreach (JsonNode? item in a)
                    {
                        Collect(item, text);
                    }

                    break;
                case JsonValue v when v.TryGetValue(out string? s):
                    text.Append(s).Append('\n');
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void SampleCard_EveryVendorCarriesEverythingTheCardSays(string vendor)
    {
        string rendered = Rendered(vendor, SampleCard.Message(DestinationFor(vendor)));

        // Twilio leaves out a title the message text already starts with; every vendor says it at least once.
        Assert.Contains("New lead: Ada Lovelace", rendered, StringComparison.Ordinal);
        Assert.Contains("CTO, Analytical Engines", rendered, StringComparison.Ordinal);
        foreach (string part in new[] { "Email", "ada@analytical.example", "Source", "webinar", "Lead id", "l_42", "Open in CRM", "https://crm.example/leads/l_42" })
        {
            Assert.Contains(part, rendered, StringComparison.Ordinal);
        }

        Assert.Contains("Warning", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void CardWithoutText_TitleAndEveryFieldStillArrive(string vendor)
    {
        // No message text: the card alone must carry the title, and nothing in it may be dropped as "already said".
        var message = new OutgoingMessage
        {
            Destination = DestinationFor(vendor),
            Card = new MessageCard
            {
                Title = "SLA breach: first response",
                Text = "Lead l_77 waited 4h 10m (target 4h)",
                Fields = { new MessageCardField("Owner", "grace@example.com"), new MessageCardField("Queue", "EMEA") },
                Links = { new MessageCardLink("Take it", new Uri("https://crm.example/leads/l_77")) },
                Severity = CardSeverity.Critical,
            },
        };

        string rendered = Rendered(vendor, message);

        foreach (string part in new[] { "SLA breach: first response", "Lead l_77 waited 4h 10m (target 4h)", "Owner", "grace@example.com", "Queue", "EMEA", "Take it", "https://crm.example/leads/l_77" })
        {
            Assert.Contains(part, rendered, StringComparison.Ordinal);
        }

        // Critical shows in each vendor's own way: Slack's context line, Teams' Attention colour, a marker in text.
        string critical = vendor switch
        {
            "Slack" => ":rotating_light: Severity: *Critical*",
            "Teams" => "Attention",
            "Intercom" => "[Critical] SLA breach",
            _ => "[CRITICAL] SLA breach",
        };
        Assert.Contains(critical, rendered, StringComparison.Ordinal);
    }
}
