using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Martech.Sdk.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>A Teams instance built through DI as a user would, with MockHttp as the primary handler: every request is
/// captured for exact assertions, and answered by <see cref="Respond"/>.</summary>
internal sealed class TeamsWire : IAsyncDisposable
{
    public const string Sig = "SECRETsig0123456789abcdef";
    public const string LeadsUrl = "https://prod-42.westus.logic.azure.com:443/workflows/0a1b2c3d/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + Sig;
    public const string SalesUrl = "https://default0123.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/9f8e7d/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=OTHERsig42";

    private readonly ServiceProvider _services;

    private TeamsWire(ServiceProvider services) => _services = services;

    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.Accepted);

    public IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>("Teams");

    public static string ExpectedSampleCard => File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "sample-card.expected.json"));

    public static OutgoingMessage SampleMessage(MessageDestination destination) => Messaging.SampleCard.Message(destination);

    public static TeamsWire Create(Action<TeamsOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        TeamsWire? wire = null;
        mock.When("*").Respond(async request =>
        {
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
            wire!.Requests.Enqueue((request, body));
            return wire.Respond(request);
        });
        var services = new ServiceCollection();
        services.AddMartech().AddTeams(configure: o =>
        {
            o.AddChannel("#new-leads", new Uri(LeadsUrl));
            o.AddChannel("sales", new Uri(SalesUrl));
            o.RateLimitPermits = 10_000;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
            o.Resilience.MaxRetryAttempts = 0;
            configure?.Invoke(o);
        });
        services.AddHttpClient("Teams").ConfigurePrimaryHttpMessageHandler(() => mock);
        wire = new TeamsWire(services.BuildServiceProvider());
        return wire;
    }

    public static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    public (HttpRequestMessage Request, string Body) Single() => Assert.Single(Requests);

    public static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected:\n{expected}\nActual:\n{actual}");

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
