using Martech.Sdk.Tests.Http.Transport;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Martech.Sdk.Slack;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>A Slack instance built through DI as a user would, with MockHttp as the primary handler and
/// <see cref="ShortTimerTimeProvider"/> (timers due within five seconds fire at once) as the clock: every request is captured, and answered by <see cref="Respond"/>.</summary>
internal sealed class SlackWire : IAsyncDisposable
{
    public const string Token = "xoxb-SECRET-123456789";

    private readonly ServiceProvider _services;

    private SlackWire(ServiceProvider services, ShortTimerTimeProvider clock)
    {
        _services = services;
        Clock = clock;
    }

    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => Json("""{"ok":true,"channel":"C0123LEADS","ts":"1700000000.000100"}""");

    public ShortTimerTimeProvider Clock { get; }

    public IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>("Slack");

    public ISlackConversations Conversations => (ISlackConversations)Sender.GetService(typeof(ISlackConversations))!;

    public static SlackWire Create(Action<SlackOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        SlackWire? wire = null;
        mock.When("*").Respond(async request =>
        {
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
            wire!.Requests.Enqueue((request, body));
            return wire.Respond(request);
        });
        var clock = new ShortTimerTimeProvider(TimeSpan.FromSeconds(5));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddMartech().AddSlack(configure: o =>
        {
            o.BotToken = Token;
            o.RateLimitPermits = 10_000;
            o.PostMessagePerSecond = 10_000;
            o.ConversationsListPerMinute = 600_000;
            configure?.Invoke(o);
        });
        services.AddHttpClient("Slack").ConfigurePrimaryHttpMessageHandler(() => mock);
        wire = new SlackWire(services.BuildServiceProvider(), clock);
        return wire;
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage RateLimited(int retryAfterSeconds)
    {
        HttpResponseMessage response = Json("""{"ok":false,"error":"ratelimited"}""", HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
