using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>One request the provider sent, as the mock saw it.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>
/// A SendGrid provider instance registered as a user would (<c>AddMartech().AddSendGrid(...)</c>) whose primary HTTP
/// handler is MockHttp: tests script SendGrid's answers and read back every request exactly as sent.
/// </summary>
internal sealed class SendGridWire : IAsyncDisposable
{
    public const string ApiKey = "SG.wire-test-key-0123456789abcdef";
    public const string MailSendUrl = "https://api.sendgrid.com/v3/mail/send";

    private readonly List<CapturedRequest> _requests = [];
    private readonly List<string> _unexpected = [];

    private SendGridWire(ServiceProvider services, MockHttpMessageHandler mock)
    {
        Services = services;
        Mock = mock;
    }

    public ServiceProvider Services { get; }

    public MockHttpMessageHandler Mock { get; }

    public IEmailSender Sender => Services.GetRequiredService<IEmailSender>();

    public IEmailSuppressionList Suppressions => Services.GetRequiredService<IEmailSuppressionList>();

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static SendGridWire Create(Action<SendGridOptions>? configure = null, IConfiguration? configuration = null, TimeProvider? time = null, string name = "SendGrid")
    {
        var mock = new MockHttpMessageHandler();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddMartech(configuration).AddSendGrid(name, o =>
        {
            if (configuration is null)
            {
                o.ApiKey = ApiKey;
            }

            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(o);
        });
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        var wire = new SendGridWire(services.BuildServiceProvider(), mock);
        mock.Fallback.Respond(async request =>
        {
            await wire.CaptureAsync(request);
            lock (wire._unexpected)
            {
                wire._unexpected.Add($"{request.Method} {request.RequestUri}");
            }

            return new HttpResponseMessage(HttpStatusCode.NotImplemented) { Content = new StringContent("{\"errors\":[{\"message\":\"unexpected request in the test\"}]}") };
        });
        return wire;
    }

    /// <summary>Scripts the next answer to a request (in order of expectation).</summary>
    public void Expect(HttpMethod method, string url, HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers) =>
        Mock.Expect(method, url).Respond(request => RespondAsync(request, status, json, headers));

    /// <summary>Scripts the answer to every request to a URL, in any order (for requests sent concurrently).</summary>
    public void Stub(HttpMethod method, string url, HttpStatusCode status, string? json = null) =>
        Mock.When(method, url).Respond(request => RespondAsync(request, status, json, []));

    /// <summary>Scripts a 202 with an <c>X-Message-Id</c> for a mail send.</summary>
    public void ExpectMailSend(string messageId = "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0") =>
        Expect(HttpMethod.Post, MailSendUrl, HttpStatusCode.Accepted, null, ("X-Message-Id", messageId));

    /// <summary>Checks every scripted request was made and nothing else was.</summary>
    public void VerifyAll()
    {
        Mock.VerifyNoOutstandingExpectation();
        lock (_unexpected)
        {
            Assert.True(_unexpected.Count == 0, "Unexpected requests: " + string.Join("; ", _unexpected));
        }
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();

    private async Task<HttpResponseMessage> RespondAsync(HttpRequestMessage request, HttpStatusCode status, string? json, (string Name, string Value)[] headers)
    {
        await CaptureAsync(request);
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content ??= new StringContent(string.Empty);
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    private async Task CaptureAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
        lock (_requests)
        {
            _requests.Add(new CapturedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body));
        }
    }
}
