using System.Net;
using System.Text;
using Martech.Sdk.HubSpot;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>HubSpot error bodies mapped to the SDK's exceptions.</summary>
public sealed class HubSpotErrorMapperTests
{
    private const string Token = "pat-na1-secret-token-0000";

    private static readonly MartechErrorContext Context = new("HubSpot", "contacts.create", new MartechRedactor(authentication: MartechAuthentications.Bearer(Token)));

    private static Task<MartechRequestException> MapAsync(HttpStatusCode status, string? body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body ?? string.Empty, Encoding.UTF8, contentType) };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return HubSpotErrorMapper.Instance.MapAsync(response, Context).AsTask();
    }

    [Fact]
    public async Task MapAsync_ConflictBody_ReadsCategoryCorrelationIdAndMessage()
    {
        var ex = await MapAsync(HttpStatusCode.Conflict,
            """{"status":"error","message":"Contact already exists. Existing ID: 5301","correlationId":"b9c6b3a1-34f0-4f5b-9d59-6a1d4b1e2f3a","category":"CONFLICT"}""");

        Assert.IsType<MartechRequestException>(ex);
        Assert.Equal((HttpStatusCode.Conflict, "CONFLICT", "b9c6b3a1-34f0-4f5b-9d59-6a1d4b1e2f3a"), (ex.StatusCode, ex.ErrorCode, ex.RequestId));
        Assert.Equal("HubSpot contacts.create failed: HTTP 409 Conflict (CONFLICT): Contact already exists. Existing ID: 5301 [request id b9c6b3a1-34f0-4f5b-9d59-6a1d4b1e2f3a]", ex.Message);
    }

    [Fact]
    public async Task MapAsync_ValidationErrorWithEmbeddedList_GivesOneFieldErrorPerProperty()
    {
        var ex = await MapAsync(HttpStatusCode.BadRequest, """
            {"status":"error","message":"Property values were not valid: [{\"isValid\":false,\"message\":\"Email address ada@@example is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"},{\"isValid\":false,\"message\":\"Property \\\"favorite\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"favorite\"}]",
             "correlationId":"0f1e2d3c-0000-0000-0000-000000000000","category":"VALIDATION_ERROR"}
            """);

        Assert.Equal("VALIDATION_ERROR", ex.ErrorCode);
        Assert.Equal(
            [new MartechFieldError("email", "Email address ada@@example is invalid", "INVALID_EMAIL"), new MartechFieldError("favorite", "Property \"favorite\" does not exist", "PROPERTY_DOESNT_EXIST")],
            ex.FieldErrors);
    }

    [Fact]
    public async Task MapAsync_ErrorDetails_UsePropertyNameContextOrIn()
    {
        var ex = await MapAsync(HttpStatusCode.BadRequest, """
            {"category":"VALIDATION_ERROR","correlationId":"x","message":"Invalid input",
             "errors":[{"message":"must be a number","code":"INVALID_INTEGER","context":{"propertyName":["employees"]}},{"message":"unexpected","in":"limit"}]}
            """);

        Assert.Equal([new MartechFieldError("employees", "must be a number", "INVALID_INTEGER"), new MartechFieldError("limit", "unexpected")], ex.FieldErrors);
    }

    [Theory]
    [InlineData("TEN_SECONDLY_ROLLING")]
    [InlineData("DAILY")]
    public async Task MapAsync_RateLimitBody_UsesPolicyNameAndRetryAfter(string policy)
    {
        var ex = await MapAsync(HttpStatusCode.TooManyRequests,
            $$"""{"status":"error","message":"You have reached your {{policy.ToLowerInvariant()}} limit.","errorType":"RATE_LIMIT","correlationId":"c0ffee00-0000-0000-0000-000000000000","policyName":"{{policy}}","requestId":"r-1"}""",
            headers: ("Retry-After", "7"));

        var limited = Assert.IsType<MartechRateLimitedException>(ex);
        Assert.Equal((policy, "c0ffee00-0000-0000-0000-000000000000"), (limited.ErrorCode, limited.RequestId));
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
    }

    [Fact]
    public async Task MapAsync_AuthenticationError_IsAuthenticationException()
    {
        var ex = await MapAsync(HttpStatusCode.Unauthorized,
            """{"status":"error","message":"Authentication credentials not found.","correlationId":"a","category":"INVALID_AUTHENTICATION"}""");

        Assert.Equal("INVALID_AUTHENTICATION", Assert.IsType<MartechAuthenticationException>(ex).ErrorCode);
    }

    [Fact]
    public async Task MapAsync_EmptyNotFound_IsNotFoundWithStatusMessage()
    {
        var ex = await MapAsync(HttpStatusCode.NotFound, null);

        Assert.IsType<MartechNotFoundException>(ex);
        Assert.Equal("HubSpot contacts.create failed: HTTP 404 NotFound", ex.Message);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData("{\"category\":\"VALIDATION_ERR", "application/json")]
    public async Task MapAsync_MalformedBody_StillClearWithExcerpt(string body, string contentType)
    {
        var ex = await MapAsync(HttpStatusCode.BadGateway, body, contentType);

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains(body, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapAsync_TokenEchoedInMessage_IsRedacted()
    {
        var ex = await MapAsync(HttpStatusCode.Unauthorized, $$"""{"category":"INVALID_AUTHENTICATION","message":"The token {{Token}} is expired","correlationId":"z"}""");

        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.Contains("***", ex.Message, StringComparison.Ordinal);
    }
}
