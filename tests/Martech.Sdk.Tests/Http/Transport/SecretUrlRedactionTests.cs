using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.Transport;

/// <summary>
/// Vendors whose URLs are credentials (webhooks): <see cref="MartechHttpOptions.UrlPathsAreSecret"/> shows URLs as
/// scheme and host only, and <see cref="MartechHttpOptions.SecretUrls"/> masks their ids, keys and signatures in any
/// text. Providers that set neither keep their paths visible, as before.
/// </summary>
[Collection(TelemetryCollection.Name)]
public class SecretUrlRedactionTests
{
    private const string Secret = "5f0c2b9e8d7a4c3b9a1e6f2d4c8b7a90";
    private const string Webhook = "https://hooks.acme.example/v1/hooks/3fa85f64-5717-4562-b3fc-2c963f66afa6/secret/" + Secret + "?token=sigVALUE0123456789abcdef&v=2";

    [Fact]
    public void RedactUrl_PathsSecret_ShowsSchemeAndHostOnly()
    {
        var redactor = new MartechRedactor(urlPathsAreSecret: true);

        Assert.True(redactor.UrlPathsAreSecret);
        Assert.Equal("https://hooks.acme.example/***", redactor.RedactUrl(new Uri(Webhook)));
        Assert.Equal("http://127.0.0.1:5000/***", redactor.RedactUrl(new Uri("http://127.0.0.1:5000/a/b?c=d")));
        Assert.Equal("***", redactor.RedactUrl(new Uri("hooks/" + Secret, UriKind.Relative)));
        Assert.Equal(string.Empty, redactor.RedactUrl(null));
    }

    [Fact]
    public void RedactUrl_ByDefault_KeepsThePathAndMasksSensitiveQueryValues()
    {
        Assert.False(MartechRedactor.Default.UrlPathsAreSecret);
        Assert.Equal(
            "https://hooks.acme.example/v1/hooks/3fa85f64-5717-4562-b3fc-2c963f66afa6/secret/" + Secret + "?token=***&v=2",
            MartechRedactor.Default.RedactUrl(new Uri(Webhook)));
    }

    [Fact]
    public void RedactText_SecretUrl_MasksLongPathSegmentsAndQueryValuesKeepsWords()
    {
        var redactor = new MartechRedactor(secretUrls: [new Uri(Webhook)]);

        string text = redactor.RedactText(
            $"Cannot POST /v1/hooks/3FA85F64-5717-4562-B3FC-2C963F66AFA6/secret/{Secret}; key {Secret} signed sigVALUE0123456789abcdef (see {Webhook})");

        Assert.Equal(
            "Cannot POST /v1/hooks/***/secret/***; key *** signed *** (see https://hooks.acme.example/v1/hooks/***/secret/***?token=***&v=2)",
            text);
    }

    [Fact]
    public void RedactText_SecretUrlPartsAreMaskedEscapedAndUnescaped()
    {
        var redactor = new MartechRedactor(secretUrls: [new Uri("https://hooks.acme.example/h/a%40b-0123456789abcdef?sp=%2Ftriggers%2Fmanual%2Frun")]);

        Assert.Equal("*** and *** and ***", redactor.RedactText("a%40b-0123456789abcdef and a@b-0123456789abcdef and /triggers/manual/run"));
    }

    [Fact]
    public void RedactText_WithoutSecretUrls_LeavesLongWordsAlone()
    {
        Assert.Equal($"path /v1/hooks/{Secret}", MartechRedactor.Default.RedactText($"path /v1/hooks/{Secret}"));
    }

    [Fact]
    public async Task Transport_PathsSecret_ActivityLogsAndExceptionShowNoPath()
    {
        using var h = new TransportHarness(
            o =>
            {
                o.UrlPathsAreSecret = true;
                o.SecretUrls.Add(new Uri(Webhook));
            },
            LogLevel.Trace);
        h.Mock.When("https://hooks.acme.example/*").Respond(request => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent($"{{\"message\":\"no hook at {request.RequestUri!.AbsolutePath}\"}}"),
        });
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MartechTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Webhook)) { Content = new StringContent("{}") };
        new MartechRequestOptions { Operation = "hooks.post" }.ApplyTo(request);

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => h.Transport.SendAsync(request));

        Activity activity = Assert.Single(activities, a => (string?)a.GetTagItem(MartechTelemetry.ProviderTag) == "Acme");
        Assert.Equal("https://hooks.acme.example/***", activity.GetTagItem("url.full"));
        Assert.Equal("hooks.acme.example", activity.GetTagItem("server.address"));
        Assert.Contains(h.Logs.Entries, e => e.Message.Contains("POST https://hooks.acme.example/*** answered 404", StringComparison.Ordinal));
        Assert.Contains("no hook at /v1/hooks/***/secret/***", ex.Message, StringComparison.Ordinal);
        foreach (string secret in new[] { Secret, "3fa85f64-5717-4562-b3fc-2c963f66afa6", "sigVALUE0123456789abcdef" })
        {
            Assert.DoesNotContain(secret, ex.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.All(h.Logs.Entries, e => Assert.DoesNotContain(secret, e.Message + e.Exception, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Transport_HandlerEchoesSecretUrl_InnerExceptionIsARedactedCopy()
    {
        using var h = new TransportHarness(o => o.SecretUrls.Add(new Uri(Webhook)));
        h.Mock.When("https://hooks.acme.example/*").Throw(new HttpRequestException(HttpRequestError.ResponseEnded, $"The response from {Webhook} ended prematurely.", null, null));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Webhook)) { Content = new StringContent("{}") };

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => h.Transport.SendAsync(request));

        var inner = Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(HttpRequestError.ResponseEnded, inner.HttpRequestError);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sigVALUE0123456789abcdef", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transport_HandlerMessageWithoutSecrets_InnerExceptionIsTheOriginal()
    {
        using var h = new TransportHarness();
        var original = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", null, null);
        h.Mock.When("https://api.acme.example/*").Throw(original);

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => h.Transport.SendAsync(TransportHarness.Post("contacts")));

        Assert.Same(original, ex.InnerException);
    }
}
