using System.Net;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>The exact suppression requests (paths, queries, bodies) and the parsing of SendGrid's documented responses
/// (the suppressions spec's examples), paging across several pages included.</summary>
public sealed class SendGridSuppressionListWireTests
{
    private const string Base = "https://api.sendgrid.com/";

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);

    private static EmailSuppression Entry(string email, SuppressionKind kind, string? group = null) =>
        new() { Email = Address(email), Kind = kind, GroupId = group };

    [Fact]
    public async Task FindAsync_AsksEveryListAndParsesTheDocumentedShapes()
    {
        await using var wire = SendGridWire.Create(o => o.OnBehalfOf = "subuser-eu");
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/bounces/ada@example.com", HttpStatusCode.OK,
            """[{"created":1443651125,"email":"ada@example.com","reason":"550 5.1.1 The email account that you tried to reach does not exist.","status":"5.1.1"}]""");
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/blocks/ada@example.com", HttpStatusCode.OK, "[]");
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/spam_reports/ada@example.com", HttpStatusCode.OK,
            """[{"created":1454433146,"email":"ada@example.com","ip":"10.89.32.5"}]""");
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/invalid_emails/ada@example.com", HttpStatusCode.NotFound,
            """{"errors":[{"field":null,"message":"resource not found"}]}""");
        wire.Stub(HttpMethod.Get, Base + "v3/asm/suppressions/global/ada@example.com", HttpStatusCode.OK, """{"recipient_email":"ada@example.com"}""");
        wire.Stub(HttpMethod.Get, Base + "v3/asm/suppressions/ada@example.com", HttpStatusCode.OK,
            """{"suppressions":[{"id":1,"is_default":true,"name":"Weekly News","suppressed":true},{"id":2,"is_default":true,"name":"Daily News","suppressed":true},{"id":3,"is_default":false,"name":"Old News","suppressed":false}]}""");

        IReadOnlyList<EmailSuppression> found = await wire.Suppressions.FindAsync(Address("ada@example.com"));

        Assert.Equal(6, wire.Requests.Count);
        Assert.All(wire.Requests, r =>
        {
            Assert.Equal(HttpMethod.Get, r.Method);
            Assert.Equal("subuser-eu", r.Header("on-behalf-of"));
            Assert.Equal("Bearer " + SendGridWire.ApiKey, r.Header("Authorization"));
        });
        Assert.Equal(
            [SuppressionKind.Bounce, SuppressionKind.SpamReport, SuppressionKind.Unsubscribe, SuppressionKind.GroupUnsubscribe, SuppressionKind.GroupUnsubscribe],
            found.Select(s => s.Kind));
        Assert.Equal("550 5.1.1 The email account that you tried to reach does not exist.", found[0].Reason);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1443651125), found[0].CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1454433146), found[1].CreatedAt);
        Assert.Equal(["1", "2"], found.Skip(3).Select(s => s.GroupId));
        Assert.Contains("Weekly News", found[3].Reason, StringComparison.Ordinal);
        wire.VerifyAll();
    }

    [Fact]
    public async Task FindAsync_NotSuppressed_ReturnsEmpty()
    {
        await using var wire = SendGridWire.Create();
        foreach (string list in (string[])["bounces", "blocks", "spam_reports", "invalid_emails"])
        {
            wire.Stub(HttpMethod.Get, $"{Base}v3/suppression/{list}/grace%2Btag@example.com", HttpStatusCode.OK, "[]");
        }

        wire.Stub(HttpMethod.Get, Base + "v3/asm/suppressions/global/grace%2Btag@example.com", HttpStatusCode.OK, "{}");
        wire.Stub(HttpMethod.Get, Base + "v3/asm/suppressions/grace%2Btag@example.com", HttpStatusCode.OK, """{"suppressions":[]}""");

        Assert.Empty(await wire.Suppressions.FindAsync(Address("grace+tag@example.com")));
        Assert.Equal(6, wire.Requests.Count);
        wire.VerifyAll();
    }

    [Fact]
    public async Task ListAsync_OneKind_PagesWithLimitAndOffsetAcrossThreePages()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(HttpMethod.Get, Base + "v3/suppression/bounces?limit=2&offset=0", HttpStatusCode.OK,
            """[{"created":1250337600,"email":"a@example.com","reason":"550 5.1.1 no such user","status":"5.1.1"},{"created":1250337601,"email":"b@example.com","reason":"550 5.1.1 no such user","status":"5.1.1"}]""");
        wire.Expect(HttpMethod.Get, Base + "v3/suppression/bounces?limit=2&offset=2", HttpStatusCode.OK,
            """[{"created":1250337602,"email":"c@example.com","reason":"r","status":"5.1.1"},{"created":1250337603,"email":"d@example.com","reason":"r","status":"5.1.1"}]""");
        wire.Expect(HttpMethod.Get, Base + "v3/suppression/bounces?limit=2&offset=4", HttpStatusCode.OK,
            """[{"created":1250337604,"email":"e@example.com","reason":"r","status":"5.1.1","bounce_classification":"Invalid Address"}]""");

        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in wire.Suppressions.ListAsync(new SuppressionListOptions { Kind = SuppressionKind.Bounce, PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(["bounces:2", "bounces:4", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal(["a", "b", "c", "d", "e"], pages.SelectMany(p => p.Items).Select(s => s.Email.LocalPart));
        Assert.All(pages.SelectMany(p => p.Items), s => Assert.Equal(SuppressionKind.Bounce, s.Kind));
        Assert.Equal(
            [Base + "v3/suppression/bounces?limit=2&offset=0", Base + "v3/suppression/bounces?limit=2&offset=2", Base + "v3/suppression/bounces?limit=2&offset=4"],
            wire.Requests.Select(r => r.Uri.ToString()));
        wire.VerifyAll();
    }

    [Fact]
    public async Task ListAsync_AllKindsResumedWithUpdatedSince_ContinuesAtTheTokenAndSkipsEmptyLists()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(HttpMethod.Get, Base + "v3/suppression/invalid_emails?limit=500&offset=0&start_time=1700000000", HttpStatusCode.OK, "[]");
        wire.Expect(HttpMethod.Get, Base + "v3/suppression/unsubscribes?limit=500&offset=0&start_time=1700000000", HttpStatusCode.OK,
            """[{"created":1700000100,"email":"user1@example.com"}]""");
        wire.Expect(HttpMethod.Get, Base + "v3/asm/suppressions", HttpStatusCode.OK,
            """[{"email":"old@example.com","group_id":1,"group_name":"Weekly News","created_at":1410986704},{"email":"test1@example.com","group_id":2,"group_name":"Daily News","created_at":1700000200}]""");

        var listed = await wire.Suppressions.ListAsync(new SuppressionListOptions
        {
            ContinuationToken = "invalid_emails:0",
            UpdatedSince = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        }).ToListAsync();

        Assert.Equal([("user1@example.com", SuppressionKind.Unsubscribe), ("test1@example.com", SuppressionKind.GroupUnsubscribe)], listed.Select(s => (s.Email.Value, s.Kind)));
        Assert.Equal("2", listed[1].GroupId);
        Assert.Equal(3, wire.Requests.Count);
        wire.VerifyAll();
    }

    [Fact]
    public async Task ListAsync_OneGroup_ReadsTheUnpagedListOnceAndPagesIt()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(HttpMethod.Get, Base + "v3/asm/groups/42/suppressions", HttpStatusCode.OK, """["example@example.com","example2@example.com","example3@example.com"]""");

        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in wire.Suppressions.ListAsync(new SuppressionListOptions { GroupId = "42", PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(["group.42:2", null], pages.Select(p => p.ContinuationToken));
        Assert.All(pages.SelectMany(p => p.Items), s => Assert.Equal(("42", SuppressionKind.GroupUnsubscribe), (s.GroupId, s.Kind)));
        Assert.Single(wire.Requests);
        wire.VerifyAll();
    }

    [Fact]
    public async Task ListAsync_BadArguments_ThrowBeforeAnyRequest()
    {
        await using var wire = SendGridWire.Create();

        Assert.Throws<ArgumentException>(() => wire.Suppressions.ListAsync(new SuppressionListOptions { ContinuationToken = "bounces:2", Kind = SuppressionKind.Block }));
        Assert.Throws<ArgumentException>(() => wire.Suppressions.ListAsync(new SuppressionListOptions { GroupId = "weekly" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => wire.Suppressions.ListAsync(new SuppressionListOptions { PageSize = 0 }));
        Assert.Empty(await wire.Suppressions.ListAsync(new SuppressionListOptions { Kind = SuppressionKind.Manual }).ToListAsync());
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task AddAsync_UnsubscribesAndGroups_PostsRecipientEmailsPerTargetAndFailsWhatSendGridCannotAdd()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(HttpMethod.Post, Base + "v3/asm/suppressions/global", HttpStatusCode.Created, """{"recipient_emails":["a@example.com","b@example.com"]}""");
        wire.Expect(HttpMethod.Post, Base + "v3/asm/groups/42/suppressions", HttpStatusCode.Created, """{"recipient_emails":["c@example.com"]}""");

        BulkResult<EmailSuppression> result = await wire.Suppressions.AddAsync(
            [
                Entry("a@example.com", SuppressionKind.Unsubscribe),
                Entry("c@example.com", SuppressionKind.GroupUnsubscribe, " 042"),
                Entry("b@example.com", SuppressionKind.Unsubscribe),
                Entry("A@example.com", SuppressionKind.Unsubscribe),
                Entry("d@example.com", SuppressionKind.Bounce),
                null!,
            ],
            new BulkOptions { MaxConcurrency = 1 });

        Assert.Equal(4, result.SucceededCount);
        Assert.Equal("42", result.Items[1].Value!.GroupId);
        Assert.Equal("UNSUPPORTED", result.Items[4].Error!.Code);
        Assert.Equal("NULL_ITEM", result.Items[5].Error!.Code);
        Assert.Equal(
            [("""{"recipient_emails":["a@example.com","b@example.com"]}""", "application/json; charset=utf-8"), ("""{"recipient_emails":["c@example.com"]}""", "application/json; charset=utf-8")],
            wire.Requests.Select(r => (r.Body, r.ContentType)));
        wire.VerifyAll();
    }

    [Fact]
    public async Task AddAsync_MoreThanTheBatchSize_SplitsRequestsAndFailsOnlyTheFailedRequestsItems()
    {
        await using var wire = SendGridWire.Create(o => o.MaxSuppressionBatchSize = 2);
        wire.Expect(HttpMethod.Post, Base + "v3/asm/suppressions/global", HttpStatusCode.Created, """{"recipient_emails":["u0@example.com","u1@example.com"]}""");
        wire.Expect(HttpMethod.Post, Base + "v3/asm/suppressions/global", HttpStatusCode.InternalServerError, """{"errors":[{"message":"internal server error"}]}""");
        wire.Expect(HttpMethod.Post, Base + "v3/asm/suppressions/global", HttpStatusCode.Created, """{"recipient_emails":["u4@example.com"]}""");
        var progress = new List<BulkProgress>();

        BulkResult<EmailSuppression> result = await wire.Suppressions.AddAsync(
            [.. Enumerable.Range(0, 5).Select(i => Entry($"u{i}@example.com", SuppressionKind.Unsubscribe))],
            new BulkOptions { MaxConcurrency = 1, Progress = new ListProgress(progress) });

        Assert.Equal(
            [BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Succeeded],
            result.Items.Select(i => i.Status));
        Assert.Equal("HTTP_500", result.Items[2].Error!.Code);
        Assert.Equal([new BulkProgress(5, 2, 0), new BulkProgress(5, 4, 2), new BulkProgress(5, 5, 2)], progress);
        wire.VerifyAll();
    }

    [Fact]
    public async Task RemoveAsync_EveryList_DeletesInBatchesOrPerAddressAndTreatsNotFoundAsDone()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(HttpMethod.Delete, Base + "v3/suppression/bounces", HttpStatusCode.NoContent);
        wire.Expect(HttpMethod.Delete, Base + "v3/asm/suppressions/global/u@example.com", HttpStatusCode.NoContent);
        wire.Expect(HttpMethod.Delete, Base + "v3/suppression/spam_reports", HttpStatusCode.NoContent);
        wire.Expect(HttpMethod.Delete, Base + "v3/asm/groups/7/suppressions/g@example.com", HttpStatusCode.NotFound, """{"errors":[{"field":null,"message":"Email not found"}]}""");

        BulkResult<EmailSuppression> result = await wire.Suppressions.RemoveAsync(
            [
                Entry("b1@example.com", SuppressionKind.Bounce),
                Entry("u@example.com", SuppressionKind.Unsubscribe),
                Entry("b2@example.com", SuppressionKind.Bounce),
                Entry("s@example.com", SuppressionKind.SpamReport),
                Entry("g@example.com", SuppressionKind.GroupUnsubscribe, "7"),
                Entry("m@example.com", SuppressionKind.Manual),
            ],
            new BulkOptions { MaxConcurrency = 1 });

        Assert.Equal(5, result.SucceededCount);
        Assert.Equal("UNSUPPORTED", result.Items[5].Error!.Code);
        Assert.Equal(
            ["""{"emails":["b1@example.com","b2@example.com"]}""", null, """{"emails":["s@example.com"]}""", null],
            wire.Requests.Select(r => r.Body is { Length: > 0 } body ? body : null));
        wire.VerifyAll();
    }

    private sealed class ListProgress(List<BulkProgress> reports) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => reports.Add(value);
    }
}
