using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Twilio;

/// <summary>
/// Twilio Messaging webhooks: status callbacks and incoming SMS/WhatsApp messages. Verifies <c>X-Twilio-Signature</c>
/// (HMAC-SHA1 with the auth token over the URL and the sorted POST parameters, or over the URL alone for GET and for
/// JSON bodies, whose SHA-256 must match the URL's <c>bodySHA256</c>), then maps the parameters with
/// <see cref="TwilioEventMapper"/>. An incoming message is answered with empty TwiML so Twilio sends no reply.
/// </summary>
/// <remarks>GET is accepted because Twilio lets a number's incoming-message webhook use it (the parameters are then in
/// the query, and the signature covers the whole URL); POST is what Twilio uses by default and what status callbacks
/// use.</remarks>
internal sealed class TwilioWebhookReceiver : MartechWebhookReceiver
{
    /// <summary>The answer to an incoming message that makes Twilio send nothing back.</summary>
    internal const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private static readonly string[] Methods = ["POST", "GET"];
    private static readonly WebhookResponse TwimlResponse = new(200, "text/xml", EmptyTwiml);
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private readonly TwilioWebhookOptions _webhooks;

    public TwilioWebhookReceiver(MartechProviderMetadata metadata, TwilioOptions options, string configurationPath, TimeProvider? timeProvider)
        : base(metadata, options.Webhooks, configurationPath, timeProvider)
    {
        _webhooks = options.Webhooks;
    }

    protected override IReadOnlyCollection<string> AllowedMethods => Methods;

    protected override void Verify(WebhookRequest request)
    {
        string signature = RequireHeader(request, TwilioWebhookSigner.SignatureHeader);
        byte[] key = Encoding.UTF8.GetBytes(_webhooks.SigningToken!);
        IReadOnlyList<string> urls = TwilioSignedUrls.Of(request.Url);
        string? bodyHash = TwilioWebhookSigner.BodyHashOf(request.Url.OriginalString);
        try
        {
            if (bodyHash is not null)
            {
                VerifyJson(request, key, urls, bodyHash, signature);
                return;
            }

            IReadOnlyList<KeyValuePair<string, string>> parameters;
            try
            {
                parameters = IsGet(request) ? [] : WebhookForm.Parse(request.Body.Span);
            }
            catch (FormatException ex)
            {
                throw Reject(WebhookRejectionReason.Malformed, "the form body is not UTF-8 after decoding, so its signature cannot be computed.", null, ex);
            }

            // Twilio's validators drop a repeated identical pair; the rule as written keeps it: both are accepted.
            string all = TwilioWebhookSigner.SortedParameters(parameters, distinct: false);
            string distinct = TwilioWebhookSigner.SortedParameters(parameters, distinct: true);
            string[] forms = all == distinct ? [all] : [all, distinct];
            if (!AnyMatches(key, urls, forms, signature))
            {
                throw Reject(
                    WebhookRejectionReason.InvalidSignature,
                    "X-Twilio-Signature matches none of the URL forms with the parameters and the configured auth token (is the public URL the one configured at Twilio, the body unchanged, and the token the account's or subaccount's that owns the number?).",
                    () => Diagnostic(request, urls, forms));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    protected override WebhookReceiveResult Map(WebhookRequest request)
    {
        DateTimeOffset now = TimeProvider.GetUtcNow();
        MartechEvent e;
        if (TwilioWebhookSigner.BodyHashOf(request.Url.OriginalString) is not null)
        {
            e = TwilioEventMapper.Map(ReadJsonFields(request.Body.Span), request.Body, Metadata.Name, now);
        }
        else
        {
            IReadOnlyList<KeyValuePair<string, string>> fields = IsGet(request) ? WebhookForm.ParseQuery(QueryOf(request.Url.OriginalString)) : WebhookForm.Parse(request.Body.Span);
            if (fields.Count == 0)
            {
                throw new FormatException("the request carries no Twilio parameters.");
            }

            e = TwilioEventMapper.Map(fields, WebhookForm.ToJson(fields), Metadata.Name, now);
        }

        return new WebhookReceiveResult([e], e is MessageReceivedEvent ? TwimlResponse : WebhookResponse.Ok);
    }

    private void VerifyJson(WebhookRequest request, byte[] key, IReadOnlyList<string> urls, string bodyHash, string signature)
    {
        // The URL alone is signed; the body is bound to it by its hash.
        if (!AnyMatches(key, urls, [string.Empty], signature))
        {
            throw Reject(
                WebhookRejectionReason.InvalidSignature,
                "X-Twilio-Signature matches none of the URL forms (JSON body: the URL alone is signed) with the configured auth token.",
                () => Diagnostic(request, urls, [string.Empty]));
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(request.Body.Span, hash);
        if (!WebhookSignatures.FixedTimeEqualsHex(hash, bodyHash))
        {
            throw Reject(
                WebhookRejectionReason.InvalidSignature,
                $"the body's SHA-256 does not match the URL's {TwilioWebhookSigner.BodyHashParameter} (was the body changed or re-serialised?).",
                () => Diagnostic(request, urls, [string.Empty]));
        }
    }

    private static bool AnyMatches(byte[] key, IReadOnlyList<string> urls, string[] parameterForms, string signature)
    {
        bool match = false;
        foreach (string url in urls)
        {
            foreach (string parameters in parameterForms)
            {
                // No early exit: every candidate is computed and compared in constant time.
                match |= WebhookSignatures.FixedTimeEqualsBase64(TwilioWebhookSigner.Compute(key, url, parameters), signature);
            }
        }

        return match;
    }

    private static bool IsGet(WebhookRequest request) => string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);

    private static string QueryOf(string url)
    {
        int question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return string.Empty;
        }

        int fragment = url.IndexOf('#', question);
        return fragment < 0 ? url[(question + 1)..] : url[(question + 1)..fragment];
    }

    /// <summary>The top-level string, number and boolean members of a JSON object body, as parameters; none for another
    /// JSON value, which then maps to a raw event.</summary>
    private static List<KeyValuePair<string, string>> ReadJsonFields(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read())
        {
            throw new JsonException("The body is empty; a Twilio JSON webhook carries a JSON value.");
        }

        var fields = new List<KeyValuePair<string, string>>();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadMembers(ref reader, fields);
        }
        else
        {
            // An array (an Event Streams batch) or a scalar: valid JSON, kept whole as a raw event.
            reader.Skip();
        }

        if (reader.Read())
        {
            throw new JsonException("The body holds more than one JSON value.");
        }

        return fields;
    }

    private static void ReadMembers(ref Utf8JsonReader reader, List<KeyValuePair<string, string>> fields)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = WebhookText.Clean(reader.GetString()!);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    fields.Add(new(name, WebhookText.Clean(reader.GetString()!)));
                    break;
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                    fields.Add(new(name, Encoding.UTF8.GetString(reader.ValueSpan)));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static string Diagnostic(WebhookRequest request, IReadOnlyList<string> urls, string[] parameterForms)
    {
        var text = new StringBuilder("HMAC-SHA1 with the configured auth token over each URL form followed by the sorted parameters; URL forms tried:");
        foreach (string url in urls)
        {
            text.Append("\n  ").Append(url);
        }

        if (TwilioWebhookSigner.BodyHashOf(request.Url.OriginalString) is { } bodyHash)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nparameters: none (JSON body: the URL alone is signed)\n{TwilioWebhookSigner.BodyHashParameter} in the URL: {bodyHash}\nbody SHA-256 computed: {TwilioWebhookSigner.ComputeBodyHash(request.Body.Span)}");
        }
        else
        {
            for (int i = 0; i < parameterForms.Length; i++)
            {
                text.Append(i == 0 ? "\nparameters as signed (sorted name + value): " : "\nand without repeated identical pairs: ")
                    .Append(parameterForms[i].Length == 0 ? "(none)" : parameterForms[i]);
            }
        }

        return text.Append("\nbody: ").Append(WebhookSignatures.DescribeBody(request.Body.Span)).ToString();
    }
}
