using System.Net;
using System.Net.Http.Headers;

namespace Martech.Sdk.Tests.Http.Transport;

/// <summary>What vendor error mappers get from the core's <see cref="MartechErrors.Create"/>: the right exception for
/// the status or the vendor's own "too many requests" code, the wait however the vendor says it, and a help link.</summary>
public class MartechErrorsCreateTests
{
    private static readonly MartechErrorContext Context = new("Vendor", "messages.send", MartechRedactor.Default);

    private static HttpResponseMessage Response(HttpStatusCode status, RetryConditionHeaderValue? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    [Fact]
    public void Create_429WithRetryAfterSeconds_RateLimitedWithThatWait()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));

        var ex = Assert.IsType<MartechRateLimitedException>(MartechErrors.Create(response, Context, "slow down"));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public void Create_RateLimitedCodeUnder503_WithHttpDateRetryAfter_WaitsUntilThatDate()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(2)));

        var ex = Assert.IsType<MartechRateLimitedException>(MartechErrors.Create(response, Context, "busy", "20429", rateLimited: true));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("20429", ex.ErrorCode);
        Assert.InRange(ex.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
    }

    [Fact]
    public void Create_RateLimitedWithoutRetryAfter_UsesTheVendorsResetWait()
    {
        using var response = Response(HttpStatusCode.TooManyRequests);

        var ex = Assert.IsType<MartechRateLimitedException>(MartechErrors.Create(response, Context, null, retryAfter: TimeSpan.FromSeconds(4)));

        Assert.Equal(TimeSpan.FromSeconds(4), ex.RetryAfter);
    }

    [Fact]
    public void Create_RetryAfterHeaderWinsOverTheVendorsResetWait()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)));

        var ex = Assert.IsType<MartechRateLimitedException>(MartechErrors.Create(response, Context, null, retryAfter: TimeSpan.FromSeconds(9)));

        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
    }

    [Fact]
    public void Create_NotRateLimited_IgnoresAWait()
    {
        using var response = Response(HttpStatusCode.BadRequest, new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)));

        MartechRequestException ex = MartechErrors.Create(response, Context, "bad", retryAfter: TimeSpan.FromSeconds(9));

        Assert.IsNotType<MartechRateLimitedException>(ex);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public void Create_HelpLink_KeptOnEveryKind(HttpStatusCode status)
    {
        using var response = Response(status);

        MartechRequestException ex = MartechErrors.Create(response, Context, "x", helpLink: "https://www.twilio.com/docs/errors/21211");

        Assert.Equal("https://www.twilio.com/docs/errors/21211", ex.HelpLink);
    }

    [Fact]
    public void RetryAfterOf_DateInThePast_IsNoWait()
    {
        using var response = Response(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-1)));

        Assert.Equal(TimeSpan.Zero, MartechErrors.RetryAfterOf(response));
        using var none = Response(HttpStatusCode.TooManyRequests);
        Assert.Null(MartechErrors.RetryAfterOf(none));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, false, null, true)]
    [InlineData(HttpStatusCode.BadGateway, true, null, false)]
    [InlineData(HttpStatusCode.BadRequest, false, null, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false, false, false)]
    [InlineData(HttpStatusCode.BadRequest, true, true, true)]
    public void Create_MayHaveBeenProcessed_FollowsTheRuleUnlessTheMapperKnowsBetter(HttpStatusCode status, bool idempotent, bool? vendorSays, bool expected)
    {
        using var response = Response(status);

        var ex = MartechErrors.Create(response, Context with { Idempotent = idempotent }, "failed", mayHaveBeenProcessed: vendorSays);

        Assert.Equal(expected, ex.MayHaveBeenProcessed);
        Assert.Equal(expected, ex.Message.Contains("may have been processed; it was not sent again", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_ServerErrorTheInstanceDocumentsAsNotProcessed_NotLeftOpen()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable);

        var ex = MartechErrors.Create(response, Context with { NotProcessed = true }, "maintenance");

        Assert.False(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public void Create_RateLimitedServerError_NotLeftOpen()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable);

        var ex = Assert.IsType<MartechRateLimitedException>(MartechErrors.Create(response, Context, "busy", "20429", rateLimited: true));

        Assert.False(ex.MayHaveBeenProcessed);
    }
}
