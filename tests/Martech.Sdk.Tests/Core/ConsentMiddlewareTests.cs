namespace Martech.Sdk.Tests.Core;

public class ConsentMiddlewareTests
{
    private readonly FakeContactClient _contacts = new();
    private readonly RecordingEmailSender _inner = new();

    private ConsentEmailSender Sender(bool withholdUnknown = true) =>
        new(_inner, _contacts, new ConsentOptions { WithholdUnknownContacts = withholdUnknown });

    [Fact]
    public async Task SendAsync_MarketingWithConsent_Sends()
    {
        _contacts.Add("ada@example.com", Consent.Granted("form"));
        var result = await Sender().SendAsync(TestMessages.Marketing("ada@example.com"));

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Empty(result.WithheldRecipients);
        Assert.Single(_inner.Sent);
    }

    [Theory]
    [InlineData("denied", ConsentCodes.Denied)]
    [InlineData("pending", ConsentCodes.Pending)]
    [InlineData("unknown", ConsentCodes.Missing)]
    [InlineData("none", ConsentCodes.Missing)]
    [InlineData("no-contact", ConsentCodes.UnknownContact)]
    public async Task SendAsync_MarketingWithoutConsent_WithheldWithCode(string state, string code)
    {
        if (state != "no-contact")
        {
            _contacts.Add("ada@example.com", state switch
            {
                "denied" => Consent.Denied(),
                "pending" => new Consent(ConsentStatus.Pending),
                "unknown" => new Consent(ConsentStatus.Unknown),
                _ => null,
            });
        }

        var result = await Sender().SendAsync(TestMessages.Marketing("ada@example.com"));

        Assert.Equal(SendStatus.Withheld, result.Status);
        var withheld = Assert.Single(result.WithheldRecipients);
        Assert.Equal(code, withheld.Code);
        Assert.Equal("ada@example.com", withheld.Recipient);
        Assert.Empty(_inner.Sent);
    }

    [Fact]
    public async Task SendAsync_MarketingWithConsent_ProviderDoesNotValidateTheSameMessageAgain()
    {
        _contacts.Add("ada@example.com", Consent.Granted("form"));
        var inner = new ProbeEmailSender();
        var sender = new ConsentEmailSender(inner, _contacts);
        EmailMessage message = TestMessages.Marketing("ada@example.com");

        await sender.SendAsync(message);

        Assert.True(inner.SawPrevalidated);
        Assert.False(message.IsPrevalidated);
        message.Subject = null;
        Assert.Throws<ArgumentException>(message.Validate);
    }

    [Fact]
    public async Task SendAsync_TransactionalInvalid_LeftToTheProviderToRefuse()
    {
        var inner = new ProbeEmailSender();
        var message = new EmailMessage { Purpose = SendPurpose.Transactional, To = { EmailAddress.Parse("ada@example.com") } };

        await Assert.ThrowsAsync<ArgumentException>(() => new ConsentEmailSender(inner, _contacts).SendAsync(message));

        Assert.False(inner.SawPrevalidated);
        Assert.Equal(0, _contacts.Lookups);
    }

    [Fact]
    public async Task SendAsync_MarketingInvalid_RefusedBeforeAnyLookup()
    {
        var message = TestMessages.Marketing("ada@example.com");
        message.From = null;

        await Assert.ThrowsAsync<ArgumentException>(() => Sender().SendAsync(message));

        Assert.Equal(0, _contacts.Lookups);
        Assert.Empty(_inner.Sent);
    }

    [Fact]
    public async Task SendAsync_Transactional_SkipsConsent()
    {
        var message = TestMessages.Marketing("nobody@example.com");
        message.Purpose = SendPurpose.Transactional;
        var result = await Sender().SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(0, _contacts.Lookups);
    }

    [Fact]
    public async Task SendAsync_MixedRecipients_SendsToConsentedOnlyAndLeavesCallerMessageAlone()
    {
        _contacts.Add("yes@example.com", Consent.Granted());
        _contacts.Add("no@example.com", Consent.Denied());
        _contacts.Add("cc-no@example.com");
        var message = TestMessages.Marketing("yes@example.com", "no@example.com");
        message.Cc.Add(EmailAddress.Parse("cc-no@example.com"));

        var result = await Sender().SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(["no@example.com", "cc-no@example.com"], result.WithheldRecipients.Select(w => w.Recipient));
        var sent = Assert.Single(_inner.Sent);
        Assert.Equal(["yes@example.com"], sent.To.Select(m => m.Address.Value));
        Assert.Empty(sent.Cc);
        Assert.Equal(2, message.To.Count);
        Assert.Single(message.Cc);
    }

    [Fact]
    public async Task SendAsync_UnknownContactAllowedByOption_Sends()
    {
        var result = await Sender(withholdUnknown: false).SendAsync(TestMessages.Marketing("new@example.com"));
        Assert.Equal(SendStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task SendAsync_InvalidMessage_ThrowsBeforeLookup()
    {
        var message = TestMessages.Marketing("ada@example.com");
        message.Subject = "Hi\r\nBcc: victim@example.com";
        await Assert.ThrowsAsync<ArgumentException>(() => Sender().SendAsync(message));
        Assert.Equal(0, _contacts.Lookups);
    }

    [Fact]
    public async Task SendManyAsync_ReportsOneOutcomePerMessageInOrder()
    {
        _contacts.Add("yes@example.com", Consent.Granted());
        _contacts.Add("no@example.com", Consent.Denied());
        var transactional = TestMessages.Marketing("stranger@example.com");
        transactional.Purpose = SendPurpose.Transactional;
        var invalid = TestMessages.Marketing("yes@example.com");
        invalid.TextBody = null;
        var messages = new List<EmailMessage>
        {
            TestMessages.Marketing("no@example.com"),
            TestMessages.Marketing("yes@example.com", "no@example.com"),
            transactional,
            invalid,
            TestMessages.Marketing("yes@example.com"),
        };

        var result = await Sender().SendManyAsync(messages);

        Assert.Equal([BulkItemStatus.Withheld, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Equal(ConsentCodes.AllRecipientsWithheld, result.Items[0].Error!.Code);
        Assert.Contains("denied email consent", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("no@example.com", Assert.Single(result.Items[1].Value!.WithheldRecipients).Recipient);
        Assert.Equal("INVALID_MESSAGE", result.Items[3].Error!.Code);
        Assert.Equal(3, _inner.Sent.Count);
        Assert.Equal(2, _contacts.Lookups); // each address looked up once per call
    }

    [Fact]
    public async Task MessageSender_MarketingSmsNeedsSmsConsent()
    {
        var granted = _contacts.Add("sms-yes@example.com", smsConsent: Consent.Granted(), phone: "+14155550100");
        var denied = _contacts.Add("sms-no@example.com", smsConsent: Consent.Denied(), phone: "+14155550101");
        var inner = new RecordingMessageSender();
        var sender = new ConsentMessageSender(inner, _contacts);
        OutgoingMessage Sms(string? contactId, SendPurpose purpose = SendPurpose.Marketing) => new()
        {
            Destination = MessageDestination.Phone(PhoneNumber.Parse("+14155550100")),
            Text = "20% off this week",
            Purpose = purpose,
            ContactId = contactId,
        };

        Assert.Equal(SendStatus.Accepted, (await sender.SendAsync(Sms(granted.Id))).Status);
        var refused = await sender.SendAsync(Sms(denied.Id));
        Assert.Equal(SendStatus.Withheld, refused.Status);
        Assert.Equal(ConsentCodes.Denied, refused.Withheld!.Code);
        Assert.Equal(ConsentCodes.UnknownContact, (await sender.SendAsync(Sms(null))).Withheld!.Code);
        Assert.Equal(SendStatus.Accepted, (await sender.SendAsync(Sms(null, SendPurpose.Transactional))).Status);
        Assert.Equal(SendStatus.Accepted, (await sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("#sales"), Text = "New lead", Purpose = SendPurpose.Marketing })).Status);
        Assert.Equal(3, inner.Sent.Count);
    }

    /// <summary>A provider stand-in that validates as providers do and notes whether the message came pre-validated.</summary>
    private sealed class ProbeEmailSender : IEmailSender
    {
        public bool SawPrevalidated { get; private set; }

        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            SawPrevalidated = message.IsPrevalidated;
            message.Validate();
            return Task.FromResult(new EmailSendResult { Status = SendStatus.Accepted, MessageId = "m1" });
        }

        public Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not used by these tests.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
