using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Tests.Webhooks;

public class MartechEventSerializerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private static readonly MartechEvent[] Events =
    [
        new EmailEvent
        {
            Id = "sg-1", Provider = "SendGrid", OccurredAt = At, Type = EmailEventType.Clicked, Recipient = EmailAddress.Parse("ada@example.com"),
            MessageId = "m1", CampaignId = "c1", Tags = ["spring", "promo"], CustomArgs = new Dictionary<string, string> { ["tier"] = "gold" },
            Url = new Uri("https://brand.example/x?a=1"), Source = EngagementSource.SecurityScanner, UserAgent = "curl/8", IpAddress = "192.0.2.1",
            BounceKind = EmailBounceKind.Block, Reason = "r", UnsubscribeGroupId = "42",
            RawUtf8 = """{"event":"click","sg_event_id":"sg-1","n":1.50}"""u8.ToArray(),
        },
        new ContactEvent
        {
            Id = "hs-1", Provider = "HubSpot", OccurredAt = At, Type = ContactEventType.Changed, ContactId = "123", ObjectType = "contact",
            ChangedProperties = new Dictionary<string, string?> { ["lifecyclestage"] = "lead", ["phone"] = null }, ChangedAt = At.AddSeconds(-1),
            MergedContactIds = ["9"], Email = EmailAddress.Parse("grace@example.com"),
        },
        new MessageReceivedEvent
        {
            Id = "ev1", Provider = "Slack", OccurredAt = At, Conversation = MessageDestination.Channel("C1", "1700000000.000100"), From = "U1", Text = "hi <@U2>", MessageId = "1700000000.000200",
        },
        new MessageReceivedEvent { Id = "SM1", Provider = "Twilio", Conversation = MessageDestination.Phone(PhoneNumber.Parse("+14155550100")), From = "+14155550101", Phone = "+14155550101" },
        new MessageStatusEvent { Id = "SM1:undelivered", Provider = "Twilio", MessageId = "SM1", Status = MessageDeliveryStatus.Undelivered, To = "+14155550100", ErrorCode = "30003", ErrorMessage = "x" },
        new FormSubmissionEvent
        {
            Id = "form-7:1", Provider = "Website", OccurredAt = At, FormId = "demo-request", FormName = "Book a demo", PageUrl = "https://example.com/demo?utm_source=news",
            Email = EmailAddress.Parse("grace@example.com"), Fields = new Dictionary<string, string> { ["company"] = "Acme", ["employees"] = "250" },
        },
        new RawEvent { Id = "r1", Provider = "SendGrid", VendorEventType = "account_status_change", RawUtf8 = """{"event":"account_status_change","lone":"\uD800"}"""u8.ToArray() },
    ];

    public static TheoryData<MartechEvent> EveryKind() => [.. Events];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void RoundTrip_KeepsKindAndEveryProperty(MartechEvent original)
    {
        byte[] json = MartechEventSerializer.SerializeToUtf8Bytes(original);
        MartechEvent copy = MartechEventSerializer.Deserialize(json);

        Assert.Equal(original.GetType(), copy.GetType());
        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(MartechEventSerializer.SerializeToUtf8Bytes(copy)));
        Assert.Equal(original.Raw.ValueKind, copy.Raw.ValueKind);
        if (original.Raw.ValueKind != JsonValueKind.Undefined)
        {
            Assert.Equal(original.Raw.GetRawText(), copy.Raw.GetRawText());
        }
    }

    [Fact]
    public void Serialize_WritesKindDiscriminatorAndVendorJsonVerbatim()
    {
        var e = new RawEvent { Id = "r1", Provider = "P", VendorEventType = "x", RawUtf8 = """{"a":"\uD800","b":1.50}"""u8.ToArray() };

        string json = Encoding.UTF8.GetString(MartechEventSerializer.SerializeToUtf8Bytes(e));

        Assert.StartsWith("""{"$kind":"raw",""", json, StringComparison.Ordinal);
        Assert.Contains("""
            "raw":{"a":"\uD800","b":1.50}
            """, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Array_RoundTrips()
    {
        MartechEvent[] events = Events;

        IReadOnlyList<MartechEvent> copy = MartechEventSerializer.DeserializeArray(MartechEventSerializer.SerializeToUtf8Bytes(events));

        Assert.Equal(events.Select(e => (e.GetType(), e.Id)), copy.Select(e => (e.GetType(), e.Id)));
    }

    [Theory]
    [InlineData("""{"id":"x","provider":"p"}""")]
    [InlineData("""{"$kind":"nope","id":"x","provider":"p"}""")]
    [InlineData("""{"$kind":"email","id":"x","provider":"p","type":"opened"}""")]
    [InlineData("""{"$kind":"email","id":"x","provider":"p","type":"opened","recipient":"not an address"}""")]
    [InlineData("""{"$kind":"message.received","id":"x","provider":"p","from":"u","conversation":{"kind":"Galaxy","id":"1"}}""")]
    [InlineData("null")]
    public void Deserialize_NotAnEvent_IsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => MartechEventSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Raw_ParsedLazilyFromUtf8_AndEqualityComparesBytes()
    {
        var a = new RawEvent { Id = "1", Provider = "p", VendorEventType = "t", RawUtf8 = """{"x":1}"""u8.ToArray() };
        var b = new RawEvent { Id = "1", Provider = "p", VendorEventType = "t", RawUtf8 = """{"x":1}"""u8.ToArray() };
        var c = b with { RawUtf8 = """{"x":2}"""u8.ToArray() };

        Assert.Equal(1, a.Raw.GetProperty("x").GetInt32());
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(JsonValueKind.Undefined, new RawEvent { Id = "1", Provider = "p", VendorEventType = "t" }.Raw.ValueKind);
    }

    [Fact]
    public void EmailEvent_RecipientIsTheEventsEmail_AndCannotBeEmpty()
    {
        var e = new EmailEvent { Id = "1", Provider = "p", Type = EmailEventType.Delivered, Recipient = EmailAddress.Parse("ada@example.com") };

        Assert.Equal(e.Recipient, e.Email);
        Assert.Throws<ArgumentException>(() => new EmailEvent { Id = "1", Provider = "p", Type = EmailEventType.Delivered, Recipient = default });
    }
}
