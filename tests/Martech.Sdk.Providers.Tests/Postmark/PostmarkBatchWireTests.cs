using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Postmark;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>The exact requests <c>SendManyAsync</c> sends (/email/batch, /email/batchWithTemplates) and how each
/// per-message result maps back to its input.</summary>
public sealed class PostmarkBatchWireTests
{
    private static EmailAddress A(string value) => EmailAddress.Parse(value);

    private static EmailMessage Content(int i) => new()
    {
        From = A("news@example.com"),
        To = { A($"r{i}@example.com") },
        Subject = $"S{i}",
        TextBody = $"T{i}",
        Purpose = SendPurpose.Transactional,
    };

    private static EmailMessage Template(int i, string id) => new()
    {
        From = A("news@example.com"),
        To = { A($"r{i}@example.com") },
        TemplateId = id,
        TemplateData = new JsonObject { ["n"] = i },
    };

    private static string Ok(int i) => $$"""{"To":"r{{i}}@example.com","SubmittedAt":"2014-02-17T07:25:01.4178645-05:00","MessageID":"id-{{i}}","ErrorCode":0,"Message":"OK"}""";

    /// <summary>Answers a batch with one result per message, OK unless the recipient is listed as inactive.</summary>
    private static HttpResponseMessage Answer(CapturedRequest request, params string[] inactive)
    {
        JsonArray messages = request.Json is JsonArray array ? array : (JsonArray)request.Json!["Messages"]!;
        var results = new List<string>();
        foreach (JsonNode? message in messages)
        {
            string to = message!["To"]!.GetValue<string>();
            int i = int.Parse(to[1..to.IndexOf('@', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            results.Add(inactive.Contains(to)
                ? $$"""{"ErrorCode":406,"Message":"You tried to send to a recipient that has been marked as inactive. Found inactive addresses: {{to}}. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression. "}"""
                : Ok(i));
        }

        return PostmarkWire.Json(HttpStatusCode.OK, "[" + string.Join(",", results) + "]");
    }

    [Fact]
    public async Task SendManyAsync_ContentAndTemplates_PostsEachGroupToItsEndpointAndMapsResultsByIndex()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", r => Answer(r, "r2@example.com"));
        wire.On(HttpMethod.Post, "email/batchWithTemplates", r => Answer(r));
        EmailMessage[] messages = [Content(0), Template(1, "77"), Content(2), Template(3, "welcome"), Content(4)];

        var result = await wire.Sender.SendManyAsync(messages, new BulkOptions { MaxConcurrency = 1 });

        var requests = wire.Requests.ToList();
        Assert.Equal(2, requests.Count);
        CapturedRequest batch = Assert.Single(requests, r => r.Uri.AbsolutePath == "/email/batch");
        batch.AssertPostmarkHeaders();
        batch.AssertBody("""
            [
              {"From":"news@example.com","To":"r0@example.com","Subject":"S0","TextBody":"T0","MessageStream":"outbound"},
              {"From":"news@example.com","To":"r2@example.com","Subject":"S2","TextBody":"T2","MessageStream":"outbound"},
              {"From":"news@example.com","To":"r4@example.com","Subject":"S4","TextBody":"T4","MessageStream":"outbound"}
            ]
            """);
        CapturedRequest templates = Assert.Single(requests, r => r.Uri.AbsolutePath == "/email/batchWithTemplates");
        templates.AssertPostmarkHeaders();
        templates.AssertBody("""
            {"Messages":[
              {"From":"news@example.com","To":"r1@example.com","TemplateId":77,"TemplateModel":{"n":1},"MessageStream":"broadcast"},
              {"From":"news@example.com","To":"r3@example.com","TemplateAlias":"welcome","TemplateModel":{"n":3},"MessageStream":"broadcast"}
            ]}
            """);

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Equal(["id-0", "id-1", null, "id-3", "id-4"], result.Items.Select(i => i.Value?.MessageId));
        Assert.Equal([A("r3@example.com")], result.Items[3].Value!.AcceptedRecipients);
        BulkItemError error = result.Items[2].Error!;
        Assert.Equal("406", error.Code);
        Assert.Contains("inactive recipient", error.Message, StringComparison.Ordinal);
        Assert.Contains("r2@example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendManyAsync_InvalidAndScheduledMessages_FailAloneWithoutBeingSent()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", r => Answer(r));
        EmailMessage scheduled = Content(1);
        scheduled.SendAt = DateTimeOffset.UtcNow.AddDays(1);
        EmailMessage invalid = Content(2);
        invalid.From = null;

        var result = await wire.Sender.SendManyAsync([Content(0), scheduled, invalid, null!, Content(4)]);

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Equal(["NOT_SUPPORTED", "INVALID_MESSAGE", "NULL_ITEM"], result.Items.Skip(1).Take(3).Select(i => i.Error!.Code));
        Assert.Equal(2, wire.Single().Json!.AsArray().Count);
    }

    [Fact]
    public async Task SendManyAsync_MoreThanFiveHundred_SplitsIntoBatchesOfFiveHundredAndReportsProgress()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", r => Answer(r));
        var messages = Enumerable.Range(0, 1001).Select(Content).ToArray();
        var progress = new List<BulkProgress>();

        var result = await wire.Sender.SendManyAsync(messages, new BulkOptions { BatchSize = 5000, MaxConcurrency = 1, Progress = new SyncProgress(progress) });

        Assert.Equal([500, 500, 1], wire.Requests.Select(r => r.Json!.AsArray().Count));
        Assert.True(result.IsFullSuccess);
        Assert.Equal([500, 1000, 1001], progress.Select(p => p.Completed));
        Assert.All(progress, p => Assert.Equal(1001, p.Total));
        for (int i = 0; i < messages.Length; i++)
        {
            Assert.Equal($"id-{i}", result.Items[i].Value!.MessageId);
        }
    }

    [Fact]
    public async Task SendManyAsync_BatchSizeOption_SmallerBatches()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", r => Answer(r));

        await wire.Sender.SendManyAsync(Enumerable.Range(0, 5).Select(Content).ToArray(), new BulkOptions { BatchSize = 2, MaxConcurrency = 1 });

        Assert.Equal([2, 2, 1], wire.Requests.Select(r => r.Json!.AsArray().Count));
    }

    [Fact]
    public async Task SendManyAsync_WholeRequestRefused_FailsEveryMessageOfThatBatchWithTheCode()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", HttpStatusCode.UnprocessableEntity, """{"ErrorCode":402,"Message":"Invalid JSON."}""");

        var result = await wire.Sender.SendManyAsync([Content(0), Content(1)]);

        Assert.All(result.Items, item =>
        {
            Assert.Equal(BulkItemStatus.Failed, item.Status);
            Assert.Equal("402", item.Error!.Code);
            Assert.IsType<MartechRequestException>(item.Error.Exception);
        });
    }

    [Fact]
    public async Task SendManyAsync_ResultCountDiffers_ReportsUnknownRatherThanGuess()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", HttpStatusCode.OK, "[" + Ok(0) + "]");

        var result = await wire.Sender.SendManyAsync([Content(0), Content(1)]);

        Assert.All(result.Items, item => Assert.Equal(BulkItemStatus.Unknown, item.Status));
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendManyAsync_ServerError_ReportsUnknownAndDoesNotResend()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", HttpStatusCode.InternalServerError, """{"ErrorCode":0,"Message":"Internal server error."}""");

        var result = await wire.Sender.SendManyAsync([Content(0), Content(1)]);

        Assert.All(result.Items, item => Assert.Equal(BulkItemStatus.Unknown, item.Status));
        Assert.All(result.Items, item => Assert.True(item.Error!.Exception is MartechException { MayHaveBeenProcessed: true }));
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendManyAsync_Maintenance_ReportsFailedNotUnknown()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", HttpStatusCode.ServiceUnavailable, """{"ErrorCode":100,"Message":"Maintenance"}""");

        var result = await wire.Sender.SendManyAsync([Content(0), Content(1)]);

        Assert.All(result.Items, item => Assert.Equal(BulkItemStatus.Failed, item.Status));
        Assert.All(result.Items, item => Assert.Equal("100", item.Error!.Code));
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendManyAsync_RateLimitedThenAccepted_RetriesTheBatchOnce()
    {
        int calls = 0;
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/batch", r => Interlocked.Increment(ref calls) == 1
            ? PostmarkWire.Json(HttpStatusCode.TooManyRequests, """{"ErrorCode":429,"Message":"Rate limit exceeded."}""", ("Retry-After", "0"))
            : Answer(r));

        var result = await wire.Sender.SendManyAsync([Content(0), Content(1)]);

        Assert.True(result.IsFullSuccess);
        Assert.Equal(2, wire.Requests.Count);
    }

    [Fact]
    public async Task SendManyAsync_CancelledToken_ThrowsAndSendsNothing()
    {
        await using var wire = PostmarkWire.Create();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wire.Sender.SendManyAsync([Content(0)], cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(wire.Requests);
    }

    [Fact]
    public void Chunk_PayloadOverFiftyMegabytes_StartsANewBatch()
    {
        // Twelve messages of 9 MB of content each: five fit in 50 MB, so the batches hold 5, 5 and 2.
        var prepared = new PostmarkPreparedMessage?[12];
        for (int i = 0; i < prepared.Length; i++)
        {
            prepared[i] = new PostmarkPreparedMessage(new PostmarkEmailRequest(), false, [], 9L * 1024 * 1024);
        }

        var chunks = PostmarkEmailSender.Chunk([.. Enumerable.Range(0, 12)], prepared, PostmarkOptions.MaxBatchSize);

        Assert.Equal([5, 5, 2], chunks.Select(c => c.Length));
        Assert.Equal(Enumerable.Range(0, 12), chunks.SelectMany(c => c));
    }

    private sealed class SyncProgress(List<BulkProgress> reports) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
