using System.Net;
using Martech.Sdk.Salesforce;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Salesforce.SalesforceWire;

namespace Martech.Sdk.Providers.Tests.Salesforce;

public sealed class SalesforceErrorWireTests
{
    private const string AdaId = "0035E0000000001AAA";

    [Fact]
    public async Task Request_400ErrorArray_CodeAndFieldErrors()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Patch, $"{Data}/sobjects/Contact/{AdaId}").Respond(HttpStatusCode.BadRequest, "application/json", """
            [{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]},
             {"message":"Email: invalid email address: x","errorCode":"INVALID_EMAIL_ADDRESS","fields":["Email"]}]
            """);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Contacts.UpsertAsync(new Contact { Id = AdaId, LastName = string.Empty }));

        Assert.Equal((HttpStatusCode.BadRequest, "REQUIRED_FIELD_MISSING", "Salesforce"), (ex.StatusCode, ex.ErrorCode, ex.Provider));
        Assert.Equal(
            [new MartechFieldError("LastName", "Required fields are missing: [LastName]", "REQUIRED_FIELD_MISSING"), new MartechFieldError("Email", "Email: invalid email address: x", "INVALID_EMAIL_ADDRESS")],
            ex.FieldErrors);
        Assert.Equal(
            "Salesforce contacts.update failed: HTTP 400 BadRequest (REQUIRED_FIELD_MISSING): Required fields are missing: [LastName]; Email: invalid email address: x",
            ex.Message);
    }

    [Fact]
    public async Task Request_401InvalidSession_RenewsOnceThenAuthenticationException()
    {
        await using var wire = Create();
        const string Expired = """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""";
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").WithHeaders("Authorization", "Bearer " + AccessToken).Respond(HttpStatusCode.Unauthorized, "application/json", Expired);
        wire.ExpectToken("00DEMU000000001!AR.second-token");
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").WithHeaders("Authorization", "Bearer 00DEMU000000001!AR.second-token").Respond(HttpStatusCode.Unauthorized, "application/json", Expired);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => wire.Contacts.DeleteAsync(AdaId));

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal((HttpStatusCode.Unauthorized, "INVALID_SESSION_ID"), (ex.StatusCode, ex.ErrorCode));
    }

    [Fact]
    public async Task Request_401ThenFreshToken_Succeeds()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").Respond(HttpStatusCode.Unauthorized, "application/json", """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""");
        wire.ExpectToken("00DEMU000000001!AR.second-token");
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").WithHeaders("Authorization", "Bearer 00DEMU000000001!AR.second-token").Respond(HttpStatusCode.NoContent);

        Assert.True(await wire.Contacts.DeleteAsync(AdaId));
        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Request_403RequestLimitExceeded_RateLimitedException()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").Respond(_ => Json(
            HttpStatusCode.Forbidden,
            """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""",
            ("Sforce-Limit-Info", "api-usage=15001/15000")));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Contacts.DeleteAsync(AdaId));

        Assert.Equal((HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED"), (ex.StatusCode, ex.ErrorCode));
        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public async Task Request_403InsufficientAccess_AuthenticationException()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}")
            .Respond(HttpStatusCode.Forbidden, "application/json", """[{"message":"insufficient access rights on object id","errorCode":"INSUFFICIENT_ACCESS_OR_READONLY","fields":[]}]""");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => wire.Contacts.DeleteAsync(AdaId));

        Assert.Equal("INSUFFICIENT_ACCESS_OR_READONLY", ex.ErrorCode);
    }

    [Fact]
    public async Task Request_HtmlErrorPage_ClearMessageWithExcerpt()
    {
        await using var wire = Create(o => o.Resilience.MaxRetryAttempts = 0);
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").Respond(HttpStatusCode.BadGateway, "text/html", "<html><body>Bad gateway</body></html>");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Contacts.DeleteAsync(AdaId));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains("Bad gateway", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ErrorEchoingTheAccessToken_IsRedacted()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}")
            .Respond(HttpStatusCode.BadRequest, "application/json", $$"""[{"message":"bad session {{AccessToken}}","errorCode":"INVALID_HEADER_TYPE"}]""");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Contacts.DeleteAsync(AdaId));

        Assert.DoesNotContain(AccessToken, ex.Message, StringComparison.Ordinal);
        Assert.Contains("***", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_InvalidClient_ReauthorizationRequired()
    {
        await using var wire = Create(expectToken: false);
        wire.Mock.Expect(HttpMethod.Post, MyDomain + "/services/oauth2/token")
            .Respond(HttpStatusCode.BadRequest, "application/json", """{"error":"invalid_client","error_description":"invalid client credentials"}""");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => wire.Contacts.DeleteAsync(AdaId));

        Assert.True(ex.ReauthorizationRequired);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.DoesNotContain(ClientSecret, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"access_token":"tok-123456789","token_type":"Bearer"}""")]
    [InlineData("""{"access_token":"tok-123456789","instance_url":"http://acme.my.salesforce.com"}""")]
    [InlineData("""{"access_token":"tok-123456789","instance_url":"https://acme.my.salesforce.com/somewhere"}""")]
    public async Task Token_WithoutAUsableInstanceUrl_ClearErrorAndNoApiCall(string token)
    {
        await using var wire = Create(expectToken: false);
        wire.Mock.Expect(HttpMethod.Post, MyDomain + "/services/oauth2/token").Respond("application/json", token);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Contacts.DeleteAsync(AdaId));

        Assert.Contains("no usable instance_url", ex.Message, StringComparison.Ordinal);
        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Token_RefreshTokenGrant_SendsTheRefreshToken()
    {
        await using var wire = Create(
            o =>
            {
                o.GrantType = OAuth2GrantType.RefreshToken;
                o.RefreshToken = "5Aep861-refresh-token";
                o.TokenEndpoint = new Uri("https://login.salesforce.com/services/oauth2/token");
            },
            expectToken: false);
        wire.Mock.Expect(HttpMethod.Post, "https://login.salesforce.com/services/oauth2/token")
            .WithExactFormData([new("grant_type", "refresh_token"), new("refresh_token", "5Aep861-refresh-token"), new("client_id", "consumer-key"), new("client_secret", ClientSecret)])
            .Respond("application/json", $$"""{"access_token":"{{AccessToken}}","instance_url":"{{Instance}}","token_type":"Bearer","issued_at":"1296509381665"}""");
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/sobjects/Contact/{AdaId}").WithHeaders("Authorization", "Bearer " + AccessToken).Respond(HttpStatusCode.NoContent);

        Assert.True(await wire.Contacts.DeleteAsync(AdaId));
        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData("""[{"message":"a","errorCode":"A","fields":["F1","F2"]},{"message":"b","errorCode":"B"}]""", 400, "a; b", "A", 2)]
    [InlineData("""[{"message":"rolled back","statusCode":"ALL_OR_NONE_OPERATION_ROLLED_BACK"}]""", 400, "rolled back", "ALL_OR_NONE_OPERATION_ROLLED_BACK", 0)]
    [InlineData("""["/services/data/v62.0/sobjects/Contact/0035E0000000001AAA"]""", 300, "the external id matches 1 records (0035E0000000001AAA); Salesforce does not choose between them", "MULTIPLE_CHOICES", 0)]
    [InlineData("""{"error":"invalid_grant","error_description":"expired access/refresh token"}""", 400, "expired access/refresh token", "invalid_grant", 0)]
    [InlineData("""[{"message":"trunc""", 500, """[{"message":"trunc""", null, 0)]
    [InlineData("", 300, null, "MULTIPLE_CHOICES", 0)]
    public void ErrorMapperParse_SalesforceBodies(string body, int status, string? message, string? code, int fieldErrors)
    {
        var (parsedMessage, parsedCode, fields) = SalesforceErrorMapper.Parse(body, (HttpStatusCode)status);

        Assert.Equal((message, code, fieldErrors), (parsedMessage, parsedCode, fields.Count));
    }
}
