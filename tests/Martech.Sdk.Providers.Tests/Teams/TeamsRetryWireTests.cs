using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>
/// What the transport sends again for Teams, with retries on as they are by default (3): a post is not idempotent, so
/// only answers that say "not processed" (429) and failures before the request left the machine are retried. A 5xx, a
/// lost connection or a timeout may have posted the message, so it is never sent twice.
/// </summary>
public sealed class TeamsRetryWireTests
{
    private static OutgoingMessage Hello() => new() { Destination = MessageDestination.Channel("sales"), Text = "Hello team" };

    private static TeamsWire Create() => TeamsWire.Create(o => o.Resilience.MaxRetryAttempts = 3);

    private static HttpResponseMessage Throttled(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"error":{"code":"WorkflowRequestsThrottled","message":"Throttled."}}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return response;
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsRetryAfterThenPostsOnce()
    {
        await using var wire = Create();
        int calls = 0;
        wire.Respond = _ => ++calls == 1 ? Throttled(TimeSpan.FromSeconds(7)) : new HttpResponseMessage(HttpStatusCode.Accepted);

        MessageSendResult result = await wire.Sender.SendAsync(Hello());

        Assert.Equal(SendStatus.Accepted, result.Status);
        var requests = wire.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].Request.RequestUri, requests[1].Request.RequestUri);

        // The retry waited exactly the vendor's Retry-After, and only the second attempt was accepted: one post.
        Assert.Contains(TimeSpan.FromSeconds(7), wire.Clock.Requested);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task SendAsync_429EveryTime_ThrowsRateLimitedAfterTheRetriesAndPostsNothing()
    {
        await using var wire = Create();
        wire.Respond = _ => Throttled(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Hello()));

        Assert.Equal(4, wire.Requests.Count); // the first attempt and 3 retries
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal("WorkflowRequestsThrottled", ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterBeyondMaxRetryAfter_ThrowsAtOnce()
    {
        await using var wire = Create();
        wire.Respond = _ => Throttled(TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Hello()));

        Assert.Single(wire.Requests);
        Assert.Equal(TimeSpan.FromMinutes(5), ex.RetryAfter);
    }

    // 5xx answers are covered, with what they surface as, by TeamsBodyReadingWireTests.
    [Fact]
    public async Task SendAsync_RequestTimeout_NotRetried()
    {
        const HttpStatusCode status = HttpStatusCode.RequestTimeout;
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(status) { Content = new StringContent("""{"error":{"code":"InternalServerError","message":"Encountered internal server error."}}""", Encoding.UTF8, "application/json") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Hello()));

        Assert.Equal(status, ex.StatusCode);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_AttemptTimeout_NotRetriedAndMayHaveBeenProcessed()
    {
        await using var wire = TeamsWire.Create(o =>
        {
            o.Resilience.MaxRetryAttempts = 3;
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20); // longer than the clock fires by itself
        });
        wire.RespondAsync = _ =>
        {
            wire.Clock.Fire(TimeSpan.FromSeconds(20)); // the attempt's 20 s pass while the vendor is silent
            return new TaskCompletionSource<HttpResponseMessage>().Task;
        };

        var ex = await Assert.ThrowsAsync<MartechTimeoutException>(() => wire.Sender.SendAsync(Hello()));

        Assert.Single(wire.Requests);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("not sent again", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ConnectionLostAfterSending_NotRetried()
    {
        await using var wire = Create();
        wire.RespondAsync = _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Hello()));

        Assert.Single(wire.Requests);
        Assert.True(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task SendAsync_ConnectionFailedBeforeSending_RetriedAndPostsOnce()
    {
        await using var wire = Create();
        int calls = 0;
        wire.RespondAsync = _ => ++calls == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (prod-42.westus.logic.azure.com:443)")
            : Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted));

        MessageSendResult result = await wire.Sender.SendAsync(Hello());

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task SendAsync_LegacyThrottlingIn200Body_NotRetriedByTheTransport()
    {
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("Microsoft Teams endpoint returned HTTP error 429") };

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Hello()));

        Assert.Single(wire.Requests);
        Assert.Null(ex.RetryAfter);
    }
}
