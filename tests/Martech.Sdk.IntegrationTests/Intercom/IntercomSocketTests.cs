using Martech.Sdk.Intercom;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Intercom;

/// <summary>
/// The Intercom provider against its emulator over real sockets: the sample card as a conversation reply and as an
/// admin-initiated message, Intercom's errors, a 429 honoured by waiting for <c>X-RateLimit-Reset</c>, contacts search
/// streamed across several pages, and cancellation.
/// </summary>
public sealed class IntercomSocketTests : IClassFixture<IntercomEmulatorFixture>, IAsyncLifetime
{
    // The shared sample card (tests/Martech.Sdk.Providers.Tests/Messaging/SampleCard.cs) and its Intercom rendering
    // (Providers.Tests/Intercom/Fixtures/sample-card.html).
    private const string SampleHtml =
        "<p>New lead: Ada Lovelace (Analytical Engines)</p><h3>[Warning] New lead: Ada Lovelace</h3><p>CTO, Analytical Engines</p>"
        + "<p><b>Email:</b> ada@analytical.example</p><p><b>Source:</b> webinar</p><p><b>Lead id:</b> l_42</p>"
        + "<p><a href=\"https://crm.example/leads/l_42\">Open in CRM</a></p>";

    private readonly IntercomEmulatorFixture _fixture;
    private ServiceProvider _services = null!;

    public IntercomSocketTests(IntercomEmulatorFixture fixture) => _fixture = fixture;

    private IntercomEmulator Emulator => _fixture.Emulator;

    private IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>("Intercom");

    private IIntercomContacts Contacts => (IIntercomContacts)Sender.GetService(typeof(IIntercomContacts))!;

    public Task InitializeAsync()
    {
        _services = _fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task UseServicesAsync(Action<IntercomOptions> configure)
    {
        await _services.DisposeAsync();
        _services = _fixture.CreateServices(configure);
    }

    private static OutgoingMessage SampleCard(MessageDestination destination) => new()
    {
        Destination = destination,
        Text = "New lead: Ada Lovelace (Analytical Engines)",
        Card = new MessageCard
        {
            Title = "New lead: Ada Lovelace",
            Text = "CTO, Analytical Engines",
            Fields = { new MessageCardField("Email", "ada@analytical.example"), new MessageCardField("Source", "webinar"), new MessageCardField("Lead id", "l_42") },
            Links = { new MessageCardLink("Open in CRM", new Uri("https://crm.example/leads/l_42")) },
            Severity = CardSeverity.Warning,
        },
    };

    private static OutgoingMessage Text(MessageDestination destination, string text) => new() { Destination = destination, Text = text };

    [Fact]
    public async Task SendAsync_SampleCardAsReply_EmulatorReceivesTheHtmlAsAnAdminComment()
    {
        Emulator.AddConversation("6762f0dd1bb69f9f2193bb83", "1295");

        MessageSendResult result = await Sender.SendAsync(SampleCard(MessageDestination.Conversation("1295")));

        IntercomEmulatedReply reply = Assert.Single(Emulator.Replies);
        Assert.Equal(SampleHtml, reply.Body);
        Assert.Equal("comment", reply.MessageType);
        Assert.Equal("admin", reply.AuthorType);
        Assert.Equal(IntercomEmulator.DefaultAdminId, reply.AuthorId);
        Assert.Equal("2.14", reply.IntercomVersion);
        Assert.Equal(reply.PartId, result.MessageId);
        Assert.Equal("1295", result.ThreadId);
    }

    [Fact]
    public async Task SendAsync_SampleCardAsInAppMessage_OpensAConversationReturnedAsTheThread()
    {
        IntercomEmulatedContact ada = Emulator.AddContact("ada@analytical.example", "Ada Lovelace");

        MessageSendResult result = await Sender.SendAsync(SampleCard(MessageDestination.User(ada.Id)));

        IntercomEmulatedMessage message = Assert.Single(Emulator.Messages);
        Assert.Equal(SampleHtml, message.Body);
        Assert.Equal("inapp", message.MessageType);
        Assert.Null(message.Subject);
        Assert.Equal([new IntercomEmulatedRecipient("user", ada.Id)], message.To);
        Assert.Equal(message.Id, result.MessageId);
        Assert.Equal(message.ConversationId, result.ThreadId);
    }

    [Fact]
    public async Task SendAsync_SampleCardAsEmailToALead_SendsSubjectTemplateAndLeadRecipient()
    {
        await UseServicesAsync(o =>
        {
            o.UserMessageType = IntercomMessageType.Email;
            o.RecipientType = "lead";
            o.IntercomVersion = "2.11";
        });
        IntercomEmulatedContact lead = Emulator.AddContact("ada@analytical.example", role: "lead");

        await Sender.SendAsync(SampleCard(MessageDestination.User(lead.Id)));

        IntercomEmulatedMessage message = Assert.Single(Emulator.Messages);
        Assert.Equal("email", message.MessageType);
        Assert.Equal("New lead: Ada Lovelace", message.Subject);
        Assert.Equal("plain", message.Template);
        Assert.Equal("lead", message.To[0].Type);
        Assert.Equal("2.11", message.IntercomVersion);
    }

    [Fact]
    public async Task SendAsync_WrongToken_IsAnAuthenticationErrorWithoutTheToken()
    {
        await UseServicesAsync(o => o.AccessToken = "wrong-token-SECRET");
        Emulator.AddConversation("c1", "1295");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => Sender.SendAsync(Text(MessageDestination.Conversation("1295"), "Hi")));

        Assert.Equal("unauthorized", ex.ErrorCode);
        Assert.True(Guid.TryParse(ex.RequestId, out _));
        Assert.DoesNotContain("wrong-token-SECRET", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(Emulator.Replies);
    }

    [Fact]
    public async Task SendAsync_UnknownConversationOrContact_IsNotFound()
    {
        var reply = await Assert.ThrowsAsync<MartechNotFoundException>(() => Sender.SendAsync(Text(MessageDestination.Conversation("404"), "Hi")));
        var message = await Assert.ThrowsAsync<MartechNotFoundException>(() => Sender.SendAsync(Text(MessageDestination.User("6762f23b1bb69f9f2193bc1a"), "Hi")));

        Assert.Equal("not_found", reply.ErrorCode);
        Assert.Equal("not_found", message.ErrorCode);
        Assert.Contains("Resource Not Found", reply.Message, StringComparison.Ordinal);
        Assert.Equal(2, Emulator.RequestLog.Count); // client errors are not retried
    }

    [Fact]
    public async Task SendAsync_UnknownAdmin_IsNotFoundWithAdminNotFound()
    {
        await UseServicesAsync(o => o.AdminId = "5");
        Emulator.AddConversation("c1", "1295");

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => Sender.SendAsync(Text(MessageDestination.Conversation("1295"), "Hi")));

        Assert.Equal("admin_not_found", ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_WaitsForTheResetThenSendsOnce()
    {
        Emulator.AddConversation("c1", "1295");
        Emulator.Faults.Next(1, "POST", "/conversations/1295/reply", EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        MessageSendResult result = await Sender.SendAsync(Text(MessageDestination.Conversation("1295"), "Retry me"));

        var posts = Emulator.RequestLog.RequestsTo("POST", "/conversations/1295/reply");
        Assert.Equal(2, posts.Count);
        Assert.Equal(429, posts[0].StatusCode);
        Assert.Equal(200, posts[1].StatusCode);

        // No Retry-After was sent: the provider waited for X-RateLimit-Reset, at least a second after the 429.
        Assert.True(posts[1].ArrivedAt - posts[0].ArrivedAt >= TimeSpan.FromSeconds(0.9), $"The retry came {posts[1].ArrivedAt - posts[0].ArrivedAt} after the 429.");
        Assert.Equal(result.MessageId, Assert.Single(Emulator.Replies).PartId);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithoutRetries_ThrowsRateLimitedWithTheWaitUntilReset()
    {
        await UseServicesAsync(o => o.Resilience.MaxRetryAttempts = 0);
        Emulator.AddConversation("c1", "1295");
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromMinutes(5)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Sender.SendAsync(Text(MessageDestination.Conversation("1295"), "Hi")));

        Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
        Assert.Contains("Exceeded rate limit of 167 in 10_seconds", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.RetryAfter);
        Assert.InRange(ex.RetryAfter.Value, TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(5.1));
        Assert.Empty(Emulator.Replies);
    }

    [Fact]
    public async Task SendAsync_WindowUsedUp_WaitsForTheResetInsteadOfCollectingA429()
    {
        Emulator.AddConversation("c1", "1295");
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromSeconds(1) };

        await Sender.SendAsync(Text(MessageDestination.Conversation("1295"), "first"));
        await Sender.SendAsync(Text(MessageDestination.Conversation("1295"), "second"));

        // The first answer said X-RateLimit-Remaining 0 until X-RateLimit-Reset: the SDK held the second until then.
        var posts = Emulator.RequestLog.RequestsTo("POST", "/conversations/1295/reply");
        Assert.Equal([200, 200], posts.Select(p => p.StatusCode ?? 0));
        Assert.True(posts[1].ArrivedAt - posts[0].ArrivedAt >= TimeSpan.FromSeconds(0.9), $"The second came {posts[1].ArrivedAt - posts[0].ArrivedAt} after the first.");
        Assert.Equal(2, Emulator.Replies.Count);
    }

    [Fact]
    public async Task SearchByEmailAsync_SevenMatchesInPagesOfThree_StreamsEveryMatchInOrder()
    {
        var expected = new List<string?>();
        for (int i = 0; i < 9; i++)
        {
            string email = i % 4 == 3 ? $"other{i}@x.example" : "ada@analytical.example";
            IntercomEmulatedContact contact = Emulator.AddContact(email, $"Contact {i}", role: i % 2 == 0 ? "user" : "lead");
            if (email.StartsWith("ada", StringComparison.Ordinal))
            {
                expected.Add(contact.Id);
            }
        }

        var ids = new List<string?>();
        var pageSizes = new List<int>();
        await foreach (Page<Contact> page in Contacts.SearchByEmailAsync("ada@analytical.example").AsPages(pageSizeHint: 3))
        {
            pageSizes.Add(page.Items.Count);
            ids.AddRange(page.Items.Select(c => c.Id));
            Assert.All(page.Items, c => Assert.Equal("ada@analytical.example", c.Email?.ToString()));
        }

        Assert.Equal(expected, ids);
        Assert.Equal([3, 3, 1], pageSizes);
        var searches = Emulator.RequestLog.RequestsTo("POST", "/contacts/search");
        Assert.Equal(3, searches.Count);
        Assert.Null(searches[0].ReadJsonNode()!["pagination"]!["starting_after"]);
        Assert.NotNull(searches[2].ReadJsonNode()!["pagination"]!["starting_after"]);
    }

    [Fact]
    public async Task ListAsync_CursorsWithPlusAndSlash_AreEscapedAndEveryContactArrivesOnce()
    {
        List<string?> expected = [.. Enumerable.Range(0, 5).Select(i => Emulator.AddContact($"c{i}@x.example").Id)];

        var ids = new List<string?>();
        await foreach (Page<Contact> page in Contacts.ListAsync().AsPages(pageSizeHint: 2))
        {
            ids.AddRange(page.Items.Select(c => c.Id));
        }

        Assert.Equal(expected, ids);
        var lists = Emulator.RequestLog.RequestsTo("GET", "/contacts");
        Assert.Equal(3, lists.Count);
        Assert.All(lists, r => Assert.Equal(200, r.StatusCode));
        Assert.StartsWith("+/+/", lists[1].GetQuery("starting_after"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_CancelledAfterTheFirstPage_StopsWithoutFetchingMore()
    {
        for (int i = 0; i < 6; i++)
        {
            Emulator.AddContact($"c{i}@x.example");
        }

        using var cts = new CancellationTokenSource();
        var seen = new List<string?>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Page<Contact> page in Contacts.ListAsync(cts.Token).AsPages(pageSizeHint: 2))
            {
                seen.AddRange(page.Items.Select(c => c.Id));
                await cts.CancelAsync();
            }
        });

        Assert.Equal(2, seen.Count);
        Assert.Single(Emulator.RequestLog.RequestsTo("GET", "/contacts"));
    }

    [Fact]
    public async Task SendAsync_CancelledWhileTheServerIsSlow_ThrowsAndIsNotResent()
    {
        // A conversation id no other test uses: the emulator finishes the delayed request after this test has ended.
        Emulator.AddConversation("c1", "slow-conversation");
        Emulator.Faults.Next(1, EmulatorFault.Latency(TimeSpan.FromSeconds(5)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender.SendAsync(Text(MessageDestination.Conversation("slow-conversation"), "Hi"), cts.Token));

        Assert.Equal(1, Emulator.RequestLog.Count);
    }
}
