using System.Net;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.Transport;

public class ResilienceTests
{
    private static HttpResponseMessage Status(HttpStatusCode code, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(code) { Content = new StringContent("{\"message\":\"busy\"}") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }

        return response;
    }

    private static MockedRequest Sequence(MockHttpMessageHandler mock, HttpMethod method, params Func<HttpResponseMessage>[] responses)
    {
        int call = 0;
        MockedRequest route = mock.When(method, "https://api.acme.example/v1/contacts*");
        route.Respond(() => Task.FromResult(responses[Math.Min(call++, responses.Length - 1)]()));
        return route;
    }

    [Fact]
    public async Task Get_TransientFailures_RetriedUntilSuccess()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Get, () => Status(HttpStatusCode.ServiceUnavailable), () => Status(HttpStatusCode.BadGateway), () => new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await h.Transport.SendAsync(TransportHarness.Get("contacts"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task Post_ServerError_NotRetriedBecauseItMayHaveBeenProcessed()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.ServiceUnavailable), () => new HttpResponseMessage(HttpStatusCode.OK));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts", "contacts.create")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(1, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task Post_ServerError_SaysItMayHaveBeenProcessed()
    {
        using var h = new TransportHarness();
        Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.InternalServerError));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts", "contacts.create")));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("contacts.create failed: HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("may have been processed; it was not sent again", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Post_ClientErrorOrRateLimit_NotLeftOpen(HttpStatusCode status)
    {
        using var h = new TransportHarness(o => o.Resilience.MaxRetryAttempts = 0);
        Sequence(h.Mock, HttpMethod.Post, () => Status(status));

        var ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts", "contacts.create")));

        Assert.Equal(status, ex.StatusCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.DoesNotContain("may have been processed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ServerErrorAfterRetries_NotLeftOpen()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Get, () => Status(HttpStatusCode.BadGateway));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts", "contacts.get")));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.DoesNotContain("may have been processed", ex.Message, StringComparison.Ordinal);
        Assert.True(h.Mock.GetMatchCount(route) > 1);
    }

    [Fact]
    public async Task Post_VendorDocumentedNotProcessed_AfterRetries_NotLeftOpen()
    {
        using var h = new TransportHarness(o => o.IsNotProcessed = r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var route = Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.ServiceUnavailable));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts", "contacts.create")));

        Assert.False(ex.MayHaveBeenProcessed);
        Assert.DoesNotContain("may have been processed", ex.Message, StringComparison.Ordinal);
        Assert.True(h.Mock.GetMatchCount(route) > 1);
    }

    [Fact]
    public async Task Post_VendorDocumentedNotProcessed_Retried()
    {
        using var h = new TransportHarness(o => o.IsNotProcessed = r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Headers.Contains("X-Not-Processed"));
        var route = Sequence(h.Mock, HttpMethod.Post,
            () => { var r = Status(HttpStatusCode.ServiceUnavailable); r.Headers.Add("X-Not-Processed", "1"); return r; },
            () => new HttpResponseMessage(HttpStatusCode.Created));

        using var response = await h.Transport.SendAsync(TransportHarness.Post("contacts"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task Post_WithHonouredIdempotencyKey_Retried()
    {
        using var h = new TransportHarness(o => o.IdempotencyKeyHeaders.Add("Idempotency-Key"));
        var route = Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.InternalServerError), () => new HttpResponseMessage(HttpStatusCode.OK));
        var request = TransportHarness.Post("contacts");
        request.Headers.Add("Idempotency-Key", "k-1");

        using var response = await h.Transport.SendAsync(request);

        Assert.Equal(2, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task Post_DeclaredIdempotent_Retried()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.GatewayTimeout), () => new HttpResponseMessage(HttpStatusCode.OK));
        var request = TransportHarness.Post("contacts/search");
        new MartechRequestOptions { Operation = "contacts.search", Idempotent = true }.ApplyTo(request);

        using var response = await h.Transport.SendAsync(request);

        Assert.Equal(2, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task Post_429WithRetryAfter_WaitsExactlyThatLongThenRetries()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7)), () => new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await h.Transport.SendAsync(TransportHarness.Post("contacts"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, h.Mock.GetMatchCount(route));
        Assert.Contains(TimeSpan.FromSeconds(7), h.Time.Requested);
    }

    [Fact]
    public async Task Get_RetryAfterAsHttpDate_Honoured()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Get,
            () =>
            {
                var r = Status(HttpStatusCode.TooManyRequests);
                r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(h.Time.GetUtcNow().AddSeconds(4));
                return r;
            },
            () => new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await h.Transport.SendAsync(TransportHarness.Get("contacts"));

        Assert.Equal(2, h.Mock.GetMatchCount(route));
        Assert.Contains(h.Time.Requested, d => d > TimeSpan.FromSeconds(3) && d <= TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Post_RetryAfterBeyondCap_FailsAtOnceWithRetryAfter()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(600)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts", "contacts.create")));

        Assert.Equal(TimeSpan.FromSeconds(600), ex.RetryAfter);
        Assert.Equal(1, h.Mock.GetMatchCount(route));
        Assert.Equal("Acme", ex.Provider);
    }

    [Fact]
    public async Task Get_PersistentFailure_StopsAfterMaxRetriesWithJitteredBackoff()
    {
        using var h = new TransportHarness(o => o.Resilience.MaxRetryAttempts = 2);
        var route = Sequence(h.Mock, HttpMethod.Get, () => Status(HttpStatusCode.ServiceUnavailable));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, h.Mock.GetMatchCount(route));

        // Two backoff delays, each within the configured bounds (jitter makes them differ from exact powers of two).
        var delays = h.Time.Requested.Where(d => d < TimeSpan.FromSeconds(5)).ToList();
        Assert.Equal(2, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ClientError_NeverRetried()
    {
        using var h = new TransportHarness();
        var route = Sequence(h.Mock, HttpMethod.Get, () => Status(HttpStatusCode.BadRequest));

        await Assert.ThrowsAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts")));

        Assert.Equal(1, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task Post_ConnectionRefusedBeforeSending_Retried()
    {
        using var h = new TransportHarness();
        int calls = 0;
        h.Mock.When(HttpMethod.Post, "https://api.acme.example/v1/contacts").Respond(_ =>
            ++calls == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created)));

        using var response = await h.Transport.SendAsync(TransportHarness.Post("contacts"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Post_ConnectionLostAfterSending_NotResentAndMayHaveBeenProcessed()
    {
        using var h = new TransportHarness();
        int calls = 0;
        h.Mock.When(HttpMethod.Post, "https://api.acme.example/v1/contacts").Respond(_ =>
        {
            calls++;
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        });

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts", "contacts.create")));

        Assert.Equal(1, calls);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("contacts.create", ex.Operation);
        Assert.Contains("not sent again", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ConnectionLostAfterSending_Retried()
    {
        using var h = new TransportHarness();
        int calls = 0;
        h.Mock.When(HttpMethod.Get, "https://api.acme.example/v1/contacts").Respond(_ =>
            ++calls == 1
                ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));

        using var response = await h.Transport.SendAsync(TransportHarness.Get("contacts"));

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Post_AttemptTimeout_NotResentAndSurfacesAsTimeout()
    {
        using var h = new TransportHarness(o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2), fireTimersWithin: TimeSpan.FromSeconds(1.5));
        var hanging = new HangingHandler(() => h.Time.Fire(TimeSpan.FromSeconds(2)));
        h.Mock.When(HttpMethod.Post, "https://api.acme.example/v1/contacts").Respond(hanging);

        var ex = await Assert.ThrowsAsync<MartechTimeoutException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts")));

        Assert.Equal(1, hanging.Calls);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.Timeout);
    }

    [Fact]
    public async Task Get_AttemptTimeout_RetriedThenTimesOut()
    {
        using var h = new TransportHarness(o => { o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2); o.Resilience.MaxRetryAttempts = 2; }, fireTimersWithin: TimeSpan.FromSeconds(1.5));
        var hanging = new HangingHandler(() => h.Time.Fire(TimeSpan.FromSeconds(2)));
        h.Mock.When(HttpMethod.Get, "https://api.acme.example/v1/contacts").Respond(hanging);

        await Assert.ThrowsAsync<MartechTimeoutException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts")));

        Assert.Equal(3, hanging.Calls);
    }

    [Fact]
    public async Task Get_TotalTimeout_CutsTheLastAttemptAndStopsRetrying()
    {
        using var h = new TransportHarness(
            o =>
            {
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
                o.Resilience.TotalTimeout = TimeSpan.FromSeconds(3);
                o.Resilience.MaxRetryAttempts = 5;
            },
            fireTimersWithin: TimeSpan.FromSeconds(0.5));
        var hanging = new HangingHandler(() => h.Time.Fire(TimeSpan.FromSeconds(2)));
        h.Mock.When(HttpMethod.Get, "https://api.acme.example/v1/contacts").Respond(hanging);

        var ex = await Assert.ThrowsAsync<MartechTimeoutException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts")));

        // 2 s, a short backoff, then only what was left of the 3 s: two attempts where five retries were allowed.
        Assert.Equal(2, hanging.Calls);
        Assert.True(ex.Timeout < TimeSpan.FromSeconds(1), $"the last attempt's timeout was cut to the remaining time, was {ex.Timeout}");
    }

    [Fact]
    public async Task Post_RetryAfterBeyondTotalTimeout_FailsAtOnce()
    {
        using var h = new TransportHarness(o => o.Resilience.TotalTimeout = TimeSpan.FromSeconds(40));
        var route = Sequence(h.Mock, HttpMethod.Post, () => Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(45)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts")));

        Assert.Equal(TimeSpan.FromSeconds(45), ex.RetryAfter);
        Assert.Equal(1, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task CallerCancellation_SurfacesAsOperationCanceledNotTimeout()
    {
        using var h = new TransportHarness();
        using var cts = new CancellationTokenSource();
        h.Mock.When(HttpMethod.Get, "https://api.acme.example/v1/contacts").Respond(new HangingHandler(cts.Cancel));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts"), cts.Token));
        Assert.IsNotAssignableFrom<MartechException>(ex);
    }

    [Fact]
    public async Task CircuitBreaker_OpensAfterFailures_AndStopsSending()
    {
        using var h = new TransportHarness(o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerMinimumThroughput = 4;
            o.Resilience.CircuitBreakerFailureRatio = 0.5;
        });
        var route = Sequence(h.Mock, HttpMethod.Get, () => Status(HttpStatusCode.InternalServerError));

        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts")));
        }

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts")));
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Contains("circuit breaker", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, h.Mock.GetMatchCount(route));
    }

    [Fact]
    public async Task RateLimitResponses_DoNotOpenTheCircuit()
    {
        using var h = new TransportHarness(o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerMinimumThroughput = 2;
        });
        var route = Sequence(h.Mock, HttpMethod.Get, () => Status(HttpStatusCode.TooManyRequests));

        for (int i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<MartechRateLimitedException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts")));
        }

        Assert.Equal(5, h.Mock.GetMatchCount(route));
    }

    /// <summary>Never answers: waits until the request is cancelled (by a timeout or the caller).</summary>
    private sealed class HangingHandler(Action? onCall = null) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            onCall?.Invoke();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
