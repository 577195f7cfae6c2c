using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// One SendGrid-style mail send (about 880 bytes of JSON) against a stub handler answering 202: the full Martech
/// transport (telemetry, Polly resilience, rate budget, authentication, error mapping) against a hand-written
/// HttpClient + source-generated System.Text.Json call. DESIGN.md's budget: ≤ 1.3× the time, ≤ 1.5× the bytes.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TransportBenchmarks : IDisposable
{
    private const string ApiKey = "SG.benchmark-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly Uri Path = new("v3/mail/send", UriKind.Relative);
    private static readonly MartechRequestOptions SendOptions = new() { Operation = "mail.send" };

    private HttpClient _handWritten = null!;
    private AuthenticationHeaderValue _authorization = null!;
    private ServiceProvider _services = null!;
    private MartechHttpTransport _transport = null!;
    private MailSend _payload = null!;
    private MartechHttpTransport _noRateLimit = null!;
    private MartechHttpTransport _noResilience = null!;
    private MartechHttpTransport _bare = null!;
    private ServiceProvider _sloServices = null!;
    private MartechHttpTransport _withSlos = null!;

    [GlobalSetup]
    public void Setup()
    {
        _payload = MailSend.Sample();
        _handWritten = new HttpClient(new StubHandler()) { BaseAddress = new Uri("https://api.sendgrid.example/") };
        _authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        var services = new ServiceCollection();
        services.AddMartech().AddProvider("SendGrid", "SendGrid").AddHttpTransport(_ => new MartechHttpOptions
        {
            BaseAddress = new Uri("https://api.sendgrid.example/"),
            Authentication = MartechAuthentications.Bearer(ApiKey),
            RateLimit = { PermitLimit = 10_000_000, Window = TimeSpan.FromSeconds(1) },
        }).ConfigurePrimaryHttpMessageHandler(() => new StubHandler());
        void Add(string name, Action<MartechHttpOptions> tweak) =>
            services.AddMartech().AddProvider(name, "SendGrid").AddHttpTransport(_ =>
            {
                var o = new MartechHttpOptions
                {
                    BaseAddress = new Uri("https://api.sendgrid.example/"),
                    Authentication = MartechAuthentications.Bearer(ApiKey),
                    RateLimit = { PermitLimit = 10_000_000, Window = TimeSpan.FromSeconds(1) },
                };
                tweak(o);
                return o;
            }).ConfigurePrimaryHttpMessageHandler(() => new StubHandler());
        Add("NoRate", o => o.RateLimit.Enabled = false);
        Add("NoRes", o => o.Resilience.CircuitBreakerEnabled = false);
        Add("Bare", o => o.Resilience.MaxRetryAttempts = 0);
        _services = services.BuildServiceProvider();
        _transport = _services.GetRequiredKeyedService<MartechHttpTransport>("SendGrid");
        _noRateLimit = _services.GetRequiredKeyedService<MartechHttpTransport>("NoRate");
        _noResilience = _services.GetRequiredKeyedService<MartechHttpTransport>("NoRes");
        _bare = _services.GetRequiredKeyedService<MartechHttpTransport>("Bare");

        // Vendor SLOs record for the whole container, so they get a container of their own.
        var sloServices = new ServiceCollection();
        MartechBuilder slos = sloServices.AddMartech();
        slos.AddProvider("SendGrid", "SendGrid").AddHttpTransport(_ => new MartechHttpOptions
        {
            BaseAddress = new Uri("https://api.sendgrid.example/"),
            Authentication = MartechAuthentications.Bearer(ApiKey),
            RateLimit = { PermitLimit = 10_000_000, Window = TimeSpan.FromSeconds(1) },
        }).ConfigurePrimaryHttpMessageHandler(() => new StubHandler());
        slos.AddVendorSlos();
        _sloServices = sloServices.BuildServiceProvider();
        _withSlos = _sloServices.GetRequiredKeyedService<MartechHttpTransport>("SendGrid");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _handWritten?.Dispose();
        _services?.Dispose();
        _sloServices?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "HttpClient + STJ source-gen (hand-written)")]
    public async Task<HttpStatusCode> HandWritten()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(_payload, MailJsonContext.Default.MailSend) };
        request.Headers.Authorization = _authorization;
        using HttpResponseMessage response = await _handWritten.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response.StatusCode;
    }

    [Benchmark(Description = "Martech transport (full handler chain)")]
    public async Task<HttpStatusCode> MartechTransport()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(_payload, MailJsonContext.Default.MailSend) };
        SendOptions.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request);
        return response.StatusCode;
    }

    [Benchmark(Description = "Martech transport with vendor SLOs recording (AddVendorSlos)")]
    public Task<HttpStatusCode> WithVendorSlos() => Via(_withSlos);

    [Benchmark(Description = "breakdown: without rate budget")]
    public Task<HttpStatusCode> NoRateLimit() => Via(_noRateLimit);

    [Benchmark(Description = "breakdown: without circuit breaker")]
    public Task<HttpStatusCode> NoResilience() => Via(_noResilience);

    [Benchmark(Description = "breakdown: without retry")]
    public Task<HttpStatusCode> Bare() => Via(_bare);

    private async Task<HttpStatusCode> Via(MartechHttpTransport transport)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(_payload, MailJsonContext.Default.MailSend) };
        SendOptions.ApplyTo(request);
        using HttpResponseMessage response = await transport.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Reads the request body, as a socket handler would, and answers 202 with SendGrid's headers.</summary>
    private sealed class StubHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await request.Content!.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            var response = new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request };
            response.Headers.TryAddWithoutValidation("X-Message-Id", "bench-message-id");
            return response;
        }
    }
}

public sealed record MailAddressDto(string Email, string? Name = null);

public sealed record Personalization(IReadOnlyList<MailAddressDto> To, IReadOnlyDictionary<string, string>? CustomArgs = null);

public sealed record MailContent(string Type, string Value);

public sealed record MailSend(
    IReadOnlyList<Personalization> Personalizations,
    MailAddressDto From,
    string Subject,
    IReadOnlyList<MailContent> Content,
    IReadOnlyList<string>? Categories)
{
    public static MailSend Sample() => new(
        [new Personalization([new MailAddressDto("ada.lovelace@analytical.example", "Ada Lovelace")], new Dictionary<string, string> { ["campaign"] = "spring-launch", ["lead_id"] = "l_1234" })],
        new MailAddressDto("hello@brand.example", "The Brand Team"),
        "Welcome to the spring launch, Ada!",
        [
            new MailContent("text/plain", "Hi Ada,\n\nThanks for signing up for the spring launch webinar. We will send the recording and the slides after the session. Reply to this email if you have questions.\n\nThe Brand Team"),
            new MailContent("text/html", "<p>Hi Ada,</p><p>Thanks for signing up for the <b>spring launch</b> webinar. We will send the recording and the slides after the session.</p><p>The Brand Team</p>"),
        ],
        ["welcome", "webinar"]);
}

[JsonSerializable(typeof(MailSend))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
public sealed partial class MailJsonContext : JsonSerializerContext;
