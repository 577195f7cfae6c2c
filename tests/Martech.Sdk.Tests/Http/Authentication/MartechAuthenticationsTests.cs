using System.Text;

namespace Martech.Sdk.Tests.Http;

public class MartechAuthenticationsTests
{
    private const string Secret = "sk-live-9f8e7d6c5b4a";

    public static TheoryData<string, Func<string, MartechAuthentication>> Schemes => new()
    {
        { "header", s => MartechAuthentications.ApiKeyHeader("x-api-token", s) },
        { "query", s => MartechAuthentications.ApiKeyQuery("api_token", s) },
        { "bearer", s => MartechAuthentications.Bearer(s) },
        { "basic", s => MartechAuthentications.Basic("api", s) },
    };

    public static TheoryData<string?> BadValues => new() { null, "", "   ", "key\r\nX-Injected: 1", "key\nmore", "key\rmore" };

    [Fact]
    public async Task ApiKeyHeader_Apply_SetsExactHeaderOnce()
    {
        var scheme = MartechAuthentications.ApiKeyHeader("x-api-token", Secret);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.pipedrive.com/v1/persons");

        await scheme.ApplyAsync(request);
        await scheme.ApplyAsync(request);

        Assert.Equal([Secret], request.Headers.GetValues("x-api-token"));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal("https://api.pipedrive.com/v1/persons", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task ApiKeyHeader_Postmark_SetsServerTokenHeader()
    {
        var scheme = MartechAuthentications.ApiKeyHeader("X-Postmark-Server-Token", "00000000-1111-2222-3333-444444444444");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.postmarkapp.com/email");

        await scheme.ApplyAsync(request);

        Assert.Equal(["00000000-1111-2222-3333-444444444444"], request.Headers.GetValues("X-Postmark-Server-Token"));
        Assert.Equal(["X-Postmark-Server-Token"], scheme.SecretHeaders);
        Assert.Empty(scheme.SecretQueryParameters);
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("x api token")]
    [InlineData("x:token")]
    public void ApiKeyHeader_NotARequestHeaderName_ThrowsNamingHeaderName(string headerName)
    {
        var ex = Assert.Throws<ArgumentException>(() => MartechAuthentications.ApiKeyHeader(headerName, Secret));
        Assert.Equal("headerName", ex.ParamName);
    }

    [Theory]
    [InlineData("https://api.hubapi.com/crm/v3/objects/contacts?limit=10&after=abc", "https://api.hubapi.com/crm/v3/objects/contacts?limit=10&after=abc&hapikey=" + Secret)]
    [InlineData("https://api.hubapi.com/crm/v3/objects/contacts", "https://api.hubapi.com/crm/v3/objects/contacts?hapikey=" + Secret)]
    [InlineData("https://api.hubapi.com/crm/v3/objects/contacts?", "https://api.hubapi.com/crm/v3/objects/contacts?hapikey=" + Secret)]
    [InlineData("https://api.hubapi.com/a?hapikey=old&limit=5&hapikey=older", "https://api.hubapi.com/a?limit=5&hapikey=" + Secret)]
    [InlineData("https://api.hubapi.com/a?x=1#frag", "https://api.hubapi.com/a?x=1&hapikey=" + Secret + "#frag")]
    [InlineData("https://api.hubapi.com/a?hapikeyx=1&xhapikey=2", "https://api.hubapi.com/a?hapikeyx=1&xhapikey=2&hapikey=" + Secret)]
    public async Task ApiKeyQuery_Apply_AddsParameterPreservingQuery(string before, string after)
    {
        var scheme = MartechAuthentications.ApiKeyQuery("hapikey", Secret);
        using var request = new HttpRequestMessage(HttpMethod.Get, before);

        await scheme.ApplyAsync(request);

        Assert.Equal(after, request.RequestUri!.AbsoluteUri);
        Assert.Empty(request.Headers);
    }

    [Fact]
    public async Task ApiKeyQuery_AppliedTwice_CarriesParameterOnce()
    {
        var scheme = MartechAuthentications.ApiKeyQuery("api_token", Secret);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.pipedrive.com/v1/deals?start=0&limit=100");

        await scheme.ApplyAsync(request);
        await scheme.ApplyAsync(request);

        Assert.Equal("https://api.pipedrive.com/v1/deals?start=0&limit=100&api_token=" + Secret, request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task ApiKeyQuery_KeyWithReservedCharacters_IsEscaped()
    {
        var scheme = MartechAuthentications.ApiKeyQuery("key", "a+b/c=d&e f");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/v1/x?y=1");

        await scheme.ApplyAsync(request);
        await scheme.ApplyAsync(request);

        Assert.Equal("https://api.example.com/v1/x?y=1&key=a%2Bb%2Fc%3Dd%26e%20f", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task ApiKeyQuery_RelativeUri_AddsParameter()
    {
        var scheme = MartechAuthentications.ApiKeyQuery("api_token", Secret);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/persons?limit=5", UriKind.Relative));

        await scheme.ApplyAsync(request);

        Assert.Equal("v1/persons?limit=5&api_token=" + Secret, request.RequestUri!.OriginalString);
        Assert.Equal(["api_token"], scheme.SecretQueryParameters);
        Assert.Empty(scheme.SecretHeaders);
    }

    [Fact]
    public async Task ApiKeyQuery_NoRequestUri_ThrowsInvalidOperation()
    {
        var scheme = MartechAuthentications.ApiKeyQuery("api_token", Secret);
        using var request = new HttpRequestMessage();

        await Assert.ThrowsAsync<InvalidOperationException>(() => scheme.ApplyAsync(request).AsTask());
    }

    [Fact]
    public async Task Bearer_Apply_SetsAuthorizationFromOneCachedValue()
    {
        var scheme = MartechAuthentications.Bearer("pat-na1-11111111-2222");
        using var first = new HttpRequestMessage(HttpMethod.Get, "https://api.hubapi.com/a");
        using var second = new HttpRequestMessage(HttpMethod.Get, "https://api.hubapi.com/b");

        await scheme.ApplyAsync(first);
        await scheme.ApplyAsync(second);

        Assert.Equal("Bearer pat-na1-11111111-2222", first.Headers.Authorization!.ToString());
        Assert.Same(first.Headers.Authorization, second.Headers.Authorization);
        Assert.Equal(["Authorization"], scheme.SecretHeaders);
    }

    [Theory]
    [InlineData("api", "key-3ax6xnjp29jd6fds4gc373sgvjxteol0", "YXBpOmtleS0zYXg2eG5qcDI5amQ2ZmRzNGdjMzczc2d2anh0ZW9sMA==")]
    [InlineData("ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "your_auth_token", "QUNYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWDp5b3VyX2F1dGhfdG9rZW4=")]
    public async Task Basic_Apply_SetsBase64UserColonPassword(string user, string password, string expected)
    {
        var scheme = MartechAuthentications.Basic(user, password);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.mailgun.net/v3/example.com/messages");

        await scheme.ApplyAsync(request);

        Assert.Equal("Basic " + expected, request.Headers.Authorization!.ToString());
        Assert.Equal(expected, Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        Assert.Contains(password, scheme.SecretValues);
        Assert.Contains(expected, scheme.SecretValues);
    }

    [Fact]
    public void Basic_UserNameWithColon_ThrowsNamingUserName()
    {
        var ex = Assert.Throws<ArgumentException>(() => MartechAuthentications.Basic("user:name", Secret));
        Assert.Equal("userName", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Factories_InvalidSecret_ThrowNamingTheParameter(string? value)
    {
        Assert.Equal("apiKey", Assert.ThrowsAny<ArgumentException>(() => MartechAuthentications.ApiKeyHeader("x-api-token", value!)).ParamName);
        Assert.Equal("apiKey", Assert.ThrowsAny<ArgumentException>(() => MartechAuthentications.ApiKeyQuery("api_token", value!)).ParamName);
        Assert.Equal("token", Assert.ThrowsAny<ArgumentException>(() => MartechAuthentications.Bearer(value!)).ParamName);
        Assert.Equal("password", Assert.ThrowsAny<ArgumentException>(() => MartechAuthentications.Basic("api", value!)).ParamName);
        Assert.Equal("userName", Assert.ThrowsAny<ArgumentException>(() => MartechAuthentications.Basic(value!, Secret)).ParamName);
        Assert.Equal("headerName", Assert.ThrowsAny<ArgumentException>(() => MartechAuthentications.ApiKeyHeader(value!, Secret)).ParamName);
        Assert.Equal("parameterName", Assert.ThrowsAny<ArgumentException>(() => MartechAuthentications.ApiKeyQuery(value!, Secret)).ParamName);
    }

    [Fact]
    public void Factories_InvalidSecret_MessageDoesNotEchoTheValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => MartechAuthentications.Bearer("sk-secret-value\r\nX-Evil: 1"));
        Assert.DoesNotContain("sk-secret-value", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void ToStringAndCredentialId_NeverContainTheSecret(string kind, Func<string, MartechAuthentication> create)
    {
        MartechAuthentication scheme = create(Secret);
        string base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + Secret));

        Assert.Matches("^[0-9a-f]{12}$", scheme.CredentialId);
        Assert.DoesNotContain(Secret, scheme.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(base64, scheme.ToString(), StringComparison.Ordinal);
        Assert.Contains(scheme.CredentialId, scheme.ToString(), StringComparison.Ordinal);
        Assert.Contains(Secret, scheme.SecretValues);
        Assert.False(string.IsNullOrEmpty(kind));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void CredentialId_StableForOneSecretAndDistinctForAnother(string kind, Func<string, MartechAuthentication> create)
    {
        Assert.Equal(create(Secret).CredentialId, create(Secret).CredentialId);
        Assert.NotEqual(create(Secret).CredentialId, create(Secret + "x").CredentialId);
        Assert.False(string.IsNullOrEmpty(kind));
    }

    [Fact]
    public void CredentialId_SameSecretInDifferentSchemes_Differs()
    {
        var ids = new HashSet<string>
        {
            MartechAuthentications.ApiKeyHeader("x-api-token", Secret).CredentialId,
            MartechAuthentications.ApiKeyQuery("api_token", Secret).CredentialId,
            MartechAuthentications.Bearer(Secret).CredentialId,
            MartechAuthentications.Basic("api", Secret).CredentialId,
        };

        Assert.Equal(4, ids.Count);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Redactor_WithScheme_MasksSecretInTextAndKnowsItsNames(string kind, Func<string, MartechAuthentication> create)
    {
        MartechAuthentication scheme = create(Secret);
        var redactor = new MartechRedactor(authentication: scheme);

        string text = redactor.RedactText($"vendor said: key {Secret} is invalid");

        Assert.Equal("vendor said: key *** is invalid", text);
        Assert.All(scheme.SecretHeaders, h => Assert.True(redactor.IsSensitiveHeader(h)));
        Assert.All(scheme.SecretQueryParameters, p => Assert.True(redactor.IsSensitiveQueryParameter(p)));
        Assert.NotEqual(kind == "query", scheme.SecretHeaders.Count > 0);
    }
}
