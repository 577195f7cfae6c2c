using System.Net;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>Mailgun's error bodies, documented and malformed, become clear exceptions.</summary>
public sealed class MailgunErrorMapperTests
{
    private static readonly MartechErrorContext Context = new("Mailgun", "email.send", MartechRedactor.Default);

    [Theory]
    [InlineData("""{"message":"'from' parameter is missing"}""", "'from' parameter is missing", "from")]
    [InlineData("""{"message": "Domain not found: mg.example.com"}""", "Domain not found: mg.example.com", null)]
    [InlineData("Forbidden", "Forbidden", null)]
    [InlineData("""{"message":""}""", """{"message":""}""", null)]
    [InlineData("""{"message":"trunc""", """{"message":"trunc""", null)]
    [InlineData("[1,2]", "[1,2]", null)]
    public async Task MapAsync_Body_GivesTheMessageAndAnyField(string body, string expectedMessage, string? expectedField)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body) };

        MartechRequestException ex = await MailgunErrorMapper.Instance.MapAsync(response, Context);

        Assert.Equal($"Mailgun email.send failed: HTTP 400 BadRequest: {expectedMessage}", ex.Message);
        Assert.Equal(expectedField, ex.FieldErrors.SingleOrDefault()?.Field);
        Assert.Null(ex.ErrorCode);
    }

    [Fact]
    public async Task MapAsync_EmptyBody_StillNamesTheStatus()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(string.Empty) };

        MartechRequestException ex = await MailgunErrorMapper.Instance.MapAsync(response, Context);

        Assert.Equal("Mailgun email.send failed: HTTP 502 BadGateway The request may have been processed; it was not sent again, so check the vendor before retrying.", ex.Message);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
    }

    [Fact]
    public async Task MapAsync_RequestIdHeader_IsKept()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("""{"message":"Internal Server Error"}""") };
        response.Headers.Add("X-Request-Id", "req-123");

        MartechRequestException ex = await MailgunErrorMapper.Instance.MapAsync(response, Context);

        Assert.Equal("req-123", ex.RequestId);
        Assert.Contains("[request id req-123]", ex.Message, StringComparison.Ordinal);
    }
}
