using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Slas.Slos;

/// <summary>The real transport reports to the recorder: one request per call however many attempts, its final status,
/// retries with their reason, and nothing at all when vendor SLOs are not added.</summary>
public sealed class VendorSloTransportTests : IDisposable
{
    private readonly MockHttpMessageHandler _mock = new();
    private ServiceProvider? _services;

    [Fact]
    public async Task Transport_RetriedAndFinalAnswers_AreOneRequestEachWithTheirOutcome()
    {
        MartechHttpTransport transport = Build(addSlos: true);
        _mock.Expect(HttpMethod.Get, "https://api.acme.example/v1/contacts/1").Respond(HttpStatusCode.ServiceUnavailable);
        _mock.Expect(HttpMethod.Get, "https://api.acme.example/v1/contacts/1").Respond(HttpStatusCode.OK, "application/json", "{}");
        _mock.Expect(HttpMethod.Get, "https://api.acme.example/v1/contacts/2").Respond(HttpStatusCode.TooManyRequests, [new KeyValuePair<string, string>("Retry-After", "0")], "application/json", "{}");
        _mock.Expect(HttpMethod.Get, "https://api.acme.example/v1/contacts/2").Respond(HttpStatusCode.OK, "application/json", "{}");
        _mock.Expect(HttpMethod.Get, "https://api.acme.example/v1/contacts/3").Respond(HttpStatusCode.NotFound, "application/json", "{}");
        _mock.Expect(HttpMethod.Post, "https://api.acme.example/v1/contacts").Respond(HttpStatusCode.InternalServerError, "application/json", "{}");

        (await transport.SendAsync(Get("contacts/1", "contacts.get"))).Dispose();
        (await transport.SendAsync(Get("contacts/2", "contacts.get"))).Dispose();
        await Assert.ThrowsAsync<MartechNotFoundException>(() => transport.SendAsync(Get("contacts/3", "contacts.get")));
        var post = new HttpRequestMessage(HttpMethod.Post, new Uri("contacts", UriKind.Relative)) { Content = new StringContent("{}") };
        new MartechRequestOptions { Operation = "contacts.create" }.ApplyTo(post);
        await Assert.ThrowsAnyAsync<MartechException>(() => transport.SendAsync(post));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(Get("contacts/4", "contacts.get"), cancelled.Token));

        _mock.VerifyNoOutstandingExpectation();
        VendorSloReport report = _services!.GetRequiredService<IVendorSloMonitor>().GetReport();
        VendorSloInstanceReport acme = Assert.Single(report.Instances);
        Assert.Equal("AcmeCrm", acme.ProviderType);
        VendorSloMeasurements get = acme.Operations.Single(o => o.Operation == "contacts.get").Measurements;
        Assert.Equal(4, get.Requests);
        Assert.Equal(2, get.Succeeded);
        Assert.Equal(1, get.CallerErrors);
        Assert.Equal(1, get.Canceled);
        Assert.Equal(2, get.Retries);
        Assert.Equal(1, get.RetriedTooManyRequests);
        Assert.Equal(0, get.FinalTooManyRequests);
        Assert.Equal(2, get.Eligible);
        Assert.NotNull(get.LatencyP99);
        VendorSloMeasurements create = acme.Operations.Single(o => o.Operation == "contacts.create").Measurements;
        Assert.Equal(1, create.VendorFailures);
        Assert.Equal(0, create.Retries); // a POST that may have been processed is not retried
        Assert.Equal(66.666666666666667, acme.Measurements.Availability!.Value, 1e-9); // 2 successes of 3 eligible
    }

    [Fact]
    public void Transport_WithoutVendorSlos_HasNoObserver()
    {
        Build(addSlos: false);

        Assert.Null(_services!.GetRequiredKeyedService<MartechTransportContext>("Acme").Observer);
        Assert.Null(_services!.GetService<IVendorSloMonitor>());
    }

    public void Dispose()
    {
        _services?.Dispose();
        _mock.Dispose();
    }

    private static HttpRequestMessage Get(string path, string operation)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        new MartechRequestOptions { Operation = operation }.ApplyTo(request);
        return request;
    }

    private MartechHttpTransport Build(bool addSlos)
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddProvider("Acme", "AcmeCrm").AddHttpTransport(_ => new MartechHttpOptions
        {
            BaseAddress = new Uri("https://api.acme.example/v1/"),
            Authentication = MartechAuthentications.ApiKeyQuery("api_key", "sk_test_0123456789"),
            Resilience = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), CircuitBreakerEnabled = false },
            RateLimit = { PermitLimit = 10_000, Window = TimeSpan.FromSeconds(1) },
        }).ConfigurePrimaryHttpMessageHandler(() => _mock);
        if (addSlos)
        {
            martech.AddVendorSlos();
        }

        _services = services.BuildServiceProvider();
        return _services.GetRequiredKeyedService<MartechHttpTransport>("Acme");
    }
}
