using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Receiving a signed SendGrid Event Webhook batch of 1,000 events: the SDK's receiver (ECDSA P-256 verification over
/// the timestamp and the raw body, the timestamp check, then mapping to typed <see cref="EmailEvent"/>s with their raw
/// JSON kept and opens and clicks classified) against the baseline a hand-written endpoint starts from: plain
/// System.Text.Json source-generated deserialisation of the same bytes into equivalent types, with no verification.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class WebhookBenchmarks : IDisposable
{
    private const int Events = 1000;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private ServiceProvider _services = null!;
    private IWebhookReceiver _receiver = null!;
    private WebhookRequest _request = null!;
    private byte[] _body = null!;
    private string _publicKey = null!;
    private string _signature = null!;
    private string _timestamp = null!;
    private SendGridEventReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Batch();
        (string publicKey, string privateKey) = SendGridWebhookSigner.CreateKeyPair();
        _publicKey = publicKey;
        IReadOnlyList<KeyValuePair<string, string>> headers = SendGridWebhookSigner.CreateHeaders(privateKey, _now, _body);
        _signature = headers.Single(h => h.Key == SendGridWebhookSigner.SignatureHeader).Value;
        _timestamp = headers.Single(h => h.Key == SendGridWebhookSigner.TimestampHeader).Value;
        _request = new WebhookRequest("POST", new Uri("https://hooks.example.com/webhooks/sendgrid"), headers, _body);
        var services = new ServiceCollection();
        services.AddMartech().AddSendGrid(configure: o => { o.ApiKey = "SG.bench"; o.Webhooks.PublicKey = publicKey; });
        _services = services.BuildServiceProvider();
        _receiver = _services.GetRequiredKeyedService<IWebhookReceiver>("SendGrid");
        _reader = new SendGridEventReader("SendGrid", "campaign_id");
        int count = _receiver.ReceiveAsync(_request).GetAwaiter().GetResult().Events.Count;
        if (count != Events || Baseline().Count != Events)
        {
            throw new InvalidOperationException($"The batch should give {Events} events.");
        }
    }

    [Benchmark(Baseline = true, Description = "STJ source-gen deserialise into equivalent types (no verification)")]
    public List<SendGridEventDto> Baseline() => JsonSerializer.Deserialize(_body, BenchJsonContext.Default.ListSendGridEventDto)!;

    [Benchmark(Description = "IWebhookReceiver (Martech.Sdk.SendGrid): verify + parse + map")]
    public int VerifyAndParse() => _receiver.ReceiveAsync(_request).GetAwaiter().GetResult().Events.Count;

    [Benchmark(Description = "breakdown: ECDSA verify only")]
    public bool VerifyOnly() => SendGridWebhookSigner.Verify(_publicKey, _signature, _timestamp, _body);

    [Benchmark(Description = "breakdown: parse + map only")]
    public int ParseOnly() => _reader.Read(_body).Count;

    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>1,000 events in SendGrid's shape: the types a campaign produces in proportion, categories, custom
    /// arguments, user agents and clicked URLs — about 400 bytes an event.</summary>
    private byte[] Batch()
    {
        var json = new StringBuilder("[");
        string[] types = ["processed", "delivered", "open", "open", "click", "delivered", "processed", "bounce", "open", "deferred"];
        long time = _now.ToUnixTimeSeconds() - 60;
        for (int i = 0; i < Events; i++)
        {
            string type = types[i % types.Length];
            json.Append(i == 0 ? string.Empty : ",");
            json.Append(CultureInfo.InvariantCulture, $$"""{"email":"customer{{i}}@example.com","timestamp":{{time + i}},"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-{{i}}>","event":"{{type}}","category":["spring","newsletter"],"sg_event_id":"sg_{{i:D8}}_aWDIxMzQ2ODA","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.{{i:X8}}.0","campaign_id":"spring-sale","segment":"vip","first_name":"Customer{{i}}" """);
            switch (type)
            {
                case "open":
                    json.Append(CultureInfo.InvariantCulture, $$""","useragent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)","ip":"203.0.113.{{i % 250}}","sg_machine_open":{{(i % 3 == 0 ? "true" : "false")}}""");
                    break;
                case "click":
                    json.Append(CultureInfo.InvariantCulture, $$""","useragent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15","ip":"203.0.113.{{i % 250}}","url":"https://brand.example/spring?utm_source=email&utm_campaign=spring-sale&i={{i}}","url_offset":{"index":0,"type":"html"}""");
                    break;
                case "bounce":
                    json.Append(""","reason":"550 5.1.1 The email account that you tried to reach does not exist","status":"5.1.1","type":"bounce" """);
                    break;
                case "deferred":
                    json.Append(""","response":"400 try again later","attempt":"5" """);
                    break;
                default:
                    json.Append(""","response":"250 OK","tls":1""");
                    break;
            }

            json.Append('}');
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }
}

/// <summary>The equivalent types a hand-written endpoint would deserialise SendGrid events into.</summary>
public sealed class SendGridEventDto
{
    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    [JsonPropertyName("event")]
    public string? Event { get; set; }

    [JsonPropertyName("sg_event_id")]
    public string? EventId { get; set; }

    [JsonPropertyName("sg_message_id")]
    public string? MessageId { get; set; }

    [JsonPropertyName("category")]
    public List<string>? Category { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("useragent")]
    public string? UserAgent { get; set; }

    [JsonPropertyName("ip")]
    public string? Ip { get; set; }

    [JsonPropertyName("sg_machine_open")]
    public bool? MachineOpen { get; set; }

    [JsonPropertyName("asm_group_id")]
    public int? AsmGroupId { get; set; }

    [JsonPropertyName("smtp-id")]
    public string? SmtpId { get; set; }

    [JsonPropertyName("response")]
    public string? Response { get; set; }

    [JsonPropertyName("attempt")]
    public string? Attempt { get; set; }

    [JsonPropertyName("tls")]
    public int? Tls { get; set; }

    [JsonPropertyName("url_offset")]
    public JsonElement? UrlOffset { get; set; }

    /// <summary>The custom arguments (campaign_id, segment, first_name): every key SendGrid does not define.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? CustomArgs { get; set; }
}

[JsonSerializable(typeof(List<SendGridEventDto>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
