using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;
using static Martech.Sdk.Testing.Conformance.ConformanceHelpers;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="IEmailSender"/>: the behaviour its contract promises, which every email
/// provider must show. A provider is done when its derived class passes.
/// </summary>
/// <remarks>
/// <para>Derive a public class in a test project and override two hooks: <see cref="CreateSenderAsync"/> returns a
/// fresh sender of the provider under test that has delivered nothing, and <see cref="GetDeliveredAsync"/> returns
/// what the vendor behind it (the in-memory store or the vendor emulator) has received since. xunit creates one
/// instance per test and calls <see cref="InitializeAsync"/> first. Release what the factory created in an override
/// of <see cref="ConformanceSuite.DisposeAsync"/>.</para>
/// <para>Every message the suite sends is <see cref="SendPurpose.Transactional"/>, so consent middleware, if the
/// provider has any, never withholds it. Override <see cref="SenderAddress"/>, <see cref="TemplateId"/> and
/// <see cref="SupportsScheduling"/> where the vendor differs.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class EmailSenderConformanceTests : ConformanceSuite
{
    private IEmailSender? _sender;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the provider record why; optional.</param>
    protected EmailSenderConformanceTests(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>The sender under test, created for this test by <see cref="CreateSenderAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected IEmailSender Sender => _sender ?? throw new InvalidOperationException("The sender is created in InitializeAsync, which has not run.");

    /// <summary>The address the suite sends from; vendors that require a verified sender override it. The default
    /// value is <c>conformance@example.com</c>.</summary>
    protected virtual EmailAddress SenderAddress => EmailAddress.Parse("conformance@example.com");

    /// <summary>A template id the vendor accepts; <see langword="null"/> when the vendor has no templates, and the
    /// template test does not apply. The default value is <c>"conformance-welcome"</c>.</summary>
    protected virtual string? TemplateId => "conformance-welcome";

    /// <summary>Whether the vendor schedules sends (<see cref="EmailMessage.SendAt"/>). The default value is
    /// <see langword="true"/>; when <see langword="false"/>, the scheduling test does not apply.</summary>
    protected virtual bool SupportsScheduling => true;

    /// <summary>Creates a fresh sender of the provider under test, which has delivered nothing; called once before
    /// each test.</summary>
    /// <returns>The sender.</returns>
    protected abstract Task<IEmailSender> CreateSenderAsync();

    /// <summary>Returns every email the vendor behind the sender from the last <see cref="CreateSenderAsync"/> call
    /// has received, in the order received.</summary>
    /// <returns>The delivered emails.</returns>
    protected abstract Task<IReadOnlyList<DeliveredEmail>> GetDeliveredAsync();

    /// <summary>Creates the sender for this test.</summary>
    /// <returns>A task that completes when the sender is ready.</returns>
    public override async Task InitializeAsync() =>
        _sender = await CreateSenderAsync() ?? throw new InvalidOperationException("CreateSenderAsync returned null.");

    /// <summary>A valid message is accepted with a message id, for every recipient, and delivered once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_ValidMessage_AcceptedAndDeliveredOnce()
    {
        EmailMessage message = ValidMessage("Welcome aboard");
        message.Cc.Add(new Mailbox(Address("grace@example.com")));

        EmailSendResult result = await Sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.False(string.IsNullOrEmpty(result.MessageId));
        Assert.Equal(new[] { Address("ada@example.com"), Address("grace@example.com") }.Order(), result.AcceptedRecipients.Order());
        Assert.Empty(result.WithheldRecipients);
        DeliveredEmail delivered = Assert.Single(await GetDeliveredAsync());
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.Equal(SenderAddress, delivered.From);
        Assert.Equal("Welcome aboard", delivered.Subject);
        Assert.Equal(new[] { Address("ada@example.com"), Address("grace@example.com") }.Order(), delivered.Recipients.Order());
    }

    /// <summary>An invalid message is an <see cref="ArgumentException"/> before any call, and nothing is delivered.</summary>
    /// <param name="flaw">What is wrong with the message.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData("NoFrom")]
    [InlineData("NoTo")]
    [InlineData("NullRecipient")]
    [InlineData("LineBreakInSubject")]
    [InlineData("NoSubjectWithoutTemplate")]
    [InlineData("NoBodyWithoutTemplate")]
    [InlineData("EmptyAttachment")]
    [InlineData("LineBreakInHeader")]
    public async Task SendAsync_InvalidMessage_ThrowsArgumentExceptionAndDeliversNothing(string flaw)
    {
        EmailMessage message = InvalidMessage(flaw);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Sender.SendAsync(message));

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary>Sending <see langword="null"/> is an <see cref="ArgumentNullException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_NullMessage_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Sender.SendAsync(null!));

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary>A message with a template and no subject or body is accepted and delivered with that template.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_TemplateWithoutBody_AcceptedAndDelivered()
    {
        if (TemplateId is not { } templateId)
        {
            NotApplicable("the vendor has no templates (TemplateId is null).");
            return;
        }

        var message = new EmailMessage
        {
            From = new Mailbox(SenderAddress),
            To = { new Mailbox(Address("ada@example.com")) },
            TemplateId = templateId,
            TemplateData = new JsonObject { ["firstName"] = "Ada", ["plan"] = "pro" },
            Purpose = SendPurpose.Transactional,
        };

        EmailSendResult result = await Sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.False(string.IsNullOrEmpty(result.MessageId));
        DeliveredEmail delivered = Assert.Single(await GetDeliveredAsync());
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.Equal(templateId, delivered.TemplateId);
    }

    /// <summary>A message with an attachment is accepted and delivered once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_WithAttachment_AcceptedAndDelivered()
    {
        EmailMessage message = ValidMessage("Your invoice");
        message.Attachments.Add(new EmailAttachment("invoice.pdf", "application/pdf", "%PDF-1.4 conformance"u8.ToArray()));

        EmailSendResult result = await Sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(result.MessageId, Assert.Single(await GetDeliveredAsync()).MessageId);
    }

    /// <summary>A message scheduled for later is accepted with a message id (where the vendor schedules).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_ScheduledForLater_Accepted()
    {
        if (!SupportsScheduling)
        {
            NotApplicable("the vendor does not schedule sends (SupportsScheduling is false).");
            return;
        }

        EmailMessage message = ValidMessage("See you tomorrow");
        message.SendAt = DateTimeOffset.UtcNow.AddDays(1);

        EmailSendResult result = await Sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.False(string.IsNullOrEmpty(result.MessageId));
        Assert.True((await GetDeliveredAsync()).Count <= 1, "A scheduled message was recorded more than once.");
    }

    /// <summary>Sending with a cancelled token throws <see cref="OperationCanceledException"/> and delivers nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_CancelledToken_ThrowsAndDeliversNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender.SendAsync(ValidMessage("Welcome aboard"), Cancelled));

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary>A bulk send returns one outcome per message in input order: an invalid or <see langword="null"/>
    /// message fails alone, with a reason, and each valid one is accepted and delivered exactly once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendManyAsync_OneInvalid_FailsAloneAndOthersDeliveredOnce()
    {
        EmailMessage[] messages =
        [
            ValidMessage("First"),
            InvalidMessage("NoFrom"),
            ValidMessage("Third"),
            null!,
        ];

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync(messages);

        AssertOneOutcomePerInput(result, messages.Length);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        AssertFailedWithReason(result.Items[1]);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[2].Status);
        AssertFailedWithReason(result.Items[3]);
        string first = AcceptedId(result.Items[0]);
        string third = AcceptedId(result.Items[2]);
        Assert.NotEqual(first, third);

        var delivered = await GetDeliveredAsync();
        Assert.Equal(2, delivered.Count);
        Assert.Equal("First", Assert.Single(delivered, d => d.MessageId == first).Subject);
        Assert.Equal("Third", Assert.Single(delivered, d => d.MessageId == third).Subject);
    }

    /// <summary>A bulk send reports progress, the last report having every message complete and every failure counted.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendManyAsync_WithProgress_ReportsEveryItemCompleted()
    {
        var progress = new RecordingProgress();
        EmailMessage[] messages = [ValidMessage("One"), ValidMessage("Two"), InvalidMessage("NoTo"), ValidMessage("Four")];

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync(messages, new BulkOptions { BatchSize = 1, MaxConcurrency = 1, Progress = progress });

        AssertOneOutcomePerInput(result, messages.Length);
        Assert.Equal(3, result.SucceededCount);
        AssertProgressCompleted(progress, total: messages.Length, failed: 1);
        Assert.Equal(3, (await GetDeliveredAsync()).Count);
    }

    /// <summary>A bulk send with a cancelled token sends nothing: it throws <see cref="OperationCanceledException"/>
    /// or reports no message as succeeded.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendManyAsync_CancelledToken_DeliversNothing()
    {
        EmailMessage[] messages = [ValidMessage("One"), ValidMessage("Two")];
        BulkResult<EmailSendResult>? result = null;
        try
        {
            result = await Sender.SendManyAsync(messages, cancellationToken: Cancelled);
        }
        catch (OperationCanceledException)
        {
            // The contract lets a cancelled bulk send throw; what matters is that nothing went out.
        }

        if (result is not null)
        {
            AssertOneOutcomePerInput(result, messages.Length);
            Assert.All(result.Items, item => Assert.False(item.IsSuccess, $"Item {item.Index} was reported sent after cancellation."));
        }

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary>A bulk send of no messages returns an empty result.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendManyAsync_EmptyList_ReturnsNoOutcomes()
    {
        BulkResult<EmailSendResult> result = await Sender.SendManyAsync([]);

        Assert.Empty(result.Items);
        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary><see cref="IEmailSender.GetService"/> names the provider instance behind the client with a
    /// <see cref="MartechProviderMetadata"/>.</summary>
    [Fact]
    public void GetService_ProviderMetadata_NamesTheInstance()
    {
        var metadata = Assert.IsType<MartechProviderMetadata>(Sender.GetService(typeof(MartechProviderMetadata)));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Name));
        Assert.False(string.IsNullOrWhiteSpace(metadata.ProviderType));
    }

    /// <summary><see cref="IEmailSender.GetService"/> returns the sender for its own interface.</summary>
    [Fact]
    public void GetService_EmailSenderType_ReturnsSender()
    {
        Assert.IsAssignableFrom<IEmailSender>(Sender.GetService(typeof(IEmailSender)));
    }

    /// <summary>Creates a valid, transactional message from <see cref="SenderAddress"/> to ada@example.com.</summary>
    /// <param name="subject">The subject, which also identifies the message among those delivered.</param>
    /// <returns>The message.</returns>
    protected EmailMessage ValidMessage(string subject) => new()
    {
        From = new Mailbox(SenderAddress, "Conformance Suite"),
        To = { new Mailbox(Address("ada@example.com"), "Ada Lovelace") },
        Subject = subject,
        TextBody = "Hello Ada.",
        HtmlBody = "<p>Hello Ada.</p>",
        Purpose = SendPurpose.Transactional,
    };

    private EmailMessage InvalidMessage(string flaw)
    {
        EmailMessage message = ValidMessage("Invalid: " + flaw);
        switch (flaw)
        {
            case "NoFrom":
                message.From = null;
                break;
            case "NoTo":
                message.To.Clear();
                break;
            case "NullRecipient":
                message.To.Add(null!);
                break;
            case "LineBreakInSubject":
                message.Subject = "Hello\r\nBcc: victim@example.com";
                break;
            case "NoSubjectWithoutTemplate":
                message.Subject = " ";
                break;
            case "NoBodyWithoutTemplate":
                message.TextBody = null;
                message.HtmlBody = null;
                break;
            case "EmptyAttachment":
                message.Attachments.Add(new EmailAttachment("empty.pdf", "application/pdf", ReadOnlyMemory<byte>.Empty));
                break;
            case "LineBreakInHeader":
                message.Headers["X-Campaign"] = "spring\r\nBcc: victim@example.com";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(flaw), flaw, "Unknown flaw.");
        }

        return message;
    }

    private static string AcceptedId(BulkItemResult<EmailSendResult> item)
    {
        Assert.NotNull(item.Value);
        Assert.Equal(SendStatus.Accepted, item.Value.Status);
        Assert.False(string.IsNullOrEmpty(item.Value.MessageId));
        return item.Value.MessageId;
    }

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);
}
