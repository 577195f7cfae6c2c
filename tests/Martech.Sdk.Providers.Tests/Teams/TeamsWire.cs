using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Martech.Sdk.Teams;
using Martech.Sdk.Tests.Core;
using Martech.Sdk.Tests.Http.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>A Teams instance built through DI as a user would, with MockHttp as the primary handler: every request is
/// captured for exact assertions, and answered by <see cref="RespondAsync"/> (by default <see cref="Respond"/>). The
/// clock is a <see cref="ShortTimerTimeProvider"/> (a Retry-After wait of up to ten seconds passes at once; longer
/// timers, such as attempt timeouts, fire only when a test says so) and every log entry, at every level and category,
/// is recorded in <see cref="Logs"/>.</summary>
internal sealed class TeamsWire : IAsyncDisposable
{
    public const string Sig = "SECRETsig0123456789abcdef";
    public const string LeadsUrl = "https://prod-42.westus.logic.azure.com:443/workflows/0a1b2c3d/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + Sig;
    public const string SalesUrl = "https://default0123.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/9f8e7d/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=OTHERsig42";

    /// <summary>The secret segment of <see cref="LegacyUrl"/> (after <c>IncomingWebhook/</c>).</summary>
    public const string LegacySecret = "5f0c2b9e8d7a4c3b9a1e6f2d4c8b7a90";
    public const string LegacyGroup = "3fa85f64-5717-4562-b3fc-2c963f66afa6@72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string LegacyOwner = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    public const string LegacyToken = "V2mB8yQn4xTz7Kp1Lw9Rc3Hd6Fs0Ga5Je2Uv";

    /// <summary>An Office 365 connector URL: its secret is in the path, not the query.</summary>
    public const string LegacyUrl = "https://contoso.webhook.office.com/webhookb2/" + LegacyGroup + "/IncomingWebhook/" + LegacySecret + "/" + LegacyOwner + "/" + LegacyToken;

    private readonly ServiceProvider _services;

    private TeamsWire(ServiceProvider services, ShortTimerTimeProvider clock, RecordingLoggerProvider logs)
    {
        _services = services;
        Clock = clock;
        Logs = logs;
    }

    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.Accepted);

    /// <summary>Answers a request when set, instead of <see cref="Respond"/>: to throw (synchronously) or to never answer
    /// (MockHttp cancels the request when the transport gives up on it).</summary>
    public Func<HttpRequestMessage, Task<HttpResponseMessage>>? RespondAsync { get; set; }

    public ShortTimerTimeProvider Clock { get; }

    public RecordingLoggerProvider Logs { get; }

    public IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>("Teams");

    public static string ExpectedSampleCard => File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "sample-card.expected.json"));

    public static OutgoingMessage SampleMessage(MessageDestination destination) => Messaging.SampleCard.Message(destination);

    /// <summary>Builds the instance with channels <c>#new-leads</c> and <c>sales</c> (Workflows URLs) and <c>legacy</c>
    /// (an Office 365 connector URL). Retries are off unless <paramref name="configure"/> turns them on.</summary>
    public static TeamsWire Create(Action<TeamsOptions>? configure = null, Action<MartechProviderBuilder>? provider = null)
    {
        var mock = new MockHttpMessageHandler();
        TeamsWire? wire = null;
        mock.When("*").Respond(request =>
        {
            // The bodies are in-memory contents, read at once. A responder's exception must leave this lambda
            // synchronously: MockHttp never completes a request whose responder returns a faulted task.
            string body = request.Content is null ? string.Empty : request.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            wire!.Requests.Enqueue((request, body));
            return wire.RespondAsync is { } respond ? respond(request) : Task.FromResult(wire.Respond(request));
        });
        var clock = new ShortTimerTimeProvider(TimeSpan.FromSeconds(10));
        var logs = new RecordingLoggerProvider(LogLevel.Trace);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        MartechProviderBuilder teams = services.AddMartech().AddTeams(configure: o =>
        {
            o.AddChannel("#new-leads", new Uri(LeadsUrl));
            o.AddChannel("sales", new Uri(SalesUrl));
            o.AddChannel("legacy", new Uri(LegacyUrl));
            o.RateLimitPermits = 10_000;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
            o.Resilience.MaxRetryAttempts = 0;
            configure?.Invoke(o);
        });
        provider?.Invoke(teams);
        services.AddHttpClient("Teams").ConfigurePrimaryHttpMessageHandler(() => mock);
        wire = new TeamsWire(services.BuildServiceProvider(), clock, logs);
        return wire;
    }

    public static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    public (HttpRequestMessage Request, string Body) Single() => Assert.Single(Requests);

    public static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected:\n{expected}\nActual:\n{actual}");

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
