using System.Net;
using Martech.Sdk.Postmark;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>Postmark's documented error bodies, mapped to the SDK's exceptions.</summary>
public sealed class PostmarkErrorWireTests
{
    private static EmailMessage Message() => new()
    {
        From = EmailAddress.Parse("news@example.com"),
        To = { EmailAddress.Parse("ada@example.com") },
        Subject = "Hi",
        TextBody = "Hello.",
        Purpose = SendPurpose.Transactional,
    };

    private static async Task<TException> SendExpectingAsync<TException>(HttpStatusCode status, string body, Action<PostmarkOptions>? configure = null, params (string, string)[] headers)
        where TException : Exception
    {
        await using var wire = PostmarkWire.Create(configure);
        wire.On(HttpMethod.Post, "email", status, body, headers);
        return await Assert.ThrowsAsync<TException>(() => wire.Sender.SendAsync(Message()));
    }

    [Fact]
    public async Task SendAsync_InactiveRecipient406_SaysSoAndListsTheAddresses()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(
            HttpStatusCode.UnprocessableEntity,
            """{"ErrorCode":406,"Message":"You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ada@example.com, grace@example.com. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression."}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Equal("406", ex.ErrorCode);
        Assert.Equal("Postmark", ex.Provider);
        Assert.Contains("email.send", ex.Message, StringComparison.Ordinal);
        Assert.Contains("inactive recipient", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["ada@example.com is inactive on this message stream.", "grace@example.com is inactive on this message stream."], ex.FieldErrors.Select(f => f.Message));
        Assert.All(ex.FieldErrors, f => Assert.Equal("406", f.Code));
    }

    [Fact]
    public async Task SendAsync_InvalidAddress300_NamesTheField()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.UnprocessableEntity, """{"ErrorCode":300,"Message":"Invalid 'To' address: 'test'."}""");

        Assert.Equal("300", ex.ErrorCode);
        Assert.Equal("To", Assert.Single(ex.FieldErrors).Field);
    }

    [Fact]
    public async Task SendAsync_BadToken401_IsAnAuthenticationErrorWithoutTheToken()
    {
        var ex = await SendExpectingAsync<MartechAuthenticationException>(HttpStatusCode.Unauthorized, """{"ErrorCode":10,"Message":"Request does not contain a valid Server token."}""");

        Assert.Equal("10", ex.ErrorCode);
        Assert.Contains("ServerToken", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostmarkWire.Token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RateLimited429_IsRateLimitedWithRetryAfter()
    {
        var ex = await SendExpectingAsync<MartechRateLimitedException>(
            HttpStatusCode.TooManyRequests,
            """{"ErrorCode":429,"Message":"Rate limit exceeded."}""",
            o => o.Resilience.MaxRetryAttempts = 0,
            ("Retry-After", "30"));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal("429", ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_MalformedErrorBody_StillGivesAClearError()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.InternalServerError, "<html>Bad gateway</html>");

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bad gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerError_IsNotResentBecauseTheSendMayHaveHappened()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email", HttpStatusCode.InternalServerError, """{"ErrorCode":0,"Message":"Internal error"}""");

        await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Message()));

        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_ErrorCodeInA200_IsAFailureWithThatCode()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.OK, """{"ErrorCode":406,"Message":"Found inactive addresses: ada@example.com. Inactive recipients are ones that have generated a hard bounce."}""");

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal("406", ex.ErrorCode);
        Assert.Contains("inactive recipient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnreadableSuccessBody_ReportsThatTheSendMayHaveHappened()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email", HttpStatusCode.OK, "{\"MessageID\":");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Message()));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_CodeOnlyInHeader_UsesTheHeaderCode()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.UnprocessableEntity, "not json", null, ("X-PM-ApiErrorCode", "411"));

        Assert.Equal("411", ex.ErrorCode);
        Assert.Contains("not json", ex.Message, StringComparison.Ordinal);
    }
}
