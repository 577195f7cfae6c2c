namespace Martech.Sdk.Tests.Abstractions;

/// <summary>Every character a vendor may treat as a line break or control, in every field that reaches a header, a
/// one-line vendor field, or an SMS or chat body: refused with the field path, the character and its index.</summary>
public class HeaderValidationTests
{
    private static readonly EmailAddress Ada = EmailAddress.Parse("ada@example.com");

    // Characters that break a one-line field: every one is refused there.
    public static readonly string[] LineBreakers = ["\r", "\n", "\0", "\u0085", "\u2028", "\u2029", "\u0007", "\u001b", "\u007f", "\u0090", "\v", "\f"];

    // Characters refused in body text too (line breaks and TAB are fine in a body).
    public static readonly string[] BodyBreakers = ["\0", "\u0001", "\u0007", "\b", "\v", "\f", "\u001b", "\u001f", "\u007f", "\u0090"];

    public static readonly string[] BodyAllowed = ["\r\n", "\n", "\t", "\u2028", "\u2029", "\u0085"];

    // Each key is the path the error must name; each value validates a message with that field set to the text given.
    private static readonly Dictionary<string, Func<string, Action>> LineFields = new(StringComparer.Ordinal)
    {
        ["EmailMessage.Subject"] = v => Email(m => m.Subject = v),
        ["EmailMessage.Headers[X-Track]"] = v => Email(m => m.Headers["X-Track"] = v),
        ["EmailMessage.Tags[0]"] = v => Email(m => m.Tags.Add(v)),
        ["EmailMessage.Metadata key"] = v => Email(m => m.Metadata[v] = "1"),
        ["EmailMessage.Metadata[id]"] = v => Email(m => m.Metadata["id"] = v),
        ["EmailMessage.Attachments[0].FileName"] = v => Email(m => m.Attachments.Add(new EmailAttachment(v, "application/pdf", new byte[] { 1 }))),
        ["EmailMessage.Attachments[0].ContentType"] = v => Email(m => m.Attachments.Add(new EmailAttachment("a.pdf", "application/" + v, new byte[] { 1 }))),
        ["EmailMessage.Attachments[0].ContentId"] = v => Email(m => m.Attachments.Add(new EmailAttachment("a.png", "image/png", new byte[] { 1 }) { ContentId = v })),
        ["EmailMessage.TemplateId"] = v => Email(m => m.TemplateId = v),
        ["EmailMessage.CampaignId"] = v => Email(m => m.CampaignId = v),
        ["Mailbox.DisplayName"] = v => () => _ = new Mailbox(Ada, v),
        ["MessageCard.Title"] = v => Card(new MessageCard { Title = v }),
        ["MessageCard.Fields[0].Label"] = v => Card(new MessageCard { Title = "t", Fields = { new MessageCardField(v, "x") } }),
        ["MessageCard.Links[0].Text"] = v => Card(new MessageCard { Title = "t", Links = { new MessageCardLink(v, new Uri("https://x.example/")) } }),
        ["OutgoingMessage.ContactId"] = v => () => new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = "x", ContactId = v }.Validate(),
        ["id"] = v => () => MessageDestination.Channel(v),
    };

    private static readonly Dictionary<string, Func<string, Action>> BodyFields = new(StringComparer.Ordinal)
    {
        ["EmailMessage.TextBody"] = v => Email(m => m.TextBody = v),
        ["EmailMessage.HtmlBody"] = v => Email(m => m.HtmlBody = v),
        ["OutgoingMessage.Text"] = v => () => new OutgoingMessage { Destination = MessageDestination.Phone(PhoneNumber.Parse("+14155550100")), Text = v }.Validate(),
        ["MessageCard.Text"] = v => Card(new MessageCard { Title = "t", Text = v }),
        ["MessageCard.Fields[0].Value"] = v => Card(new MessageCard { Title = "t", Fields = { new MessageCardField("Notes", v) } }),
    };

    public static TheoryData<string, string> LineCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string field in LineFields.Keys)
        {
            foreach (string c in LineBreakers)
            {
                data.Add(field, c);
            }
        }

        return data;
    }

    public static TheoryData<string, string> BodyRefusedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string field in BodyFields.Keys)
        {
            foreach (string c in BodyBreakers)
            {
                data.Add(field, c);
            }
        }

        return data;
    }

    public static TheoryData<string, string> BodyAllowedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string field in BodyFields.Keys)
        {
            foreach (string c in BodyAllowed)
            {
                data.Add(field, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LineCases))]
    public void OneLineField_LineBreakOrControl_RefusedNamingFieldCharacterAndIndex(string field, string character)
    {
        var ex = Assert.Throws<ArgumentException>(LineFields[field]("ab" + character + "cd"));

        Assert.Equal(field, ex.ParamName);
        int index = field.EndsWith("ContentType", StringComparison.Ordinal) ? "application/".Length + 2 : 2;
        Assert.StartsWith($"{field} contains U+{(int)character[0]:X4}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($" at index {index}: a line break or control character is not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BodyRefusedCases))]
    public void BodyField_ControlCharacter_RefusedNamingFieldCharacterAndIndex(string field, string character)
    {
        var ex = Assert.Throws<ArgumentException>(BodyFields[field]("ab" + character + "cd"));

        Assert.Equal(field, ex.ParamName);
        Assert.StartsWith($"{field} contains U+{(int)character[0]:X4}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(" at index 2: control characters other than tab and line breaks are not allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BodyAllowedCases))]
    public void BodyField_LineBreakOrTab_Passes(string field, string character)
    {
        BodyFields[field]("ab" + character + "cd")();
    }

    [Theory]
    [InlineData("\u2028", "U+2028 LINE SEPARATOR")]
    [InlineData("\u2029", "U+2029 PARAGRAPH SEPARATOR")]
    [InlineData("\u0085", "U+0085 NEXT LINE")]
    [InlineData("\0", "U+0000 NULL")]
    [InlineData("\r", "U+000D CARRIAGE RETURN")]
    [InlineData("\n", "U+000A LINE FEED")]
    public void Subject_NamedCharacter_IsNamedInTheMessage(string character, string named)
    {
        var ex = Assert.Throws<ArgumentException>(Email(m => m.Subject = "Your weekly" + character + " digest"));

        Assert.StartsWith($"EmailMessage.Subject contains {named} at index 11", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneLineField_Tab_Passes()
    {
        Email(m =>
        {
            m.Subject = "a\tb";
            m.Headers["X-Track"] = "a\tb";
            m.Metadata["id"] = "a\tb";
        })();
        _ = new Mailbox(Ada, "Ada\tLovelace");
    }

    private static Action Email(Action<EmailMessage> change)
    {
        var message = new EmailMessage { From = new Mailbox(Ada, "Ada"), To = { Ada }, Subject = "Hi", TextBody = "Hello" };
        change(message);
        return message.Validate;
    }

    private static Action Card(MessageCard card) =>
        () => new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Card = card }.Validate();
}
