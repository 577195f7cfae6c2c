using System.Net;

namespace Martech.Sdk.Providers.Tests.Twilio;

/// <summary>Twilio's documented error bodies, mapped to the SDK's exceptions, and which failures are retried.</summary>
public sealed class TwilioErrorWireTests
{
    private static OutgoingMessage Message() => new() { Destination = TwilioMessageSenderWireTests.Phone(), Text = "Hi" };

    private static async Task<TException> SendExpectingAsync<TException>(HttpStatusCode status, string body, params (string, string)[] headers)
        where TException : Exception
    {
        await using var wire = TwilioWire.Create(o => o.Resilience.MaxRetryAttempts = 0);
        wire.OnSend(status, body, headers);
        return await Assert.ThrowsAsync<TException>(() => wire.Sender.SendAsync(Message()));
    }

    [Fact]
    public async Task SendAsync_InvalidTo21211_CodeMessageLinkAndField()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(
            HttpStatusCode.BadRequest,
            """{"code":21211,"message":"The 'To' number 5551234567 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}""",
            ("Twilio-Request-Id", "RQ123"));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("21211", ex.ErrorCode);
        Assert.Equal("Twilio", ex.Provider);
        Assert.Equal("RQ123", ex.RequestId);
        Assert.Contains("messages.send", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not a valid phone number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https://www.twilio.com/docs/errors/21211", ex.Message, StringComparison.Ordinal);
        Assert.Equal("https://www.twilio.com/docs/errors/21211", ex.HelpLink);
        MartechFieldError field = Assert.Single(ex.FieldErrors);
        Assert.Equal("To", field.Field);
        Assert.Equal("21211", field.Code);
    }

    [Fact]
    public async Task SendAsync_BadCredentials20003_IsAnAuthenticationErrorWithoutTheToken()
    {
        var ex = await SendExpectingAsync<MartechAuthenticationException>(
            HttpStatusCode.Unauthorized,
            """{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");

        Assert.Equal("20003", ex.ErrorCode);
        Assert.DoesNotContain(TwilioWire.AuthToken, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests20429_IsRateLimitedWithRetryAfter()
    {
        var ex = await SendExpectingAsync<MartechRateLimitedException>(
            HttpStatusCode.TooManyRequests,
            """{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}""",
            ("Retry-After", "7"));

        Assert.Equal("20429", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_Code20429UnderAnotherStatus_IsStillRateLimited()
    {
        var ex = await SendExpectingAsync<MartechRateLimitedException>(
            HttpStatusCode.ServiceUnavailable,
            """{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":503}""");

        Assert.Equal("20429", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
    }

    [Fact]
    public async Task SendAsync_MalformedBody_StillGivesAClearError()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains("bad gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_429ThenCreated_IsRetriedAndSucceeds()
    {
        await using var wire = TwilioWire.Create();
        wire.OnSend(
            () => TwilioWire.Json(HttpStatusCode.TooManyRequests, """{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}""", ("Retry-After", "0")),
            () => TwilioWire.Json(HttpStatusCode.Created, TwilioMessageSenderWireTests.Created));

        MessageSendResult result = await wire.Sender.SendAsync(Message());

        Assert.Equal("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", result.MessageId);
        Assert.Equal(2, wire.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ServerError_IsNotResentBecauseTheSendMayHaveHappened()
    {
        await using var wire = TwilioWire.Create();
        wire.OnSend(HttpStatusCode.InternalServerError, """{"code":20500,"message":"An internal server error has occurred","more_info":"https://www.twilio.com/docs/errors/20500","status":500}""");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Message()));

        Assert.Equal("20500", ex.ErrorCode);
        Assert.Single(wire.Requests);
    }
}
