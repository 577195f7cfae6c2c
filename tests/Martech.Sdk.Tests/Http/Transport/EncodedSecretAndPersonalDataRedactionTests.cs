using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.Transport;

/// <summary>
/// Secrets are masked in every form a vendor or a handler may echo them in (URL-encoded, JSON-escaped, Base64 of Basic
/// credentials), and personal data in URLs and texts is masked below Trace.
/// </summary>
[Collection(TelemetryCollection.Name)]
public class EncodedSecretAndPersonalDataRedactionTests
{
    // Every character that changes under URL encoding or JSON escaping, and a space.
    public static TheoryData<string> Secrets => new()
    {
        "k3y+with/slash=and\"quote",
        "pa ss\\word&amp=1+2/3",
        "Zm9v+YmFy/YmF6==",
        "sk_live_\"quoted\" key/+=&\\",
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void RedactText_EveryEncodedFormOfAKey_IsMasked(string secret)
    {
        var redactor = new MartechRedactor(authentication: MartechAuthentications.ApiKeyHeader("X-Api-Key", secret));

        foreach (string form in EncodedForms(secret))
        {
            string text = $"{{\"error\":\"invalid key {form} given\"}} and url https://h.example/x?k={form}&y=1";

            string redacted = redactor.RedactText(text);

            AssertNoSecret(secret, redacted, form);
            Assert.Contains(MartechRedactor.Mask, redacted, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void RedactText_BasicCredentials_Base64OfUserAndSecretAndOfSecretAlone_AreMasked(string secret)
    {
        var redactor = new MartechRedactor(authentication: MartechAuthentications.Basic("api", secret));
        string pair = Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + secret));
        string alone = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));

        foreach (string form in new[] { pair, alone }.SelectMany(EncodedForms))
        {
            string redacted = redactor.RedactText($"Authorization: Basic {form}; echoed \"{form}\"");

            Assert.DoesNotContain(form, redacted, StringComparison.Ordinal);
            Assert.DoesNotContain(pair, redacted, StringComparison.Ordinal);
            Assert.DoesNotContain(alone, redacted, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FormsOf_DedupesAndSkipsShortValues()
    {
        string[] plain = MartechRedactor.FormsOf(["abcdef012345"]);
        Assert.Equal(["abcdef012345"], plain); // nothing to encode: one form, not ten copies

        Assert.DoesNotContain(MartechRedactor.FormsOf(["a+b", "     ", "ab cd+e"]), f => f.Length < MartechRedactor.MinSecretLength);
        Assert.Empty(MartechRedactor.FormsOf(["a+b"]));

        string[] forms = MartechRedactor.FormsOf(["k3y+with/slash=and\"quote"]);
        Assert.Equal(forms.Length, forms.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(forms.OrderByDescending(f => f.Length).Select(f => f.Length), forms.Select(f => f.Length));
        Assert.Contains("k3y%2Bwith%2Fslash%3Dand%22quote", forms);
        Assert.Contains("k3y%2bwith%2fslash%3dand%22quote", forms);
        Assert.Contains("k3y\\u002Bwith/slash=and\\u0022quote", forms);
        Assert.Contains("k3y\\u002bwith/slash=and\\u0022quote", forms);
        Assert.Contains("k3y+with\\/slash=and\\\"quote", forms);
    }

    [Fact]
    public void RedactText_AfterATokenChanges_MasksTheNewTokenAndForgetsNothingItShould()
    {
        var auth = new RotatingAuthentication { Token = "first+token/value=" };
        var redactor = new MartechRedactor(authentication: auth);
        Assert.Equal("x *** y", redactor.RedactText("x first%2Btoken%2Fvalue%3D y"));

        auth.Token = "second+token/value=";

        Assert.Equal("x *** y", redactor.RedactText("x second%2Btoken%2Fvalue%3D y"));
        Assert.Equal("x first+token/value= y", redactor.RedactText("x first+token/value= y"));
    }

    [Theory]
    [InlineData("no such user ada.lovelace+news@example.co.uk here", "no such user {redacted} here")]
    [InlineData("{\"email\":\"ada@example.com\"}", "{\"email\":\"{redacted}\"}")]
    [InlineData("GET /v3/suppression/bounces/ada%40example.com failed", "GET /v3/suppression/bounces/{redacted} failed")]
    [InlineData("to +15551234567 refused", "to {redacted} refused")]
    [InlineData("To=%2B447700900123&Body=hi", "To={redacted}&Body=hi")]
    [InlineData("a\\u002Bb@example.com", "{redacted}")]
    [InlineData("{\"to\":\"\\u002B15551234567\"}", "{\"to\":\"{redacted}\"}")]
    [InlineData("ada%40example.com%20%2B15551234567", "{redacted}%20{redacted}")]
    [InlineData("version 2.0 at 10:00 +0100, id 1234567890, key ab+123456789", "version 2.0 at 10:00 +0100, id 1234567890, key ab+123456789")]
    [InlineData("user@localhost", "user@localhost")]
    public void RedactText_PersonalData_IsMasked(string text, string expected) =>
        Assert.Equal(expected, MartechRedactor.Default.RedactText(text));

    [Theory]
    [InlineData("https://api.sendgrid.example/v3/suppression/bounces/ada@example.com", "https://api.sendgrid.example/v3/suppression/bounces/{redacted}")]
    [InlineData("https://api.sendgrid.example/v3/asm/suppressions/ada%2Bx%40example.com", "https://api.sendgrid.example/v3/asm/suppressions/{redacted}")]
    [InlineData("https://sf.example/services/data/v60.0/query?q=SELECT+Id+FROM+Contact+WHERE+LastName+%3D+%27Lovelace%27", "https://sf.example/services/data/v60.0/query?q={redacted}")]
    [InlineData("https://pd.example/v2/persons/search?term=ada%40example.com&fields=email&api_token=abc", "https://pd.example/v2/persons/search?term={redacted}&fields=email&api_token=***")]
    [InlineData("https://tw.example/2010-04-01/Accounts/AC1/Messages.json?To=%2B15551234567&PageSize=20", "https://tw.example/2010-04-01/Accounts/AC1/Messages.json?To={redacted}&PageSize=20")]
    [InlineData("https://hs.example/crm/v3/objects/contacts/12345?idProperty=id", "https://hs.example/crm/v3/objects/contacts/12345?idProperty=id")]
    public void RedactUrl_PersonalDataInPathAndQuery_IsMasked(string url, string expected) =>
        Assert.Equal(expected, MartechRedactor.Default.RedactUrl(new Uri(url)));

    [Fact]
    public void RedactUrl_WithTemplate_ShowsThePlaceholders()
    {
        var uri = new Uri("https://hs.example/crm/v3/objects/contacts/Ada%20Lovelace?idProperty=name&properties=email&archived=false");

        string redacted = MartechRedactor.Default.RedactUrl(uri, "objects/contacts/{name}?idProperty=name&properties={list}");

        Assert.Equal("https://hs.example/crm/v3/objects/contacts/{name}?idProperty=name&properties={list}&archived=false", redacted);
        Assert.Equal("https://hs.example/crm/v3/objects/contacts/Ada%20Lovelace?idProperty=name&properties=email&archived=false", MartechRedactor.Default.RedactSecretsInUrl(uri));
    }

    [Fact]
    public async Task Transport_DebugLogsAndUrlTag_CarryTheRedactedPath_TraceTheFullOne()
    {
        using var h = new TransportHarness(logLevel: LogLevel.Trace);
        var tags = new List<KeyValuePair<string, string?>>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MartechTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (tags) { tags.AddRange(a.Tags); } },
        };
        ActivitySource.AddActivityListener(listener);
        h.Mock.When("https://api.acme.example/v1/people/*").Respond(HttpStatusCode.OK, "application/json", "{}");
        using var request = TransportHarness.Get("people/ada.lovelace@example.com?email=ada.lovelace%40example.com&limit=5", "people.get");
        new MartechRequestOptions { Operation = "people.get", UrlTemplate = "people/{email}" }.ApplyTo(request);

        (await h.Transport.SendAsync(request)).Dispose();

        string url = Assert.Single(tags, t => t.Key == "url.full").Value!;
        Assert.Equal("https://api.acme.example/v1/people/{email}?email={redacted}&limit=5&api_key=***", url);
        foreach (var entry in h.Logs.Entries.Where(e => e.Level > LogLevel.Trace))
        {
            Assert.DoesNotContain("lovelace", entry.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(h.Logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("/v1/people/{email}?email={redacted}", StringComparison.Ordinal));
        Assert.Contains(h.Logs.Entries, e => e.Level == LogLevel.Trace && e.Message.Contains("/v1/people/ada.lovelace@example.com", StringComparison.Ordinal));
        Assert.All(h.Logs.Entries, e => Assert.DoesNotContain(TransportHarness.ApiKey, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transport_FailureMessageEchoingTheUrl_ShowsItRedacted()
    {
        using var h = new TransportHarness(logLevel: LogLevel.Debug);
        h.Mock.When("https://api.acme.example/v1/people/*").Respond(req => throw new HttpRequestException(
            HttpRequestError.NameResolutionError, $"Could not reach {req.RequestUri} ({req.RequestUri!.AbsoluteUri}; path {req.RequestUri.PathAndQuery})"));
        using var request = TransportHarness.Get("people/ada@example.com?to=%2B15551234567", "people.get");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => h.Transport.SendAsync(request));

        Assert.Contains("/v1/people/{redacted}?to={redacted}&api_key=***", ex.Message, StringComparison.Ordinal);
        foreach (string text in h.Logs.Entries.Select(e => e.Message + e.Exception).Append(ex.ToString()))
        {
            Assert.DoesNotContain("ada@example.com", text, StringComparison.Ordinal);
            Assert.DoesNotContain("ada%40example.com", text, StringComparison.Ordinal);
            Assert.DoesNotContain("5551234567", text, StringComparison.Ordinal);
            Assert.DoesNotContain(TransportHarness.ApiKey, text, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> EncodedForms(string secret)
    {
        string data = Uri.EscapeDataString(secret);
        string[] urls = [secret, data, LowerHex(data), data.Replace("%20", "+", StringComparison.Ordinal), WebUtility.UrlEncode(secret), LowerHex(WebUtility.UrlEncode(secret))];
        foreach (string url in urls.Distinct())
        {
            yield return url;
            yield return JavaScriptEncoder.Default.Encode(url);
            yield return LowerHex(JavaScriptEncoder.Default.Encode(url));
            yield return JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(url);
            yield return JsonSerializer.Serialize(url)[1..^1];
            yield return url.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal);
        }
    }

    // %2B -> %2b and \u002B -> \u002b, leaving the rest.
    private static string LowerHex(string form)
    {
        var sb = new StringBuilder(form);
        for (int i = 0; i < sb.Length; i++)
        {
            int length = sb[i] == '%' ? 2 : sb[i] == '\\' && i + 1 < sb.Length && sb[i + 1] == 'u' ? 5 : 0;
            for (int j = i + 1; j <= i + length && j < sb.Length; j++)
            {
                sb[j] = char.ToLowerInvariant(sb[j]);
            }
        }

        return sb.ToString();
    }

    private static void AssertNoSecret(string secret, string text, string form)
    {
        Assert.DoesNotContain(form, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), text, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class RotatingAuthentication : MartechAuthentication
    {
        public string Token { get; set; } = string.Empty;

        public override string CredentialId => "rotating";

        protected internal override IEnumerable<string> SecretValues => [Token];

        public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) => default;
    }
}
