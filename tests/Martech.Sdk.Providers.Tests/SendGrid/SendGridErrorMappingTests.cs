using System.Net;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>SendGrid's documented error bodies (the mail send spec's examples and its Mail Send Errors page) become the
/// SDK's exceptions with the vendor's message, fields and request id; secrets never leak.</summary>
public sealed class SendGridErrorMappingTests
{
    private static EmailMessage Message() => new()
    {
        From = new Mailbox(EmailAddress.Parse("orders@example.com")),
        To = { new Mailbox(EmailAddress.Parse("ada@example.com")) },
        Subject = "Hi",
        TextBody = "Hi.",
        Purpose = SendPurpose.Transactional,
    };

    private static async Task<T> SendExpectingAsync<T>(HttpStatusCode status, string? body, params (string, string)[] headers)
        where T : Exception
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(HttpMethod.Post, SendGridWire.MailSendUrl, status, body, headers);
        T ex = await Assert.ThrowsAsync<T>(() => wire.Sender.SendAsync(Message()));
        wire.VerifyAll();
        return ex;
    }

    [Fact]
    public async Task SendAsync_400WithFieldAndHelp_MapsFieldErrorsAndMessage()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(
            HttpStatusCode.BadRequest,
            """{"errors":[{"message":"The from email does not contain a valid address.","field":"from.email","help":"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from"},{"message":"The subject is required.","field":"subject","help":null}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("SendGrid", ex.Provider);
        Assert.Equal(
            [new MartechFieldError("from.email", "The from email does not contain a valid address."), new MartechFieldError("subject", "The subject is required.")],
            ex.FieldErrors);
        Assert.Equal("SendGrid mail.send failed: HTTP 400 BadRequest: from.email: The from email does not contain a valid address.; subject: The subject is required.", ex.Message);
    }

    [Fact]
    public async Task SendAsync_SpecExampleWithStringNullField_HasNoField()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.BadRequest, """{"errors":[{"message":"invalid request","field":"null"}]}""");

        Assert.Null(Assert.Single(ex.FieldErrors).Field);
        Assert.EndsWith(": invalid request", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "authorization required")]
    [InlineData(HttpStatusCode.Forbidden, "access forbidden")]
    public async Task SendAsync_401And403_ThrowAuthenticationException(HttpStatusCode status, string message)
    {
        var ex = await SendExpectingAsync<MartechAuthenticationException>(status, $$"""{"errors":[{"message":"{{message}}","field":"null"}]}""");

        Assert.Equal(status, ex.StatusCode);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_413ContentTooLarge_ThrowsRequestException()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.RequestEntityTooLarge, """{"errors":[{"message":"content too large","field":"null"}]}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, ex.StatusCode);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_ThrowsRateLimitedWithTheDelay()
    {
        var ex = await SendExpectingAsync<MartechRateLimitedException>(
            HttpStatusCode.TooManyRequests,
            """{"errors":[{"field":null,"message":"too many requests"}]}""",
            ("Retry-After", "30"),
            ("X-RateLimit-Limit", "600"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1772366400"));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Contains("too many requests", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_500_ThrowsRequestExceptionWithStatus()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.InternalServerError, """{"errors":[{"message":"internal server error"}]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
    }

    [Fact]
    public async Task SendAsync_BodyWithIdAndErrorId_SetsRequestIdAndCode()
    {
        var ex = await SendExpectingAsync<MartechRequestException>(
            HttpStatusCode.BadRequest,
            """{"errors":[{"message":"Invalid type. Expected: object, given: string.","field":"personalizations.0.custom_args","error_id":"invalid_type"}],"id":"e6e4d5c1a2"}""");

        Assert.Equal("e6e4d5c1a2", ex.RequestId);
        Assert.Equal("invalid_type", ex.ErrorCode);
        Assert.Equal("invalid_type", ex.FieldErrors[0].Code);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "unexpected error body")]
    [InlineData("{\"errors\":[]}", "no errors listed")]
    [InlineData("{\"errors\":[{\"message\":", "unexpected error body")]
    [InlineData("", "no error body")]
    public async Task SendAsync_MalformedErrorBody_StillGivesAClearMessage(string body, string expected)
    {
        var ex = await SendExpectingAsync<MartechRequestException>(HttpStatusCode.BadGateway, body);

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ErrorEchoingTheApiKey_IsRedacted()
    {
        var ex = await SendExpectingAsync<MartechAuthenticationException>(
            HttpStatusCode.Unauthorized,
            $$"""{"errors":[{"message":"The key {{SendGridWire.ApiKey}} is revoked","field":null}]}""");

        Assert.DoesNotContain(SendGridWire.ApiKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SendGridWire.ApiKey, ex.FieldErrors[0].Message, StringComparison.Ordinal);
        Assert.Contains("***", ex.Message, StringComparison.Ordinal);
    }
}
