using System.Globalization;
using System.Net;

namespace Martech.Sdk.Providers.Tests.Intercom;

/// <summary>Intercom's documented 429: <c>X-RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c> (a Unix time), an
/// <c>error.list</c> with <c>rate_limit_exceeded</c>, and no <c>Retry-After</c>.</summary>
public sealed class IntercomRateLimitWireTests
{
    private const string TooMany = """
        {"type":"error.list","request_id":"b68959ea-6328-4f70-83cb-e7913dba1542","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit of 167 in 10_seconds"}]}
        """;

    private const string ReplyAnswer = """
        {"type":"conversation","id":"525","conversation_parts":{"type":"conversation_part.list","conversation_parts":[{"type":"conversation_part","id":"133"}],"total_count":1}}
        """;

    private static (string, string)[] Headers(DateTimeOffset reset) =>
    [
        ("X-RateLimit-Limit", "167"),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    private static OutgoingMessage Reply() => new() { Destination = MessageDestination.Conversation("525"), Text = "Hi" };

    [Fact]
    public async Task SendAsync_TooManyRequestsWithoutRetries_ThrowsRateLimitedWithTheWaitUntilReset()
    {
        await using var wire = IntercomWire.Create(o => o.Resilience.MaxRetryAttempts = 0);
        wire.On(HttpMethod.Post, "https://api.intercom.io/conversations/525/reply", HttpStatusCode.TooManyRequests, TooMany, Headers(DateTimeOffset.UtcNow.AddSeconds(30)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Reply()));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
        Assert.Equal("b68959ea-6328-4f70-83cb-e7913dba1542", ex.RequestId);
        Assert.Contains("Exceeded rate limit of 167 in 10_seconds", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.RetryAfter);
        Assert.InRange(ex.RetryAfter.Value, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsThenOk_RetriesTheUnprocessedReplyOnce()
    {
        await using var wire = IntercomWire.Create();

        // The window has already reset (X-RateLimit-Reset in the past), so the retry need not wait.
        wire.OnSequence(HttpMethod.Post, "https://api.intercom.io/conversations/525/reply",
        [
            (HttpStatusCode.TooManyRequests, TooMany, Headers(DateTimeOffset.UtcNow.AddSeconds(-1))),
            (HttpStatusCode.OK, ReplyAnswer, []),
        ]);

        MessageSendResult result = await wire.Sender.SendAsync(Reply());

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("133", result.MessageId);
        Assert.Equal(2, wire.Requests.Count);
        Assert.All(wire.Requests, r => Assert.Equal("2.14", r.Headers["Intercom-Version"]));
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_PrefersRetryAfter()
    {
        await using var wire = IntercomWire.Create(o => o.Resilience.MaxRetryAttempts = 0);
        wire.On(HttpMethod.Post, "https://api.intercom.io/conversations/525/reply", HttpStatusCode.TooManyRequests, TooMany,
            [.. Headers(DateTimeOffset.UtcNow.AddSeconds(30)), ("Retry-After", "7")]);

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Reply()));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }
}
