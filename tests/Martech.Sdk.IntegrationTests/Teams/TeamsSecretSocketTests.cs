using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk.IntegrationTests.Teams;

/// <summary>
/// The Workflows webhook's <c>sig</c> over real sockets, with everything listening: every log category at Trace (the
/// SDK's, the HTTP client factory's, System.Net's) and every activity source (the SDK's and .NET's own
/// <c>System.Net.Http</c>). The signature appears in none of them, whether the send succeeds or fails.
/// </summary>
public sealed class TeamsSecretSocketTests : IClassFixture<TeamsEmulatorFixture>
{
    private static readonly ActivitySource TestSource = new("Martech.Sdk.IntegrationTests.Teams");

    private readonly TeamsEmulatorFixture _fixture;

    public TeamsSecretSocketTests(TeamsEmulatorFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("accepted")]
    [InlineData("forged-signature")]
    [InlineData("server-error")]
    [InlineData("throttled")]
    public async Task SendAsync_EverythingListening_SignatureNowhere(string outcome)
    {
        var logs = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new QueueLoggerProvider(logs)));
        _fixture.Emulator.Reset();
        Uri url = _fixture.Emulator.AddChannel(TeamsEmulatorFixture.Channel);
        string sig = System.Web.HttpUtility.ParseQueryString(url.Query)["sig"]!;
        services.AddMartech().AddTeams(configure: o =>
        {
            o.AddChannel(TeamsEmulatorFixture.Channel, outcome == "forged-signature" ? new Uri(url.AbsoluteUri.Replace(sig, "forged0123456789abcdefXYZ", StringComparison.Ordinal)) : url);
            o.Resilience.MaxRetryAttempts = 0;
        }).UseLogging().UseOpenTelemetry();
        await using ServiceProvider provider = services.BuildServiceProvider();
        switch (outcome)
        {
            case "server-error":
                _fixture.Emulator.Faults.Next(1, EmulatorFault.ServerError(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Failed to run " + url.AbsoluteUri + "\"}}"));
                break;
            case "throttled":
                _fixture.Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(7)));
                break;
        }

        var activities = new ConcurrentQueue<Activity>();
        ActivityTraceId trace = default;
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace)
                {
                    activities.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        Exception? error = null;
        using (Activity test = TestSource.StartActivity("test")!)
        {
            trace = test.TraceId;
            try
            {
                await provider.GetRequiredKeyedService<IMessageSender>("Teams").SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel(TeamsEmulatorFixture.Channel), Text = "Hello" });
            }
            catch (MartechException ex)
            {
                error = ex;
            }
        }

        Assert.Equal(outcome == "accepted", error is null);
        Assert.Contains(activities, a => a.Source.Name == MartechTelemetry.Name && a.Kind == ActivityKind.Client);
        Assert.Contains(activities, a => a.Source.Name == "System.Net.Http");
        var everything = new StringBuilder();
        foreach (string line in logs)
        {
            everything.Append(line).Append('\n');
        }

        foreach (Activity activity in activities)
        {
            everything.Append(activity.DisplayName).Append(' ').Append(activity.StatusDescription).Append('\n');
            foreach (var tag in activity.TagObjects)
            {
                everything.Append(tag.Key).Append('=').Append(tag.Value).Append('\n');
            }

            foreach (ActivityEvent e in activity.Events)
            {
                foreach (var tag in e.Tags)
                {
                    everything.Append(tag.Key).Append('=').Append(tag.Value).Append('\n');
                }
            }
        }

        everything.Append(error);
        Assert.DoesNotContain(sig, everything.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("forged0123456789abcdefXYZ", everything.ToString(), StringComparison.Ordinal);
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
