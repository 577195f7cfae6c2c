using System.Net;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>The exact requests the Mailgun suppression list makes (find, list with <c>paging.next</c>, add as JSON
/// arrays, delete) and how it reads Mailgun's documented answers.</summary>
public sealed class MailgunSuppressionListWireTests
{
    private const string Base = MailgunWire.Us + "v3/" + MailgunWire.Domain + "/";

    private static string Page(string next, params string[] items) =>
        "{\"items\":[" + string.Join(",", items) + "],\"paging\":{"
        + $"\"first\":\"{Base}bounces?limit=2\",\"next\":\"{next}\",\"previous\":\"{Base}bounces?page=previous&address=x&limit=2\",\"last\":\"{Base}bounces?page=last&limit=2\"" + "}}";

    private static string Bounce(string address, string created = "Fri, 21 Oct 2011 11:02:55 GMT") =>
        $$"""{"address":"{{address}}","code":"550","error":"No such mailbox","created_at":"{{created}}"}""";

    [Fact]
    public async Task ListAsync_Bounces_FollowsPagingNextAcrossPagesUntilAnEmptyPage()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        string next1 = Base + "bounces?page=next&address=b%40example.com&limit=2";
        string next2 = Base + "bounces?page=next&address=d%40example.com&limit=2";
        string next3 = Base + "bounces?page=next&address=e%40example.com&limit=2";
        mock.Expect(HttpMethod.Get, Base + "bounces?limit=2").Capture(captured, HttpStatusCode.OK, Page(next1, Bounce("a@example.com"), Bounce("b@example.com")));
        mock.Expect(HttpMethod.Get, next1).Capture(captured, HttpStatusCode.OK, Page(next2, Bounce("c@example.com"), """{"address":"d@example.com","code":550,"error":"","created_at":"Thu, 13 Oct 2011 18:02:00 +0200"}"""));
        mock.Expect(HttpMethod.Get, next2).Capture(captured, HttpStatusCode.OK, Page(next3, Bounce("e@example.com")));
        mock.Expect(HttpMethod.Get, next3).Capture(captured, HttpStatusCode.OK, Page(next3));
        using var services = MailgunWire.Services(mock);

        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in services.Suppressions().ListAsync(new SuppressionListOptions { Kind = SuppressionKind.Bounce, PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        mock.VerifyNoOutstandingExpectation();
        Assert.All(captured, c => Assert.Equal(MailgunWire.BasicAuthorization, c.Authorization));
        Assert.Equal([next1, next2, next3, null], pages.Select(p => p.ContinuationToken));
        Assert.Equal([2, 2, 1, 0], pages.Select(p => p.Items.Count));
        EmailSuppression first = pages[0].Items[0];
        Assert.Equal((EmailAddress.Parse("a@example.com"), SuppressionKind.Bounce, "No such mailbox"), (first.Email, first.Kind, first.Reason));
        Assert.Equal(new DateTimeOffset(2011, 10, 21, 11, 2, 55, TimeSpan.Zero), first.CreatedAt);
        EmailSuppression fourth = pages[1].Items[1];
        Assert.Null(fourth.Reason);
        Assert.Equal(new DateTimeOffset(2011, 10, 13, 18, 2, 0, TimeSpan.FromHours(2)), fourth.CreatedAt);
        Assert.Equal("550", first.Raw.GetProperty("code").GetString());
        Assert.Equal(550, fourth.Raw.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task ListAsync_AllKinds_MovesFromBouncesToUnsubscribesToComplaints()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, Base + "bounces?limit=100").Respond("application/json", Page(Base + "bounces?page=next&address=a%40example.com&limit=100", Bounce("a@example.com")));
        mock.Expect(HttpMethod.Get, Base + "bounces?page=next&address=a%40example.com&limit=100").Respond("application/json", Page(Base + "bounces?page=next&address=a%40example.com&limit=100"));
        mock.Expect(HttpMethod.Get, Base + "unsubscribes?limit=100").Respond("application/json", Page(
            Base + "unsubscribes?page=next&address=u2%40example.com&limit=100",
            """{"address":"u1@example.com","tags":["*","newsletter"],"created_at":"Fri, 21 Oct 2011 11:02:55 UTC"}""",
            """{"address":"u2@example.com","tag":"promo","created_at":"Fri, 21 Oct 2011 11:02:55 UTC"}"""));
        mock.Expect(HttpMethod.Get, Base + "unsubscribes?page=next&address=u2%40example.com&limit=100").Respond("application/json", Page(Base + "unsubscribes?page=next&address=u2%40example.com&limit=100"));
        mock.Expect(HttpMethod.Get, Base + "complaints?limit=100").Respond("application/json", Page(
            Base + "complaints?page=next&address=c%40example.com&limit=100",
            """{"address":"c@example.com","created_at":"Fri, 21 Oct 2011 11:02:55 UTC"}"""));
        mock.Expect(HttpMethod.Get, Base + "complaints?page=next&address=c%40example.com&limit=100").Respond("application/json", Page(Base + "complaints?page=next&address=c%40example.com&limit=100"));
        using var services = MailgunWire.Services(mock);

        var all = new List<EmailSuppression>();
        await foreach (EmailSuppression s in services.Suppressions().ListAsync())
        {
            all.Add(s);
        }

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(
            [
                ("a@example.com", "bounce", null),
                ("u1@example.com", "unsubscribe", null),
                ("u1@example.com", "groupunsubscribe", "newsletter"),
                ("u2@example.com", "groupunsubscribe", "promo"),
                ("c@example.com", "spamreport", null),
            ],
            all.Select(s => (s.Email.Value, s.Kind.Value, s.GroupId)));
    }

    [Fact]
    public async Task ListAsync_GroupFilter_ReadsOnlyUnsubscribesAndKeepsThatTag()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, Base + "unsubscribes?limit=100").Respond("application/json", Page(
            Base + "unsubscribes?page=next&address=u2%40example.com&limit=100",
            """{"address":"u1@example.com","tags":["*","newsletter"]}""",
            """{"address":"u2@example.com","tags":["promo"]}"""));
        mock.Expect(HttpMethod.Get, Base + "unsubscribes?page=next&address=u2%40example.com&limit=100").Respond("application/json", Page(Base + "x"));
        using var services = MailgunWire.Services(mock);

        var found = new List<EmailSuppression>();
        await foreach (EmailSuppression s in services.Suppressions().ListAsync(new SuppressionListOptions { GroupId = "newsletter" }))
        {
            found.Add(s);
        }

        mock.VerifyNoOutstandingExpectation();
        EmailSuppression only = Assert.Single(found);
        Assert.Equal((SuppressionKind.GroupUnsubscribe, "newsletter"), (only.Kind, only.GroupId));
    }

    [Fact]
    public async Task ListAsync_KindMailgunDoesNotKeep_IsEmptyWithoutARequest()
    {
        using var mock = new MockHttpMessageHandler();
        MockedRequest any = mock.When("*").Respond("application/json", "{}");
        using var services = MailgunWire.Services(mock);

        var items = new List<EmailSuppression>();
        await foreach (EmailSuppression s in services.Suppressions().ListAsync(new SuppressionListOptions { Kind = SuppressionKind.Block }))
        {
            items.Add(s);
        }

        Assert.Empty(items);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task ListAsync_ResumeFromToken_UsesItsPathAndQueryOnTheConfiguredHostWithThePageSize()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.Expect(HttpMethod.Get, "https://proxy.example.net/mailgun/v3/mg.example.com/complaints?page=next&address=k%40example.com&limit=50")
            .Capture(captured, HttpStatusCode.OK, Page("https://api.mailgun.net/v3/mg.example.com/complaints?page=next&address=k%40example.com&limit=50"));
        using var services = MailgunWire.Services(mock, o => o.BaseAddress = new Uri("https://proxy.example.net/mailgun/"));

        // A token written by Mailgun names its own host: the request still goes to the configured base address only.
        var options = new SuppressionListOptions
        {
            ContinuationToken = "https://api.mailgun.net/v3/mg.example.com/complaints?page=next&address=k%40example.com&limit=10",
            PageSize = 50,
        };
        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in services.Suppressions().ListAsync(options).AsPages())
        {
            pages.Add(page);
        }

        mock.VerifyNoOutstandingExpectation();
        Assert.Empty(Assert.Single(pages).Items);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("https://api.mailgun.net/v3/other.example.com/bounces?page=next")]
    [InlineData("https://api.mailgun.net/v3/mg.example.com/messages")]
    [InlineData("ftp://api.mailgun.net/v3/mg.example.com/bounces")]
    public void ListAsync_ForeignToken_ThrowsBeforeAnyRequest(string token)
    {
        using var mock = new MockHttpMessageHandler();
        using var services = MailgunWire.Services(mock);

        var ex = Assert.Throws<ArgumentException>(() => services.Suppressions().ListAsync(new SuppressionListOptions { ContinuationToken = token }));

        Assert.Contains("mg.example.com", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_LooksInEveryListAndTreats404AsAbsent()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, Base + "bounces/ada%40example.com").Respond("application/json", Bounce("ada@example.com"));
        mock.Expect(HttpMethod.Get, Base + "unsubscribes/ada%40example.com").Respond("application/json", """{"address":"ada@example.com","tag":"*","created_at":"Fri, 21 Oct 2011 11:02:55 GMT"}""");
        mock.Expect(HttpMethod.Get, Base + "complaints/ada%40example.com").Respond(HttpStatusCode.NotFound, "application/json", """{"message":"No spam complaints found for this address"}""");
        using var services = MailgunWire.Services(mock);

        IReadOnlyList<EmailSuppression> found = await services.Suppressions().FindAsync(EmailAddress.Parse("ada@example.com"));

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal([SuppressionKind.Bounce, SuppressionKind.Unsubscribe], found.Select(s => s.Kind));
    }

    [Fact]
    public async Task FindAsync_ServerError_Throws()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Base + "*").Respond(HttpStatusCode.Unauthorized, "text/plain", "Forbidden");
        using var services = MailgunWire.Services(mock);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => services.Suppressions().FindAsync(EmailAddress.Parse("ada@example.com")));

        Assert.EndsWith("Forbidden", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_PostsAJsonArrayPerListWithMailgunsFields()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.Expect(HttpMethod.Post, Base + "bounces").Capture(captured, HttpStatusCode.OK, """{"message":"2 addresses have been added to the bounces table"}""");
        mock.Expect(HttpMethod.Post, Base + "unsubscribes").Capture(captured, HttpStatusCode.OK, """{"message":"2 addresses have been added to the unsubscribes table"}""");
        mock.Expect(HttpMethod.Post, Base + "complaints").Capture(captured, HttpStatusCode.OK, """{"message":"1 complaint addresses have been added to the complaints table"}""");
        using var services = MailgunWire.Services(mock);
        var created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        EmailSuppression[] items =
        [
            new() { Email = EmailAddress.Parse("a@example.com"), Kind = SuppressionKind.Bounce, Reason = "No such mailbox", CreatedAt = created },
            new() { Email = EmailAddress.Parse("b@example.com"), Kind = SuppressionKind.Unsubscribe },
            new() { Email = EmailAddress.Parse("c@example.com"), Kind = SuppressionKind.SpamReport },
            new() { Email = EmailAddress.Parse("d@example.com"), Kind = SuppressionKind.GroupUnsubscribe, GroupId = "newsletter" },
            new() { Email = EmailAddress.Parse("e@example.com"), Kind = SuppressionKind.Bounce },
        ];

        BulkResult<EmailSuppression> result = await services.Suppressions().AddAsync(items, new BulkOptions { MaxConcurrency = 1 });

        mock.VerifyNoOutstandingExpectation();
        Assert.True(result.IsFullSuccess);
        Assert.Same(items[3], result.Items[3].Value);
        Assert.All(captured, c => Assert.Equal("application/json; charset=utf-8", c.ContentType));
        Assert.Equal(
            """[{"address":"a@example.com","error":"No such mailbox","created_at":"Tue, 02 Jan 2024 03:04:05 +0000"},{"address":"e@example.com"}]""",
            captured[0].BodyText);
        Assert.Equal("""[{"address":"b@example.com","tags":["*"]},{"address":"d@example.com","tags":["newsletter"]}]""", captured[1].BodyText);
        Assert.Equal("""[{"address":"c@example.com"}]""", captured[2].BodyText);
    }

    [Fact]
    public async Task AddAsync_MoreThanAThousand_ChunksToMailgunsBatchLimit()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.When(HttpMethod.Post, Base + "bounces").Capture(captured, HttpStatusCode.OK, """{"message":"ok"}""");
        using var services = MailgunWire.Services(mock);
        EmailSuppression[] items = [.. Enumerable.Range(0, 2500).Select(i => new EmailSuppression { Email = EmailAddress.Parse($"x{i}@example.com"), Kind = SuppressionKind.Bounce })];

        BulkResult<EmailSuppression> result = await services.Suppressions().AddAsync(items, new BulkOptions { BatchSize = 5000 });

        Assert.Equal(2500, result.SucceededCount);
        Assert.Equal([1000, 1000, 500], captured.Select(c => JsonNode.Parse(c.BodyText)!.AsArray().Count).Order().Reverse());
    }

    [Fact]
    public async Task AddAsync_InvalidItems_FailAloneBeforeAnyRequest()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.When(HttpMethod.Post, Base + "complaints").Capture(captured, HttpStatusCode.OK, """{"message":"ok"}""");
        using var services = MailgunWire.Services(mock);
        EmailSuppression[] items =
        [
            null!,
            new() { Email = default, Kind = SuppressionKind.Bounce },
            new() { Email = EmailAddress.Parse("a@example.com"), Kind = SuppressionKind.Block },
            new() { Email = EmailAddress.Parse("b@example.com"), Kind = SuppressionKind.GroupUnsubscribe },
            new() { Email = EmailAddress.Parse("c@example.com"), Kind = SuppressionKind.GroupUnsubscribe, GroupId = "*" },
            new() { Email = EmailAddress.Parse("d@example.com"), Kind = SuppressionKind.Bounce, GroupId = "newsletter" },
            new() { Email = EmailAddress.Parse("e@example.com"), Kind = SuppressionKind.SpamReport },
        ];

        BulkResult<EmailSuppression> result = await services.Suppressions().AddAsync(items);

        Assert.Equal(
            [("NULL_ITEM", null), ("INVALID_ITEM", "Email"), ("UNSUPPORTED_KIND", "Kind"), ("INVALID_ITEM", "GroupId"), ("INVALID_ITEM", "GroupId"), ("INVALID_ITEM", "GroupId")],
            result.Items.Take(6).Select(i => (i.Error!.Code, i.Error.Field)));
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[6].Status);
        Assert.Equal("""[{"address":"e@example.com"}]""", Assert.Single(captured).BodyText);
    }

    [Fact]
    public async Task AddAsync_BatchRejected_ItsItemsFailWithMailgunsMessage()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Base + "bounces").Respond(HttpStatusCode.BadRequest, "application/json", """{"message":"'address' parameter is not a valid address"}""");
        mock.When(HttpMethod.Post, Base + "complaints").Respond("application/json", """{"message":"ok"}""");
        using var services = MailgunWire.Services(mock);

        BulkResult<EmailSuppression> result = await services.Suppressions().AddAsync(
        [
            new() { Email = EmailAddress.Parse("a@example.com"), Kind = SuppressionKind.Bounce },
            new() { Email = EmailAddress.Parse("b@example.com"), Kind = SuppressionKind.SpamReport },
            new() { Email = EmailAddress.Parse("c@example.com"), Kind = SuppressionKind.Bounce },
        ]);

        Assert.Equal([BulkItemStatus.Failed, BulkItemStatus.Succeeded, BulkItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.Equal(("HTTP_400", "address"), (result.Items[0].Error!.Code, result.Items[0].Error!.Field));
        Assert.Contains("not a valid address", result.Items[2].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveAsync_DeletesPerItemWithTheTagAndTreats404AsDone()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Delete, Base + "bounces/a%40example.com").Respond("application/json", """{"message":"Bounced address has been removed"}""");
        mock.Expect(HttpMethod.Delete, Base + "unsubscribes/b%40example.com?tag=%2A").Respond("application/json", """{"message":"Unsubscribe event has been removed"}""");
        mock.Expect(HttpMethod.Delete, Base + "unsubscribes/c%40example.com?tag=news%20letter").Respond("application/json", """{"message":"Unsubscribe event has been removed"}""");
        mock.Expect(HttpMethod.Delete, Base + "complaints/d%40example.com").Respond(HttpStatusCode.NotFound, "application/json", """{"message":"No spam complaints found for this address"}""");
        using var services = MailgunWire.Services(mock);

        BulkResult<EmailSuppression> result = await services.Suppressions().RemoveAsync(
        [
            new() { Email = EmailAddress.Parse("a@example.com"), Kind = SuppressionKind.Bounce },
            new() { Email = EmailAddress.Parse("b@example.com"), Kind = SuppressionKind.Unsubscribe },
            new() { Email = EmailAddress.Parse("c@example.com"), Kind = SuppressionKind.GroupUnsubscribe, GroupId = "news letter" },
            new() { Email = EmailAddress.Parse("d@example.com"), Kind = SuppressionKind.SpamReport },
            new() { Email = EmailAddress.Parse("e@example.com"), Kind = SuppressionKind.InvalidEmail },
        ],
        new BulkOptions { MaxConcurrency = 1 });

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(
            [BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed],
            result.Items.Select(i => i.Status));
        Assert.Equal("UNSUPPORTED_KIND", result.Items[4].Error!.Code);
    }

    [Fact]
    public void GetService_AnswersMetadataAndItself()
    {
        using var mock = new MockHttpMessageHandler();
        using var services = MailgunWire.Services(mock);
        IEmailSuppressionList list = services.Suppressions();

        Assert.Equal(new MartechProviderMetadata("Mailgun", "Mailgun"), list.GetService(typeof(MartechProviderMetadata)));
        Assert.Same(list, list.GetService(typeof(IEmailSuppressionList)));
        Assert.IsType<MailgunOptions>(list.GetService(typeof(MailgunOptions)));
    }
}
