using Martech.Sdk.Teams;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>How messages and cards render as Workflows webhook bodies.</summary>
public sealed class TeamsCardRendererTests
{
    private static string Render(OutgoingMessage message) =>
        System.Text.Encoding.UTF8.GetString(TeamsCardRenderer.ToBytes(message));

    [Fact]
    public void Render_SharedSampleCard_MatchesExpectedPayload()
    {
        string json = Render(TeamsWire.SampleMessage(MessageDestination.Channel("#new-leads")));

        TeamsWire.AssertJson(TeamsWire.ExpectedSampleCard, json);
        Assert.Contains("\"contentUrl\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextOnly_CardWithSingleTextBlock()
    {
        string json = Render(new OutgoingMessage { Destination = MessageDestination.Channel("sales"), Text = "Pipeline review at 3pm" });

        TeamsWire.AssertJson("""
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
              "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",
                "body":[{"type":"TextBlock","text":"Pipeline review at 3pm","wrap":true}]}}]}
            """, json);
    }

    [Fact]
    public void Render_CardWithoutTextFieldsOrLinks_OnlyTitleAndNoActions()
    {
        string json = Render(new OutgoingMessage { Destination = MessageDestination.Channel("sales"), Card = new MessageCard { Title = "Deploy done", Severity = CardSeverity.Success } });

        TeamsWire.AssertJson("""
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
              "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",
                "body":[{"type":"TextBlock","text":"Deploy done","weight":"Bolder","size":"Medium","color":"Good","wrap":true}]}}]}
            """, json);
    }

    [Theory]
    [InlineData(CardSeverity.Critical, "Attention")]
    [InlineData(CardSeverity.Warning, "Warning")]
    [InlineData(CardSeverity.Success, "Good")]
    [InlineData(CardSeverity.Info, "Default")]
    public void ColorOf_Severity_AdaptiveCardColor(CardSeverity severity, string color)
    {
        Assert.Equal(color, TeamsCardRenderer.ColorOf(severity));
    }

    [Fact]
    public void Render_LeadNameWithMarkdown_EveryMarkdownTextEscapedLinksUntouched()
    {
        const string name = "[Click](https://evil.example) **Ada**";
        string json = Render(new OutgoingMessage
        {
            Destination = MessageDestination.Channel("sales"),
            Text = $"New lead: {name}",
            Card = new MessageCard
            {
                Title = $"New lead: {name}",
                Text = "_urgent_\n- call back",
                Fields = { new MessageCardField("**Name**", name) },
                Links = { new MessageCardLink("Open [CRM]", new Uri("https://crm.example/leads?id=l_42&src=*")) },
            },
        });

        TeamsWire.AssertJson("""
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
              "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",
                "fallbackText":"New lead: \\[Click\\](https://evil.example) \\*\\*Ada\\*\\*",
                "body":[
                  {"type":"TextBlock","text":"New lead: \\[Click\\](https://evil.example) \\*\\*Ada\\*\\*","weight":"Bolder","size":"Medium","color":"Default","wrap":true},
                  {"type":"TextBlock","text":"\\_urgent\\_\n\\- call back","wrap":true},
                  {"type":"FactSet","facts":[{"title":"\\*\\*Name\\*\\*","value":"\\[Click\\](https://evil.example) \\*\\*Ada\\*\\*"}]}],
                "actions":[{"type":"Action.OpenUrl","title":"Open [CRM]","url":"https://crm.example/leads?id=l_42&src=*"}]}}]}
            """, json);
    }

    [Fact]
    public void Render_TextOnlyWithMarkdown_Escaped()
    {
        string json = Render(new OutgoingMessage { Destination = MessageDestination.Channel("sales"), Text = "1. [Click](https://evil.example)" });

        Assert.Equal(@"1\. \[Click\](https://evil.example)", (string?)System.Text.Json.Nodes.JsonNode.Parse(json)!["attachments"]![0]!["content"]!["body"]![0]!["text"]);
    }

    [Fact]
    public void Render_SpecialCharacters_EscapedAsJson()
    {
        string json = Render(new OutgoingMessage
        {
            Destination = MessageDestination.Channel("sales"),
            Text = "Quote \" and <b>tags</b> and \u00e9",
        });
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal("Quote \" and <b>tags</b> and \u00e9", (string?)parsed["attachments"]![0]!["content"]!["body"]![0]!["text"]);
    }
}
