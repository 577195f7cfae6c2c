using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.Transport;

/// <summary>Secrets never reach logs, exceptions, telemetry or ToString; telemetry records what happened.</summary>
[Collection(TelemetryCollection.Name)]
public class SecretsAndTelemetryTests
{
    [Fact]
    public async Task TraceLogging_NoSecretInAnyLogLineOrException()
    {
        using var h = new TransportHarness(o => o.SensitiveHeaders.Add("X-Acme-Signature"), LogLevel.Trace);
        int calls = 0;
        h.Mock.When("https://api.acme.example/v1/contacts*").Respond(_ => Task.FromResult(++calls switch
        {
            1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent($"{{\"message\":\"overloaded for key {TransportHarness.ApiKey}\"}}") },
            _ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent($"{{\"message\":\"bad key {TransportHarness.ApiKey}\"}}") },
        }));
        var request = TransportHarness.Get("contacts?limit=5", "contacts.list");
        request.Headers.Add("X-Acme-Signature", "sig-SECRET-VALUE-42");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => h.Transport.SendAsync(request));

        Assert.True(h.Logs.Entries.Count >= 3, "expected request, retry and response log lines at Trace");
        Assert.Contains(h.Logs.Entries, e => e.Message.Contains("api_key=***", StringComparison.Ordinal));
        Assert.Contains(h.Logs.Entries, e => e.Message.Contains("X-Acme-Signature=***", StringComparison.Ordinal));
        foreach (var entry in h.Logs.Entries)
        {
            Assert.DoesNotContain(TransportHarness.ApiKey, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET-VALUE", entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(TransportHarness.ApiKey, entry.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(TransportHarness.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Authentication_ToStringHidesSecret()
    {
        var auth = MartechAuthentications.ApiKeyQuery("api_key", TransportHarness.ApiKey);
        Assert.DoesNotContain(TransportHarness.ApiKey, auth.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TransportHarness.ApiKey, auth.CredentialId, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderOptions_ToStringNeverPrintsSettings()
    {
        var options = new SecretOptions { ApiKey = TransportHarness.ApiKey };
        Assert.DoesNotContain(TransportHarness.ApiKey, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telemetry_ActivityAndMetricsRecordedWithRedactedUrl()
    {
        using var h = new TransportHarness();
        int calls = 0;
        h.Mock.When("https://api.acme.example/v1/contacts*").Respond(_ => Task.FromResult(new HttpResponseMessage(++calls == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)));
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MartechTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MartechTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(measurements, i.Name, v, tags));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(measurements, i.Name, v, tags));
        meters.Start();

        using var response = await h.Transport.SendAsync(TransportHarness.Get("contacts?limit=5", "contacts.list"));

        // One activity and one request measurement for the caller's request; the retry is an event and a count.
        var activity = Assert.Single(activities, a => (string?)a.GetTagItem(MartechTelemetry.ProviderTag) == "Acme");
        Assert.Equal("https://api.acme.example/v1/contacts?limit=5&api_key=***", activity.GetTagItem("url.full"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("503", Assert.Single(activity.Events, e => e.Name == "martech.retry").Tags.First(t => t.Key == MartechTelemetry.RetryReasonTag).Value);

        var request = Assert.Single(measurements, m => m.Instrument == "martech.client.requests" && (string?)m.Tags[MartechTelemetry.ProviderTag] == "Acme");
        Assert.Equal("success", request.Tags[MartechTelemetry.OutcomeTag]);
        Assert.Equal("contacts.list", request.Tags[MartechTelemetry.OperationTag]);
        Assert.Equal(200, request.Tags["http.response.status_code"]);
        var retry = Assert.Single(measurements, m => m.Instrument == "martech.client.retries" && (string?)m.Tags[MartechTelemetry.ProviderTag] == "Acme");
        Assert.Equal("503", retry.Tags[MartechTelemetry.RetryReasonTag]);
        Assert.Single(measurements, m => m.Instrument == "martech.client.request.duration" && (string?)m.Tags[MartechTelemetry.ProviderTag] == "Acme");
    }

    private static void Record<T>(List<(string, double, Dictionary<string, object?>)> sink, string name, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var dict = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            dict[tag.Key] = tag.Value;
        }

        lock (sink)
        {
            sink.Add((name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), dict));
        }
    }

    private sealed class SecretOptions : MartechProviderOptions
    {
        public string? ApiKey { get; set; }
    }
}

/// <summary>Tests that listen to the process-wide activity source and meter run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
