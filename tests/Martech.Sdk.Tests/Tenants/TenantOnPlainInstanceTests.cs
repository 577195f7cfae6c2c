using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Tenants;

/// <summary>A request naming a tenant, sent through an instance without per-tenant credentials.</summary>
public sealed class TenantOnPlainInstanceTests
{
    private static (ServiceProvider Services, MockHttpMessageHandler Mock) Build()
    {
        var mock = new MockHttpMessageHandler();
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("Plain", "Slack").AddHttpTransport(_ => new MartechHttpOptions
        {
            BaseAddress = new Uri("https://slack.example/api/"),
            Authentication = MartechAuthentications.Bearer("xoxb-instance-key"),
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        return (services.BuildServiceProvider(), mock);
    }

    [Fact]
    public async Task RequestOptionTenant_WithoutUseTenantCredentials_FailsBeforeSendingNamingTheInstanceAndTheFix()
    {
        (ServiceProvider services, MockHttpMessageHandler mock) = Build();
        using ServiceProvider _ = services;
        MockedRequest any = mock.When("*").Respond(HttpStatusCode.OK);
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient("Plain");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("users.list", UriKind.Relative));
        new MartechRequestOptions { Tenant = "acme" }.ApplyTo(request);

        var ex = await Assert.ThrowsAsync<MartechTenantException>(() => client.SendAsync(request));

        Assert.Contains("'Plain'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'acme'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UseTenantCredentials", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task AmbientTenant_WithoutUseTenantCredentials_IsIgnored()
    {
        (ServiceProvider services, MockHttpMessageHandler mock) = Build();
        using ServiceProvider _ = services;
        MockedRequest any = mock.When("*").Respond(HttpStatusCode.OK);
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient("Plain");

        using (MartechTenant.Use("acme"))
        {
            using HttpResponseMessage response = await client.GetAsync(new Uri("users.list", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, mock.GetMatchCount(any));
    }
}
