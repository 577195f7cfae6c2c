using Martech.Sdk.Twilio;

namespace Martech.Sdk.Providers.Tests.Twilio;

/// <summary>How messages and cards become one SMS body, how segments are counted, and how long bodies are cut.</summary>
public sealed class TwilioSmsRendererTests
{
    /// <summary>The sample card every chat and SMS provider renders, for the docs' comparison.</summary>
    internal static OutgoingMessage SampleMessage(MessageDestination destination) => Messaging.SampleCard.Message(destination);

    internal static string ExpectedSample() => TwilioWire.Fixture("sample-card.txt").ReplaceLineEndings("\n").TrimEnd('\n');

    [Fact]
    public void Render_SampleCard_MatchesTheExpectedText()
    {
        (string body, string? truncation) = new TwilioSmsRenderer(10).Render(SampleMessage(TwilioMessageSenderWireTests.Phone()));

        Assert.Equal(ExpectedSample(), body);
        Assert.Null(truncation);
        Assert.Equal(2, SmsSegments.Count(body));
    }

    [Fact]
    public void Compose_CardOnly_StartsWithTitleThenTextFieldsAndLinks()
    {
        var card = new MessageCard
        {
            Title = "SLA breached",
            Text = "No touch in 4h.",
            Fields = { new MessageCardField("Owner", "Grace") },
            Links = { new MessageCardLink("Open", new Uri("https://crm.example/l/1")) },
            Severity = CardSeverity.Critical,
        };

        Assert.Equal("[CRITICAL] SLA breached\nNo touch in 4h.\nOwner: Grace\nOpen: https://crm.example/l/1", TwilioSmsRenderer.Compose(null, card));
    }

    [Fact]
    public void Compose_TextSaysTitleAndCardText_DoesNotRepeatThem()
    {
        var card = new MessageCard { Title = "Lead assigned", Text = "to Grace", Severity = CardSeverity.Info };

        Assert.Equal("Lead assigned to Grace", TwilioSmsRenderer.Compose("Lead assigned to Grace", card));
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Count_Gsm7_160AloneAnd153Concatenated(int length, int segments)
    {
        Assert.Equal(segments, SmsSegments.Count(new string('a', length)));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Count_Ucs2_70AloneAnd67Concatenated(int length, int segments)
    {
        Assert.Equal(segments, SmsSegments.Count(new string('ж', length)));
    }

    [Fact]
    public void Count_GsmExtensionCharacter_TakesTwoSeptetsAndNeverStraddles()
    {
        Assert.Equal(2, SmsSegments.Count(new string('a', 159) + "€"));
        Assert.Equal(3, SmsSegments.Count(new string('a', 152) + "€" + new string('a', 152)));
    }

    [Fact]
    public void Count_SurrogatePair_NeverStraddlesTwoSegments()
    {
        Assert.Equal(3, SmsSegments.Count(new string('ж', 66) + "😀" + new string('ж', 66)));
    }

    [Fact]
    public void Fit_WithinLimits_ReturnsTheBodyUnchanged()
    {
        string body = new string('a', 1530);

        Assert.Same(body, new TwilioSmsRenderer(10).Fit(body));
    }

    [Fact]
    public void Fit_TooManyLines_CutsAtTheLastWholeLineWithGsmEllipsis()
    {
        string body = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"Field {i:00}: value"));

        string fitted = new TwilioSmsRenderer(1).Fit(body);

        Assert.Equal(string.Join('\n', Enumerable.Range(1, 9).Select(i => $"Field {i:00}: value")) + "\n...", fitted);
        Assert.Equal(1, SmsSegments.Count(fitted));
    }

    [Fact]
    public void Fit_Ucs2Body_UsesTheEllipsisCharacter()
    {
        string body = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"Поле {i:00}"));

        string fitted = new TwilioSmsRenderer(1).Fit(body);

        Assert.EndsWith("\n…", fitted, StringComparison.Ordinal);
        Assert.True(fitted.Length <= 70);
        Assert.StartsWith(fitted[..^2], body, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneHugeLine_CutsWithinItAndHonoursTheTwilioCharacterLimit()
    {
        string body = string.Join(' ', Enumerable.Repeat("word", 600));

        string fitted = new TwilioSmsRenderer(SmsSegments.MaxSegmentsForBody).Fit(body);

        Assert.EndsWith("word...", fitted, StringComparison.Ordinal);
        Assert.True(fitted.Length <= TwilioOptions.MaxBodyLength);
        Assert.True(fitted.Length > 1550);
    }

    [Fact]
    public void Render_OverMaxSegmentsByDefault_RefusesNamingSegmentsEncodingAndTheSetting()
    {
        var message = new OutgoingMessage { Destination = TwilioMessageSenderWireTests.Phone(), Text = new string('a', 2000) };

        var ex = Assert.Throws<ArgumentException>(() => new TwilioSmsRenderer(10, settingPath: "Martech:Sms").Render(message));

        Assert.Contains("needs 14 segments in GSM-7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:Sms:MaxSegments allows 10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:Sms:OverLimit to Truncate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Ucs2OverMaxSegments_SaysUcs2()
    {
        var message = new OutgoingMessage { Destination = TwilioMessageSenderWireTests.Phone(), Text = new string('ж', 200) };

        var ex = Assert.Throws<ArgumentException>(() => new TwilioSmsRenderer(2).Render(message));

        Assert.Contains("needs 3 segments in UCS-2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverTwilioCharacterLimit_RefusesNamingTheLimit()
    {
        var message = new OutgoingMessage { Destination = TwilioMessageSenderWireTests.Phone(), Text = new string('a', 1700) };

        var ex = Assert.Throws<ArgumentException>(() => new TwilioSmsRenderer(SmsSegments.MaxSegmentsForBody).Render(message));

        Assert.Contains("is 1700 characters and needs 12 segments in GSM-7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("; Twilio accepts at most 1600 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OverLimitWithTruncate_CutsAndSaysWhatWasCut()
    {
        string text = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"Field {i:00}: value"));
        var message = new OutgoingMessage { Destination = TwilioMessageSenderWireTests.Phone(), Text = text };

        (string body, string? truncation) = new TwilioSmsRenderer(1, OverLimitBehavior.Truncate).Render(message);

        Assert.Equal(1, SmsSegments.Count(body));
        Assert.NotNull(truncation);
        Assert.Contains($"{text.Length} characters (4 GSM-7 segments) cut to {body.Length} characters (1 GSM-7 segments)", truncation, StringComparison.Ordinal);
        Assert.Contains($"{text.Length - (body.Length - 3)} characters of the end were left out", truncation, StringComparison.Ordinal);
    }
}
