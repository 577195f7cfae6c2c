using System.Net;
using System.Text.Json.Nodes;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>The exact requests of the Postmark suppression list (dump, create, delete per message stream) and how it
/// reads Postmark's documented answers: kinds, streams, paging and per-address statuses.</summary>
public sealed class PostmarkSuppressionListWireTests
{
    private const string Dump = "message-streams/outbound/suppressions/dump";
    private const string BroadcastDump = "message-streams/broadcast/suppressions/dump";

    // Postmark's documented dump example.
    private const string DocumentedDump = """
        {"Suppressions":[
          {"EmailAddress":"address@wildbit.com","SuppressionReason":"ManualSuppression","Origin":"Recipient","CreatedAt":"2019-12-17T08:58:33-05:00"},
          {"EmailAddress":"bounce.address@wildbit.com","SuppressionReason":"HardBounce","Origin":"Recipient","CreatedAt":"2019-12-17T08:58:33-05:00"},
          {"EmailAddress":"spam.complaint.address@wildbit.com","SuppressionReason":"SpamComplaint","Origin":"Recipient","CreatedAt":"2019-12-17T08:58:33-05:00"}
        ]}
        """;

    private const string EmptyDump = """{"Suppressions":[]}""";

    private static EmailAddress A(string value) => EmailAddress.Parse(value);

    private static string DumpOf(params (string Email, string Reason, string Origin, string CreatedAt)[] rows) =>
        new JsonObject
        {
            ["Suppressions"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["EmailAddress"] = r.Email,
                ["SuppressionReason"] = r.Reason,
                ["Origin"] = r.Origin,
                ["CreatedAt"] = r.CreatedAt,
            })]),
        }.ToJsonString();

    [Fact]
    public async Task FindAsync_QueriesBothStreamsByAddressAndMapsReasonsToKinds()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Get, Dump, HttpStatusCode.OK, DumpOf(
            ("ada@example.com", "HardBounce", "Recipient", "2024-03-01T10:00:00-05:00"),
            ("ada.lovelace@example.com", "HardBounce", "Recipient", "2024-03-01T10:00:00-05:00")));
        wire.On(HttpMethod.Get, BroadcastDump, HttpStatusCode.OK, DumpOf(("Ada@Example.com", "ManualSuppression", "Recipient", "2024-03-02T10:00:00Z")));

        var found = await wire.Suppressions.FindAsync(A("ada@example.com"));

        Assert.Equal(
            [PostmarkWire.Api + "message-streams/broadcast/suppressions/dump?EmailAddress=ada%40example.com", PostmarkWire.Api + "message-streams/outbound/suppressions/dump?EmailAddress=ada%40example.com"],
            wire.Requests.Select(r => r.Uri.AbsoluteUri).Order(StringComparer.Ordinal));
        Assert.All(wire.Requests, r => r.AssertPostmarkHeaders());
        Assert.Equal(2, found.Count);
        EmailSuppression bounce = Assert.Single(found, s => s.GroupId == "outbound");
        Assert.Equal(SuppressionKind.Bounce, bounce.Kind);
        Assert.Equal("HardBounce (origin Recipient)", bounce.Reason);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(-5)), bounce.CreatedAt);
        Assert.Equal(SuppressionKind.Unsubscribe, Assert.Single(found, s => s.GroupId == "broadcast").Kind);
    }

    [Fact]
    public async Task ListAsync_DocumentedDump_MapsEveryReason()
    {
        await using var wire = PostmarkWire.Create(o => o.BroadcastMessageStream = "outbound");
        wire.On(HttpMethod.Get, Dump, HttpStatusCode.OK, DocumentedDump);

        var all = new List<EmailSuppression>();
        await foreach (EmailSuppression s in wire.Suppressions.ListAsync())
        {
            all.Add(s);
        }

        Assert.Equal(PostmarkWire.Api + Dump, wire.Single().Uri.AbsoluteUri);
        Assert.Equal(
            [(A("address@wildbit.com"), SuppressionKind.Unsubscribe), (A("bounce.address@wildbit.com"), SuppressionKind.Bounce), (A("spam.complaint.address@wildbit.com"), SuppressionKind.SpamReport)],
            all.Select(s => (s.Email, s.Kind)));
    }

    [Fact]
    public async Task ListAsync_SmallPages_ChainsAcrossPagesAndStreamsReadingEachDumpOnce()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Get, Dump, HttpStatusCode.OK, DumpOf(
            ("g@example.com", "HardBounce", "Recipient", "2024-01-07T00:00:00Z"),
            ("a@example.com", "HardBounce", "Recipient", "2024-01-01T00:00:00Z"),
            ("c@example.com", "HardBounce", "Recipient", "2024-01-03T00:00:00Z"),
            ("b@example.com", "HardBounce", "Recipient", "2024-01-01T00:00:00Z"),
            ("e@example.com", "SpamComplaint", "Recipient", "2024-01-05T00:00:00Z"),
            ("d@example.com", "ManualSuppression", "Customer", "2024-01-04T00:00:00Z"),
            ("f@example.com", "HardBounce", "Recipient", "2024-01-06T00:00:00Z")));
        wire.On(HttpMethod.Get, BroadcastDump, HttpStatusCode.OK, DumpOf(
            ("y@example.com", "ManualSuppression", "Recipient", "2024-02-02T00:00:00Z"),
            ("x@example.com", "ManualSuppression", "Recipient", "2024-02-01T00:00:00Z")));

        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in wire.Suppressions.ListAsync(new SuppressionListOptions { PageSize = 3 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([3, 3, 1, 2], pages.Select(p => p.Items.Count));
        Assert.All(pages.Take(3), p => Assert.NotNull(p.ContinuationToken));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(
            ["a", "b", "c", "d", "e", "f", "g", "x", "y"],
            pages.SelectMany(p => p.Items).Select(s => s.Email.LocalPart));
        Assert.Equal(["outbound", "broadcast"], pages.SelectMany(p => p.Items).Select(s => s.GroupId).Distinct());
        Assert.Equal(2, wire.Requests.Count);
    }

    [Fact]
    public async Task ListAsync_LastStreamEmpty_EndsOnTheLastNonEmptyPage()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Get, Dump, HttpStatusCode.OK, DumpOf(
            ("a@example.com", "HardBounce", "Recipient", "2024-01-01T00:00:00Z"),
            ("b@example.com", "HardBounce", "Recipient", "2024-01-02T00:00:00Z"),
            ("c@example.com", "HardBounce", "Recipient", "2024-01-03T00:00:00Z"),
            ("d@example.com", "HardBounce", "Recipient", "2024-01-04T00:00:00Z")));
        wire.On(HttpMethod.Get, BroadcastDump, HttpStatusCode.OK, EmptyDump);

        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in wire.Suppressions.ListAsync(new SuppressionListOptions { PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([2, 2], pages.Select(p => p.Items.Count));
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Null(pages[1].ContinuationToken);
        Assert.Equal(2, wire.Requests.Count);
    }

    [Fact]
    public async Task ListAsync_ResumedFromAToken_ContinuesAfterItWithADateFilter()
    {
        await using var wire = PostmarkWire.Create(o => o.BroadcastMessageStream = "outbound");
        string dump = DumpOf(
            ("a@example.com", "HardBounce", "Recipient", "2024-01-01T00:00:00Z"),
            ("b@example.com", "HardBounce", "Recipient", "2024-01-02T00:00:00Z"),
            ("c@example.com", "HardBounce", "Recipient", "2024-01-03T00:00:00Z"),
            ("d@example.com", "HardBounce", "Recipient", "2024-01-04T00:00:00Z"));
        wire.On(HttpMethod.Get, Dump, HttpStatusCode.OK, dump);
        string? token = null;
        await foreach (Page<EmailSuppression> page in wire.Suppressions.ListAsync(new SuppressionListOptions { PageSize = 2 }).AsPages())
        {
            token = page.ContinuationToken;
            break;
        }

        var rest = new List<EmailSuppression>();
        await foreach (EmailSuppression s in wire.Suppressions.ListAsync(new SuppressionListOptions { PageSize = 2, ContinuationToken = token }))
        {
            rest.Add(s);
        }

        Assert.Equal(["c", "d"], rest.Select(s => s.Email.LocalPart));
        Assert.Equal(PostmarkWire.Api + Dump + "?fromdate=2024-01-01", wire.Requests.Last().Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("bounce", "?SuppressionReason=HardBounce", "b")]
    [InlineData("spamreport", "?SuppressionReason=SpamComplaint", "s")]
    [InlineData("unsubscribe", "?SuppressionReason=ManualSuppression&Origin=Recipient", "u")]
    [InlineData("manual", "?SuppressionReason=ManualSuppression", "m")]
    public async Task ListAsync_ByKind_FiltersOnPostmarksReasonAndOrigin(string kind, string query, string expected)
    {
        await using var wire = PostmarkWire.Create(o => o.BroadcastMessageStream = "outbound");

        // The stub ignores the filter, as a lenient server might: the provider keeps only the kind asked for.
        wire.On(HttpMethod.Get, Dump, HttpStatusCode.OK, DumpOf(
            ("b@example.com", "HardBounce", "Recipient", "2024-01-01T00:00:00Z"),
            ("s@example.com", "SpamComplaint", "Recipient", "2024-01-02T00:00:00Z"),
            ("u@example.com", "ManualSuppression", "Recipient", "2024-01-03T00:00:00Z"),
            ("m@example.com", "ManualSuppression", "Customer", "2024-01-04T00:00:00Z")));

        var listed = new List<EmailSuppression>();
        await foreach (EmailSuppression s in wire.Suppressions.ListAsync(new SuppressionListOptions { Kind = new SuppressionKind(kind) }))
        {
            listed.Add(s);
        }

        Assert.Equal(PostmarkWire.Api + Dump + query, wire.Single().Uri.AbsoluteUri);
        Assert.Equal(expected, Assert.Single(listed).Email.LocalPart);
    }

    [Fact]
    public async Task ListAsync_GroupIdAndUpdatedSince_ReadsThatStreamFromTheDayBefore()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Get, BroadcastDump, HttpStatusCode.OK, DumpOf(
            ("old@example.com", "HardBounce", "Recipient", "2024-05-09T23:00:00Z"),
            ("new@example.com", "HardBounce", "Recipient", "2024-05-10T12:00:00Z")));

        var listed = new List<EmailSuppression>();
        await foreach (EmailSuppression s in wire.Suppressions.ListAsync(new SuppressionListOptions { GroupId = "broadcast", UpdatedSince = new DateTimeOffset(2024, 5, 10, 0, 0, 0, TimeSpan.Zero) }))
        {
            listed.Add(s);
        }

        Assert.Equal(PostmarkWire.Api + BroadcastDump + "?fromdate=2024-05-09", wire.Single().Uri.AbsoluteUri);
        Assert.Equal("new", Assert.Single(listed).Email.LocalPart);
    }

    [Fact]
    public async Task ListAsync_KindPostmarkDoesNotHave_IsEmptyWithoutARequest()
    {
        await using var wire = PostmarkWire.Create();

        await foreach (EmailSuppression unexpected in wire.Suppressions.ListAsync(new SuppressionListOptions { Kind = SuppressionKind.Block }))
        {
            Assert.Fail($"Unexpected {unexpected}.");
        }

        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task ListAsync_ForeignToken_ThrowsBeforeAnyRequest()
    {
        await using var wire = PostmarkWire.Create();

        Assert.Throws<ArgumentException>(() => wire.Suppressions.ListAsync(new SuppressionListOptions { ContinuationToken = "not-a-postmark-token" }));
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task AddAsync_ManualSuppressions_PostsFiftyPerRequestAndMapsEachStatus()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "message-streams/outbound/suppressions", request =>
        {
            var statuses = request.Json!["Suppressions"]!.AsArray().Select(e => e!["EmailAddress"]!.GetValue<string>()).Select(address => address == "spammy@example.com"
                ? $$"""{"EmailAddress":"{{address}}","Status":"Failed","Message":"You do not have the required authority to change this suppression."}"""
                : $$"""{"EmailAddress":"{{address}}","Status":"Suppressed","Message":null}""");
            return PostmarkWire.Json(HttpStatusCode.OK, """{"Suppressions":[""" + string.Join(",", statuses) + "]}");
        });
        var entries = Enumerable.Range(0, 60)
            .Select(i => new EmailSuppression { Email = A(i == 7 ? "spammy@example.com" : $"u{i}@example.com"), Kind = SuppressionKind.Manual })
            .ToList();

        var result = await wire.Suppressions.AddAsync(entries, new BulkOptions { MaxConcurrency = 1 });

        var requests = wire.Requests.ToList();
        Assert.Equal([50, 10], requests.Select(r => r.Json!["Suppressions"]!.AsArray().Count));
        requests[0].AssertPostmarkHeaders();
        Assert.Equal(PostmarkWire.Api + "message-streams/outbound/suppressions", requests[0].Uri.AbsoluteUri);
        Assert.Equal("""{"EmailAddress":"u0@example.com"}""", requests[0].Json!["Suppressions"]![0]!.ToJsonString());
        Assert.Equal(59, result.SucceededCount);
        BulkItemResult<EmailSuppression> failed = Assert.Single(result.Unsuccessful);
        Assert.Equal(7, failed.Index);
        Assert.Contains("required authority", failed.Error!.Message, StringComparison.Ordinal);
        EmailSuppression added = result.Items[0].Value!;
        Assert.Equal(SuppressionKind.Manual, added.Kind);
        Assert.Equal("outbound", added.GroupId);
    }

    [Fact]
    public async Task AddAsync_KindsPostmarkCannotAdd_FailAloneAndGroupIdPicksTheStream()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "message-streams/broadcast/suppressions", HttpStatusCode.OK, """{"Suppressions":[{"EmailAddress":"ok@example.com","Status":"Suppressed","Message":null}]}""");

        var result = await wire.Suppressions.AddAsync(
        [
            new EmailSuppression { Email = A("bounced@example.com"), Kind = SuppressionKind.Bounce },
            new EmailSuppression { Email = A("ok@example.com"), Kind = SuppressionKind.Manual, GroupId = "broadcast" },
            null!,
            new EmailSuppression { Email = A("blocked@example.com"), Kind = SuppressionKind.Block },
        ]);

        Assert.Equal([BulkItemStatus.Failed, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.Equal(["UNSUPPORTED_KIND", null, "NULL_ITEM", "UNSUPPORTED_KIND"], result.Items.Select(i => i.Error?.Code));
        wire.Single().AssertBody("""{"Suppressions":[{"EmailAddress":"ok@example.com"}]}""");
        Assert.Equal("broadcast", result.Items[1].Value!.GroupId);
    }

    [Fact]
    public async Task RemoveAsync_PostsDeleteAndMapsDeletedAndFailed()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "message-streams/outbound/suppressions/delete", HttpStatusCode.OK, """
            {"Suppressions":[
              {"EmailAddress":"good.address@example.com","Status":"Deleted","Message":null},
              {"EmailAddress":"not.suppressed@example.com","Status":"Deleted","Message":null},
              {"EmailAddress":"spammy.address@example.com","Status":"Failed","Message":"You do not have the required authority to change this suppression."}
            ]}
            """);

        var result = await wire.Suppressions.RemoveAsync(
        [
            new EmailSuppression { Email = A("good.address@example.com"), Kind = SuppressionKind.Bounce },
            new EmailSuppression { Email = A("not.suppressed@example.com"), Kind = SuppressionKind.Manual },
            new EmailSuppression { Email = A("spammy.address@example.com"), Kind = SuppressionKind.SpamReport },
            new EmailSuppression { Email = A("blocked@example.com"), Kind = SuppressionKind.Block },
        ]);

        CapturedRequest request = wire.Single();
        Assert.Equal(PostmarkWire.Api + "message-streams/outbound/suppressions/delete", request.Uri.AbsoluteUri);
        request.AssertPostmarkHeaders();
        request.AssertBody("""{"Suppressions":[{"EmailAddress":"good.address@example.com"},{"EmailAddress":"not.suppressed@example.com"},{"EmailAddress":"spammy.address@example.com"}]}""");
        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Contains("required authority", result.Items[2].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveAsync_StatusesOutOfOrder_AreMatchedByAddress()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "message-streams/outbound/suppressions/delete", HttpStatusCode.OK, """
            {"Suppressions":[
              {"EmailAddress":"B@example.com","Status":"Failed","Message":"nope"},
              {"EmailAddress":"a@example.com","Status":"Deleted","Message":null}
            ]}
            """);

        var result = await wire.Suppressions.RemoveAsync(
        [
            new EmailSuppression { Email = A("a@example.com"), Kind = SuppressionKind.Manual },
            new EmailSuppression { Email = A("b@example.com"), Kind = SuppressionKind.Manual },
        ]);

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Failed], result.Items.Select(i => i.Status));
    }

    [Fact]
    public async Task AddAsync_UnknownStream_FailsEachItemWithPostmarksCode()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "message-streams/nope/suppressions", HttpStatusCode.UnprocessableEntity, """{"ErrorCode":1226,"Message":"The message stream for the provided 'ID' was not found."}""");

        var result = await wire.Suppressions.AddAsync(
        [
            new EmailSuppression { Email = A("a@example.com"), Kind = SuppressionKind.Manual, GroupId = "nope" },
            new EmailSuppression { Email = A("b@example.com"), Kind = SuppressionKind.Manual, GroupId = "nope" },
        ]);

        Assert.All(result.Items, item =>
        {
            Assert.Equal(BulkItemStatus.Failed, item.Status);
            Assert.Equal("1226", item.Error!.Code);
        });
    }

    [Fact]
    public async Task FindAsync_DumpFails_ThrowsTheMappedError()
    {
        await using var wire = PostmarkWire.Create(o => o.BroadcastMessageStream = "outbound");
        wire.On(HttpMethod.Get, Dump, HttpStatusCode.Unauthorized, """{"ErrorCode":10,"Message":"Request does not contain a valid Server token."}""");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => wire.Suppressions.FindAsync(A("ada@example.com")));

        Assert.Equal("10", ex.ErrorCode);
        Assert.Contains("suppressions.dump", ex.Message, StringComparison.Ordinal);
    }
}
