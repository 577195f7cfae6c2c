using System.Text.Json.Nodes;
using Martech.Sdk.Slack;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>Block Kit rendering: mrkdwn escaping of user text and the Slack block limits.</summary>
public sealed class SlackCardRendererTests
{
    private static JsonObject Render(MessageCard card, string? text = null) =>
        JsonNode.Parse(SlackCardRenderer.ToBytes(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = text, Card = card }))!.AsObject();

    private static JsonArray Blocks(JsonObject body) => body["blocks"]!.AsArray();

    private static IEnumerable<JsonNode> OfType(JsonObject body, string type) => Blocks(body).Where(b => (string?)b!["type"] == type)!;

    [Fact]
    public void Render_UserTextWithAmpersandAndAngleBrackets_IsEscapedInMrkdwnOnly()
    {
        JsonObject body = Render(
            new MessageCard
            {
                Title = "Q&A <new>",
                Text = "Reply to <!channel> & <https://evil.example|click>",
                Fields = { new MessageCardField("A<b>", "x > y & z") },
                Links = { new MessageCardLink("Docs & <more>", new Uri("https://docs.example/a?b=1&c=2")) },
            },
            text: "Tom & Jerry <@U123>");

        Assert.Equal("Tom &amp; Jerry &lt;@U123&gt;", (string?)body["text"]);
        Assert.Equal("Q&A <new>", (string?)Blocks(body)[0]!["text"]!["text"]); // plain_text: shown as is
        Assert.Equal("Reply to &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;", (string?)Blocks(body)[1]!["text"]!["text"]);
        Assert.Equal("*A&lt;b&gt;*\nx &gt; y &amp; z", (string?)Blocks(body)[2]!["fields"]![0]!["text"]);
        JsonNode button = OfType(body, "actions").Single()["elements"]![0]!;
        Assert.Equal("Docs & <more>", (string?)button["text"]!["text"]);
        Assert.Equal("https://docs.example/a?b=1&c=2", (string?)button["url"]);
    }

    [Fact]
    public void Render_LongTitleAndButtonText_AreCutWithAnEllipsis()
    {
        JsonObject body = Render(new MessageCard { Title = new string('t', 200), Links = { new MessageCardLink(new string('b', 100), new Uri("https://x.example/")) } });

        string header = (string)Blocks(body)[0]!["text"]!["text"]!;
        Assert.Equal(SlackBlockLimits.MaxHeaderText, header.Length);
        Assert.EndsWith("t…", header, StringComparison.Ordinal);
        string button = (string)OfType(body, "actions").Single()["elements"]![0]!["text"]!["text"]!;
        Assert.Equal(SlackBlockLimits.MaxButtonText, button.Length);
        Assert.EndsWith("…", button, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TitleAtTheLimit_IsKeptWhole()
    {
        string title = new('t', SlackBlockLimits.MaxHeaderText);

        Assert.Equal(title, (string?)Blocks(Render(new MessageCard { Title = title }))[0]!["text"]!["text"]);
    }

    [Fact]
    public void Render_LongText_IsSplitAtLineBreaksIntoSectionsWithinTheLimit()
    {
        string line = new string('x', 99) + "\n";
        string text = string.Concat(Enumerable.Repeat(line, 70)); // 7,000 characters

        JsonObject body = Render(new MessageCard { Title = "t", Text = text });

        var sections = OfType(body, "section").Select(b => (string)b["text"]!["text"]!).ToList();
        Assert.Equal(3, sections.Count);
        Assert.All(sections, s => Assert.InRange(s.Length, 1, SlackBlockLimits.MaxSectionText));
        Assert.All(sections, s => Assert.EndsWith("x", s, StringComparison.Ordinal)); // cut after a line break, not in a word
        Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal), string.Concat(sections).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_EscapingCountsTowardsTheLimit_AndNeverSplitsAnEntity()
    {
        string text = string.Concat(Enumerable.Repeat("&", 1000)); // 5,000 characters once escaped

        JsonObject body = Render(new MessageCard { Title = "t", Text = text });

        var sections = OfType(body, "section").Select(b => (string)b["text"]!["text"]!).ToList();
        Assert.Equal(2, sections.Count);
        Assert.All(sections, s => Assert.InRange(s.Length, 1, SlackBlockLimits.MaxSectionText));
        Assert.All(sections, s => Assert.Equal(string.Empty, s.Replace("&amp;", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_SurrogatePairAtTheCut_IsNotBroken()
    {
        string title = new string('t', SlackBlockLimits.MaxHeaderText - 2) + "😀😀";

        string header = (string)Blocks(Render(new MessageCard { Title = title }))[0]!["text"]!["text"]!;

        Assert.False(char.IsHighSurrogate(header[^2]), "The header ends in half a surrogate pair.");
        Assert.EndsWith("…", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwentyFiveFields_GoTenToASection()
    {
        var card = new MessageCard { Title = "t" };
        for (int i = 0; i < 25; i++)
        {
            card.Fields.Add(new MessageCardField($"L{i}", $"v{i}"));
        }

        var sections = OfType(Render(card), "section").Select(s => s["fields"]!.AsArray()).ToList();

        Assert.Equal([10, 10, 5], sections.Select(s => s.Count));
        Assert.Equal("*L24*\nv24", (string?)sections[2][4]!["text"]);
    }

    [Fact]
    public void Render_LongFieldValue_IsCutToTheFieldLimitKeepingTheLabel()
    {
        JsonObject body = Render(new MessageCard { Title = "t", Fields = { new MessageCardField("Notes", new string('n', 5000)) } });

        string field = (string)OfType(body, "section").Single()["fields"]![0]!["text"]!;
        Assert.Equal(SlackBlockLimits.MaxFieldText, field.Length);
        Assert.StartsWith("*Notes*\n", field, StringComparison.Ordinal);
        Assert.EndsWith("…", field, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SixtyLinks_GoTwentyFiveToAnActionsBlock()
    {
        var card = new MessageCard { Title = "t" };
        for (int i = 0; i < 60; i++)
        {
            card.Links.Add(new MessageCardLink($"Open {i}", new Uri($"https://x.example/{i}")));
        }

        Assert.Equal([25, 25, 10], OfType(Render(card), "actions").Select(a => a["elements"]!.AsArray().Count));
    }

    [Fact]
    public void Render_MoreThanFiftyBlocks_CutsTextFirstAndSaysWhatWasLeftOut()
    {
        var card = new MessageCard { Title = "t", Text = string.Join('\n', Enumerable.Repeat(new string('w', 2999), 60)) };
        for (int i = 0; i < 600; i++)
        {
            card.Fields.Add(new MessageCardField($"L{i}", "v"));
        }

        for (int i = 0; i < 30; i++)
        {
            card.Links.Add(new MessageCardLink($"Open {i}", new Uri($"https://x.example/{i}")));
        }

        JsonObject body = Render(card);

        JsonArray blocks = Blocks(body);
        Assert.Equal(SlackBlockLimits.MaxBlocks, blocks.Count);
        var textSections = OfType(body, "section").Where(s => s["text"] is not null).ToList();
        Assert.Single(textSections);
        Assert.EndsWith("…", (string)textSections[0]["text"]!["text"]!, StringComparison.Ordinal);
        int fields = OfType(body, "section").Where(s => s["fields"] is not null).Sum(s => s["fields"]!.AsArray().Count);
        Assert.Equal(30, OfType(body, "actions").Sum(a => a["elements"]!.AsArray().Count));
        Assert.Equal(450, fields);
        JsonArray context = OfType(body, "context").Single()["elements"]!.AsArray();
        Assert.Equal("_150 more fields not shown_", (string?)context[1]!["text"]);
    }

    [Fact]
    public void Render_MessageTextOverTheLimit_IsCut()
    {
        JsonObject body = Render(new MessageCard { Title = "t" }, text: new string('x', SlackBlockLimits.MaxMessageText + 10));

        Assert.Equal(SlackBlockLimits.MaxMessageText, ((string)body["text"]!).Length);
    }

    [Fact]
    public async Task SendAsync_LinkUrlOverTheButtonLimit_ThrowsBeforeAnyCall()
    {
        await using var wire = SlackWire.Create();
        var card = new MessageCard { Title = "t", Links = { new MessageCardLink("Too long", new Uri("https://x.example/" + new string('a', 3000))) } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Card = card }));

        Assert.Contains("Too long", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3000", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    private static List<SlackCut> CutsOf(MessageCard card, string? text = null)
    {
        var cuts = new List<SlackCut>();
        SlackCardRenderer.ToBytes(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = text, Card = card }, cuts);
        return cuts;
    }

    private static MessageCard OverFiftyBlocks()
    {
        var card = new MessageCard { Title = "t" };
        for (int i = 0; i < 600; i++)
        {
            card.Fields.Add(new MessageCardField($"L{i}", "v"));
        }

        return card;
    }

    [Fact]
    public void Render_SplitsWithoutLoss_RecordsNoCut()
    {
        var card = new MessageCard { Title = "t", Text = string.Join('\n', Enumerable.Repeat(new string('w', 2999), 5)) };
        for (int i = 0; i < 25; i++)
        {
            card.Fields.Add(new MessageCardField($"L{i}", "v"));
            card.Links.Add(new MessageCardLink($"Open {i}", new Uri($"https://x.example/{i}")));
        }

        Assert.Empty(CutsOf(card, text: new string('x', 8000)));
    }

    [Fact]
    public void Render_EveryKindOfCut_IsRecordedNamingTheFieldAndTheLimit()
    {
        var card = OverFiftyBlocks();
        card.Fields[3] = new MessageCardField("Notes", new string('n', 5000));
        var withTitleAndLink = new MessageCard
        {
            Title = new string('t', 200),
            Fields = card.Fields,
            Links = { new MessageCardLink(new string('b', 100), new Uri("https://x.example/")) },
        };

        List<string> problems = [.. CutsOf(withTitleAndLink, text: new string('x', SlackBlockLimits.MaxMessageText + 1)).Select(c => c.Problem)];

        Assert.Contains("OutgoingMessage.Text is 40001 characters once escaped, over Slack's 40000", problems);
        Assert.Contains("MessageCard.Title is 200 characters, over a Slack header's 150", problems);
        Assert.Contains("MessageCard.Fields has 600 fields and only 470 fit in Slack's 50 blocks", problems);
        Assert.Contains("MessageCard.Fields[3] is 5008 characters once escaped with its label, over a Slack field's 2000", problems);
        Assert.Contains("MessageCard.Links[0].Text is 100 characters, over a Slack button's 75", problems);
    }

    [Fact]
    public async Task SendAsync_OverFiftyBlocksByDefault_RefusesBeforeAnyCall()
    {
        await using var wire = SlackWire.Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Card = OverFiftyBlocks() }));

        Assert.Contains("MessageCard.Fields has 600 fields and only 480 fit in Slack's 50 blocks", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:Slack:OverLimit to Truncate", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_LongTitleByDefault_RefusesBeforeAnyCall()
    {
        await using var wire = SlackWire.Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Card = new MessageCard { Title = new string('t', 151) } }));

        Assert.Contains("MessageCard.Title is 151 characters, over a Slack header's 150", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_OverFiftyBlocksWithTruncate_SendsFiftyBlocksAndReportsTheCut()
    {
        await using var wire = SlackWire.Create(o => o.OverLimit = OverLimitBehavior.Truncate);

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Card = OverFiftyBlocks() });

        JsonObject sent = JsonNode.Parse(Assert.Single(wire.Requests).Body)!.AsObject();
        Assert.Equal(SlackBlockLimits.MaxBlocks, Blocks(sent).Count);
        Assert.Equal(["MessageCard.Fields has 600 fields and only 480 fit in Slack's 50 blocks: fields 480 to 599 were left out."], result.Truncations);
    }

    [Fact]
    public async Task SendAsync_WithinLimitsWithTruncate_ReportsNothing()
    {
        await using var wire = SlackWire.Create(o => o.OverLimit = OverLimitBehavior.Truncate);

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = "Hi", Card = new MessageCard { Title = "t" } });

        Assert.Empty(result.Truncations);
    }
}
