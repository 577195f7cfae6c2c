using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Martech.Sdk.Providers.Tests.Messaging;
using Martech.Sdk.Slack;
using Martech.Sdk.Twilio;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// One new-lead card sent to chat and to SMS, end to end against stub handlers that read the body and answer as the
/// vendor does: the Slack provider (Block Kit rendering, mrkdwn escaping, limits check, JSON, transport, ok/error
/// envelope) and the Twilio provider (SMS text rendering within segment limits, form encoding, basic auth, transport,
/// response parsing), each against the hand-written call an engineer would write for the same request, with
/// <see cref="Utf8JsonWriter"/> or <see cref="FormUrlEncodedContent"/> and <see cref="JsonDocument"/>. Baseline: the
/// hand-written Slack call. DESIGN.md's transport budget: ≤ 1.3× the time, ≤ 1.5× the bytes.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class MessagingBenchmarks : IDisposable
{
    private const string BotToken = "xoxb-benchmark-0000000000-token";
    private const string AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string AuthToken = "benchmark-auth-token-0123456789ab";
    private const string From = "+15005550006";
    private const string SlackAnswer = """{"ok":true,"channel":"C0123LEADS","ts":"1700000000.000100","message":{"type":"message","bot_id":"B0EMULATOR"}}""";
    private const string TwilioAnswer = """{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued","num_segments":"2","error_code":null,"error_message":null}""";

    private static readonly Uri SlackPath = new("chat.postMessage", UriKind.Relative);
    private static readonly Uri TwilioPath = new($"2010-04-01/Accounts/{AccountSid}/Messages.json", UriKind.Relative);

    private HttpClient _slackHandWritten = null!;
    private HttpClient _twilioHandWritten = null!;
    private AuthenticationHeaderValue _slackAuth = null!;
    private AuthenticationHeaderValue _twilioAuth = null!;
    private ServiceProvider _services = null!;
    private IMessageSender _slack = null!;
    private IMessageSender _twilio = null!;
    private OutgoingMessage _toChannel = null!;
    private OutgoingMessage _toPhone = null!;

    [GlobalSetup]
    public void Setup()
    {
        _slackHandWritten = new HttpClient(new StubHandler(HttpStatusCode.OK, SlackAnswer)) { BaseAddress = new Uri("https://slack.com/api/") };
        _twilioHandWritten = new HttpClient(new StubHandler(HttpStatusCode.Created, TwilioAnswer)) { BaseAddress = new Uri("https://api.twilio.com/") };
        _slackAuth = new AuthenticationHeaderValue("Bearer", BotToken);
        _twilioAuth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(AccountSid + ":" + AuthToken)));

        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddSlack(configure: o =>
        {
            o.BotToken = BotToken;
            o.RateLimitPermits = 10_000_000;
            o.PostMessagePerSecond = 10_000_000;
        });
        martech.AddTwilio(configure: o =>
        {
            o.AccountSid = AccountSid;
            o.AuthToken = AuthToken;
            o.From = From;
            o.RateLimitPermits = 10_000_000;
        });
        services.AddHttpClient("Slack").ConfigurePrimaryHttpMessageHandler(() => new StubHandler(HttpStatusCode.OK, SlackAnswer));
        services.AddHttpClient("Twilio").ConfigurePrimaryHttpMessageHandler(() => new StubHandler(HttpStatusCode.Created, TwilioAnswer));
        _services = services.BuildServiceProvider();
        _slack = _services.GetRequiredKeyedService<IMessageSender>("Slack");
        _twilio = _services.GetRequiredKeyedService<IMessageSender>("Twilio");
        _toChannel = SampleCard.Message(MessageDestination.Channel("C0123LEADS"));
        _toPhone = SampleCard.Message(MessageDestination.Phone(PhoneNumber.Parse("+442079460958")));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _slackHandWritten?.Dispose();
        _twilioHandWritten?.Dispose();
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "Slack: hand-written Block Kit (Utf8JsonWriter + JsonDocument)")]
    public async Task<string?> SlackHandWritten()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteBlockKit(json, _toChannel);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, SlackPath) { Content = new ReadOnlyMemoryContent(buffer.WrittenMemory) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = _slackAuth;
        using HttpResponseMessage response = await _slackHandWritten.SendAsync(request);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using JsonDocument answer = await JsonDocument.ParseAsync(body);
        return answer.RootElement.GetProperty("ok").GetBoolean()
            ? answer.RootElement.GetProperty("ts").GetString()
            : throw new InvalidOperationException(answer.RootElement.GetProperty("error").GetString());
    }

    [Benchmark(Description = "Slack: IMessageSender (Martech.Sdk.Slack)")]
    public async Task<string?> SlackSdk() => (await _slack.SendAsync(_toChannel)).MessageId;

    [Benchmark(Description = "Twilio: hand-written form + JsonDocument")]
    public async Task<string?> TwilioHandWritten()
    {
        MessageCard card = _toPhone.Card!;
        var text = new StringBuilder(_toPhone.Text).Append('\n').Append(card.Text);
        foreach (MessageCardField field in card.Fields)
        {
            text.Append('\n').Append(field.Label).Append(": ").Append(field.Value);
        }

        foreach (MessageCardLink link in card.Links)
        {
            text.Append('\n').Append(link.Text).Append(": ").Append(link.Url.AbsoluteUri);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioPath)
        {
            Content = new FormUrlEncodedContent([new("To", "+442079460958"), new("From", From), new("Body", text.ToString())]),
        };
        request.Headers.Authorization = _twilioAuth;
        using HttpResponseMessage response = await _twilioHandWritten.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using JsonDocument answer = await JsonDocument.ParseAsync(body);
        return answer.RootElement.GetProperty("sid").GetString();
    }

    [Benchmark(Description = "Twilio: IMessageSender (Martech.Sdk.Twilio)")]
    public async Task<string?> TwilioSdk() => (await _twilio.SendAsync(_toPhone)).MessageId;

    // The same Block Kit payload the provider sends (tests/…/Slack/sample-card.expected.json), written by hand; the
    // hand-written version skips mrkdwn escaping and Block Kit limit checks, which the provider does.
    private static void WriteBlockKit(Utf8JsonWriter json, OutgoingMessage message)
    {
        MessageCard card = message.Card!;
        json.WriteStartObject();
        json.WriteString("channel", message.Destination.Id);
        json.WriteString("text", message.Text);
        json.WriteStartArray("blocks");
        json.WriteStartObject();
        json.WriteString("type", "header");
        WriteText(json, "text", "plain_text", card.Title!);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "section");
        WriteText(json, "text", "mrkdwn", card.Text!);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartArray("fields");
        foreach (MessageCardField field in card.Fields)
        {
            WriteText(json, null, "mrkdwn", $"*{field.Label}*\n{field.Value}");
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "context");
        json.WriteStartArray("elements");
        WriteText(json, null, "mrkdwn", ":warning: Severity: *Warning*");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "actions");
        json.WriteStartArray("elements");
        foreach (MessageCardLink link in card.Links)
        {
            json.WriteStartObject();
            json.WriteString("type", "button");
            WriteText(json, "text", "plain_text", link.Text);
            json.WriteString("url", link.Url.AbsoluteUri);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string? property, string type, string text)
    {
        if (property is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(property);
        }

        json.WriteString("type", type);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>Reads the request body, as a socket handler would, and answers with the vendor's JSON.</summary>
    private sealed class StubHandler(HttpStatusCode status, string answer) : HttpMessageHandler
    {
        private readonly byte[] _answer = Encoding.UTF8.GetBytes(answer);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await request.Content!.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            var content = new ByteArrayContent(_answer);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return new HttpResponseMessage(status) { RequestMessage = request, Content = content };
        }
    }
}
