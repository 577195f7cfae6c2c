using System.Diagnostics;
using System.Net;
using System.Text;
using Martech.Sdk.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>
/// A Teams webhook URL is a credential — the <c>sig</c> query value of a Workflows URL, the path of a legacy Office 365
/// connector URL — so no part of it may reach logs (any category, any level), activities (tags, events, status) or
/// exceptions, whether the send succeeds or fails, and even when the vendor or a handler echoes the URL back.
/// </summary>
public sealed class TeamsSecretRedactionTests
{
    public static TheoryData<string, string> Sends
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string channel in new[] { "#new-leads", "legacy" })
            {
                foreach (string answer in new[] { "accepted", "400-echoing-url", "404-echoing-path", "429", "legacy-throttling-body", "connection-lost-echoing-url" })
                {
                    data.Add(channel, answer);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sends))]
    public async Task SendAsync_AnyOutcome_NoPartOfTheWebhookSecretInLogsActivitiesOrExceptions(string channel, string answer)
    {
        await using var wire = TeamsWire.Create(provider: p => p.UseLogging().UseOpenTelemetry());
        wire.RespondAsync = request => Answer(answer, request);
        using var activities = new ActivityRecorder();

        Exception? error = null;
        using (activities.StartTest())
        {
            try
            {
                await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel(channel), Text = "New lead: Ada" });
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }

        Assert.Equal(answer is "accepted", error is null);
        string everything = Everything(wire, activities, error);
        foreach (string secret in SecretsOf(channel))
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }

        // The transport's activity and Debug line show the URL as scheme and host only.
        string shown = $"https://{new Uri(channel == "legacy" ? TeamsWire.LegacyUrl : TeamsWire.LeadsUrl).Host}/***";
        Activity http = Assert.Single(activities.Stopped, a => a.Kind == ActivityKind.Client && (string?)a.GetTagItem(MartechTelemetry.ProviderTag) == "Teams");
        Assert.Equal(shown, http.GetTagItem("url.full"));
        Assert.Contains(wire.Logs.Entries, e => e.Category == "Martech.Sdk.Http" && e.Message.Contains(shown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_VendorEchoesTheLegacyUrl_ExceptionKeepsTheMessageAndMasksTheSecret()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = request => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent($"Bad payload for {request.RequestUri!.AbsoluteUri}") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("legacy"), Text = "Hi" }));

        // Words stay readable; every id, key and signature of the configured URL is masked.
        Assert.Contains("Bad payload for https://contoso.webhook.office.com/webhookb2/***/IncomingWebhook/***/***/***", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_ShowsNoWebhookUrl()
    {
        var options = new TeamsOptions().AddChannel("legacy", new Uri(TeamsWire.LegacyUrl)).AddChannel("#new-leads", new Uri(TeamsWire.LeadsUrl));

        string text = options.ToString()!;

        foreach (string secret in SecretsOf("legacy").Concat(SecretsOf("#new-leads")))
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static IEnumerable<string> SecretsOf(string channel) => channel == "legacy"
        ? [TeamsWire.LegacySecret, TeamsWire.LegacyGroup, "3fa85f64-5717-4562-b3fc-2c963f66afa6", TeamsWire.LegacyOwner, TeamsWire.LegacyToken]
        : [TeamsWire.Sig];

    private static Task<HttpResponseMessage> Answer(string answer, HttpRequestMessage request)
    {
        Uri url = request.RequestUri!;
        return answer switch
        {
            "accepted" => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted)),

            // A proxy or gateway in front of the webhook that quotes the request.
            "400-echoing-url" => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent($"Request to {url.AbsoluteUri} rejected (signature {Sig(url)}).") }),
            "404-echoing-path" => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"Cannot POST {Uri.UnescapeDataString(url.PathAndQuery)}") }),
            "429" => Task.FromResult(Throttled()),
            "legacy-throttling-body" => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"Microsoft Teams endpoint returned HTTP error 429 for {url.AbsoluteUri}") }),
            "connection-lost-echoing-url" => throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The response from {url.AbsoluteUri} ended prematurely."),
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
        };

        static HttpResponseMessage Throttled()
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("""{"error":{"code":"WorkflowRequestsThrottled","message":"Throttled."}}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        }

        // The sig of a Workflows URL; the secret segment (after IncomingWebhook/) of a legacy one.
        static string Sig(Uri url) => System.Web.HttpUtility.ParseQueryString(url.Query)["sig"] ?? url.Segments[4].TrimEnd('/');
    }

    // Every text the SDK produced: log messages and their exceptions, every activity's names, tags, events and status,
    // and the exception the caller got (ToString includes inner exceptions).
    private static string Everything(TeamsWire wire, ActivityRecorder activities, Exception? error)
    {
        var sb = new StringBuilder();
        foreach (var entry in wire.Logs.Entries)
        {
            sb.Append(entry.Category).Append(' ').Append(entry.Message).Append(' ').Append(entry.Exception).Append('\n');
        }

        foreach (Activity activity in activities.Stopped)
        {
            sb.Append(activity.DisplayName).Append(' ').Append(activity.OperationName).Append(' ').Append(activity.StatusDescription).Append('\n');
            foreach (var tag in activity.TagObjects)
            {
                sb.Append(tag.Key).Append('=').Append(tag.Value).Append('\n');
            }

            foreach (ActivityEvent e in activity.Events)
            {
                sb.Append(e.Name);
                foreach (var tag in e.Tags)
                {
                    sb.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                }

                sb.Append('\n');
            }
        }

        sb.Append(error);
        return sb.ToString();
    }

    /// <summary>Records every activity of every source that stops in the trace of <see cref="StartTest"/>, so activities
    /// of tests running in parallel are left out.</summary>
    private sealed class ActivityRecorder : IDisposable
    {
        private static readonly ActivitySource TestSource = new("Martech.Sdk.Providers.Tests.Teams");

        private readonly ActivityListener _listener;
        private readonly List<Activity> _stopped = [];
        private ActivityTraceId _trace;

        public ActivityRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    lock (_stopped)
                    {
                        if (a.TraceId == _trace && a.Source != TestSource)
                        {
                            _stopped.Add(a);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>Starts the test's root activity: everything the SDK starts under it is recorded.</summary>
        public Activity StartTest()
        {
            Activity test = TestSource.StartActivity("test") ?? throw new InvalidOperationException("The test activity was not created.");
            lock (_stopped)
            {
                _trace = test.TraceId;
            }

            return test;
        }

        public IReadOnlyList<Activity> Stopped
        {
            get
            {
                lock (_stopped)
                {
                    return [.. _stopped];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
