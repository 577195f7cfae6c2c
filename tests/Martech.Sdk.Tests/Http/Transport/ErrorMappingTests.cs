using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.Transport;

public class ErrorMappingTests
{
    private static async Task<MartechRequestException> Fail(HttpStatusCode status, string body, Action<HttpResponseMessage>? headers = null, Action<MartechHttpOptions>? configure = null)
    {
        using var h = new TransportHarness(o => { o.Resilience.MaxRetryAttempts = 0; configure?.Invoke(o); });
        h.Mock.When("https://api.acme.example/v1/contacts/42").Respond(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            headers?.Invoke(response);
            return Task.FromResult(response);
        });
        return await Assert.ThrowsAnyAsync<MartechRequestException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts/42", "contacts.get")));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(MartechNotFoundException))]
    [InlineData(HttpStatusCode.Gone, typeof(MartechNotFoundException))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(MartechAuthenticationException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(MartechAuthenticationException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(MartechRateLimitedException))]
    [InlineData(HttpStatusCode.BadRequest, typeof(MartechRequestException))]
    [InlineData(HttpStatusCode.Conflict, typeof(MartechRequestException))]
    public async Task Status_MapsToExceptionType(HttpStatusCode status, Type expected)
    {
        var ex = await Fail(status, "{\"message\":\"nope\"}");
        Assert.IsType(expected, ex);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("Acme", ex.Provider);
    }

    [Fact]
    public async Task JsonBody_MessageCodeAndRequestIdInException()
    {
        var ex = await Fail(HttpStatusCode.BadRequest, "{\"status\":\"error\",\"message\":\"Property values were not valid\",\"category\":\"VALIDATION_ERROR\"}", r => r.Headers.Add("X-Request-Id", "req-77"));

        Assert.Equal("VALIDATION_ERROR", ex.ErrorCode);
        Assert.Equal("req-77", ex.RequestId);
        Assert.Equal("Acme contacts.get failed: HTTP 400 BadRequest (VALIDATION_ERROR): Property values were not valid [request id req-77]", ex.Message);
    }

    [Fact]
    public async Task ArrayBody_FirstErrorUsed()
    {
        var ex = await Fail(HttpStatusCode.Unauthorized, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        Assert.Equal("INVALID_SESSION_ID", ex.ErrorCode);
        Assert.Contains("Session expired or invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorsArrayBody_FirstMessageUsed()
    {
        var ex = await Fail(HttpStatusCode.TooManyRequests, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(600)));
        var limited = Assert.IsType<MartechRateLimitedException>(ex);
        Assert.Equal(TimeSpan.FromSeconds(600), limited.RetryAfter);
        Assert.Contains("too many requests", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedBody_StillClearException()
    {
        var ex = await Fail(HttpStatusCode.InternalServerError, "{\"message\": \"half a json");
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("half a json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlBody_ExcerptOnOneLine()
    {
        var ex = await Fail(HttpStatusCode.BadGateway, "<html>\r\n<body>Bad gateway</body>\r\n</html>");
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bad gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBody_StatusOnly()
    {
        var ex = await Fail(HttpStatusCode.NotFound, string.Empty);
        Assert.Equal("Acme contacts.get failed: HTTP 404 NotFound", ex.Message);
    }

    [Fact]
    public async Task VendorEchoesTheApiKey_MaskedInMessage()
    {
        var ex = await Fail(HttpStatusCode.Unauthorized, $"{{\"message\":\"Invalid key {TransportHarness.ApiKey} for https://api.acme.example/v1/contacts?api_key={TransportHarness.ApiKey}&limit=5\"}}");
        Assert.DoesNotContain(TransportHarness.ApiKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains("api_key=***", ex.Message, StringComparison.Ordinal);
        Assert.Contains("limit=5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomMapper_IsUsed()
    {
        var ex = await Fail(HttpStatusCode.BadRequest, "{\"success\":false,\"error\":\"Bad field\"}", configure: o => o.ErrorMapper = new FixedMapper());
        Assert.Equal("CUSTOM", ex.ErrorCode);
    }

    [Fact]
    public async Task TruncatedJsonSuccessBody_TransportExceptionSaysBodyUnreadable()
    {
        using var h = new TransportHarness();
        h.Mock.When("https://api.acme.example/v1/contacts/42").Respond("application/json", "{\"id\": \"42\", \"name\":");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => h.Transport.SendAsync(TransportHarness.Get("contacts/42"), TestJsonContext.Default.ContactDto));
        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendJsonAsync_WritesSourceGeneratedJsonAndReadsResponse()
    {
        using var h = new TransportHarness();
        h.Mock.Expect(HttpMethod.Post, "https://api.acme.example/v1/contacts")
            .WithQueryString("api_key", TransportHarness.ApiKey)
            .WithContent("{\"id\":null,\"name\":\"Ada\"}")
            .Respond("application/json", "{\"id\":\"7\",\"name\":\"Ada\"}");

        var created = await h.Transport.SendJsonAsync(HttpMethod.Post, "contacts", new ContactDto(null, "Ada"), TestJsonContext.Default.ContactDto, TestJsonContext.Default.ContactDto, new MartechRequestOptions { Operation = "contacts.create" });

        Assert.Equal(new ContactDto("7", "Ada"), created);
        h.Mock.VerifyNoOutstandingExpectation();
    }

    private sealed class FixedMapper : IMartechErrorMapper
    {
        public ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(MartechErrors.Create(response, context, "custom", "CUSTOM"));
    }
}

public sealed record ContactDto(string? Id, string Name);

[System.Text.Json.Serialization.JsonSerializable(typeof(ContactDto))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class TestJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
