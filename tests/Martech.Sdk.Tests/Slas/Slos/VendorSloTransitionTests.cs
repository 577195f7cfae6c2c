using Martech.Sdk.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk.Tests.Slas.Slos;

/// <summary>Breach and recovery events: once per transition, to every handler, on demand or on the timer.</summary>
public sealed class VendorSloTransitionTests
{
    [Fact]
    public async Task EvaluateAsync_MissedThenStillMissedThenMet_RaisesBreachOnceAndRecoveryOnce()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99, Window = TimeSpan.FromHours(1) });
        var handler = new RecordingSloHandler();
        h.Handlers.Add(handler);

        h.Record(200, 95);
        h.Record(500, 5); // 95 % < 99 %
        IReadOnlyList<VendorSloEvent> first = await h.Monitor.EvaluateAsync();
        IReadOnlyList<VendorSloEvent> second = await h.Monitor.EvaluateAsync();
        h.Record(500, 1);
        IReadOnlyList<VendorSloEvent> third = await h.Monitor.EvaluateAsync();

        VendorSloEvent breach = Assert.Single(first);
        Assert.Equal(VendorSloEventKind.Breached, breach.Kind);
        Assert.Equal(95, breach.Objective.Actual!.Value, 1e-9);
        Assert.Equal(h.Time.GetUtcNow(), breach.OccurredAt);
        Assert.Empty(second);
        Assert.Empty(third);

        // The failures leave the hour; 100 good requests come in: 100 %.
        h.Time.Advance(TimeSpan.FromMinutes(62));
        h.Record(200, 100);
        VendorSloEvent recovery = Assert.Single(await h.Monitor.EvaluateAsync());
        Assert.Equal(VendorSloEventKind.Recovered, recovery.Kind);
        Assert.Empty(await h.Monitor.EvaluateAsync());
        Assert.Equal([VendorSloEventKind.Breached, VendorSloEventKind.Recovered], handler.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task EvaluateAsync_MetFromTheStart_RaisesNothing()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99 });
        h.Record(200, 100);

        Assert.Empty(await h.Monitor.EvaluateAsync());
    }

    [Fact]
    public async Task EvaluateAsync_NoDataBetween_KeepsTheMissedState()
    {
        using var h = new SloHarness(o =>
        {
            o.MinimumRequests = 10;
            o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99, Window = TimeSpan.FromMinutes(10) };
        });
        h.Record(500, 10);
        Assert.Equal(VendorSloEventKind.Breached, Assert.Single(await h.Monitor.EvaluateAsync()).Kind);

        h.Time.Advance(TimeSpan.FromMinutes(20)); // nothing in the window: not judged, no recovery
        Assert.Empty(await h.Monitor.EvaluateAsync());

        h.Record(500, 10); // still failing: not a new breach
        Assert.Empty(await h.Monitor.EvaluateAsync());
    }

    [Fact]
    public async Task EvaluateAsync_LatencyAndOperationObjectives_TransitionIndependently()
    {
        using var h = new SloHarness(o =>
        {
            var objectives = new VendorSloObjectives { Availability = 90, LatencyP95 = TimeSpan.FromSeconds(1) };
            objectives.Operations["mail.send"] = new VendorSloObjectives { LatencyP99 = TimeSpan.FromSeconds(1) };
            o.Providers["SendGrid"] = objectives;
        });
        h.Record(200, 97, milliseconds: 100);
        h.Record(200, 3, milliseconds: 3000); // p95 fine, p99 not

        VendorSloEvent breach = Assert.Single(await h.Monitor.EvaluateAsync());

        Assert.Equal("mail.send", breach.Objective.Operation);
        Assert.Equal("p99 <= 1 s", breach.Objective.Description);
    }

    [Fact]
    public async Task EvaluateAsync_AHandlerThrows_TheOthersStillGetTheEvent()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99 });
        var after = new RecordingSloHandler();
        h.Handlers.Add(new ThrowingHandler());
        h.Handlers.Add(after);
        h.Record(500, 50);

        IReadOnlyList<VendorSloEvent> events = await h.Monitor.EvaluateAsync();

        Assert.Single(events);
        Assert.Single(after.Events);
    }

    [Fact]
    public async Task EscalationCard_ThatFailedToSend_IsSentOnTheNextEvaluation_WhileTheStateHolds()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99, Window = TimeSpan.FromHours(1) });
        var sender = new FlakySender(failures: 1);
        h.Handlers.Add(new VendorSloMessageHandler(sender, MessageDestination.Channel("vendor-alerts")));
        h.Record(500, 10);

        VendorSloEvent breach = Assert.Single(await h.Monitor.EvaluateAsync());
        IReadOnlyList<VendorSloEvent> retry = await h.Monitor.EvaluateAsync();
        await h.Monitor.EvaluateAsync();

        Assert.Equal(VendorSloEventKind.Breached, breach.Kind);
        Assert.Empty(retry);
        Assert.Equal(2, sender.Calls);
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task EscalationCard_ThatFailedToSend_IsDropped_OnceALaterTransitionSupersedesIt()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99, Window = TimeSpan.FromHours(1) });
        var sender = new FlakySender(failures: 1);
        h.Handlers.Add(new VendorSloMessageHandler(sender, MessageDestination.Channel("vendor-alerts")));
        h.Record(500, 10);
        await h.Monitor.EvaluateAsync();

        h.Time.Advance(TimeSpan.FromMinutes(62));
        h.Record(200, 100);
        VendorSloEvent recovery = Assert.Single(await h.Monitor.EvaluateAsync());

        Assert.Equal(VendorSloEventKind.Recovered, recovery.Kind);
        Assert.StartsWith("Vendor SLO recovered", Assert.Single(sender.Sent).Card!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedEvaluator_OnTheTimeProvidersTimer_RaisesTheBreach()
    {
        using var h = new SloHarness(o => o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99 });
        var handler = new RecordingSloHandler();
        h.Handlers.Add(handler);
        var service = new VendorSloEvaluationService(h.Monitor, TimeSpan.FromMinutes(1), h.Time, NullLogger.Instance);
        await service.StartAsync(CancellationToken.None);
        h.Record(500, 30);

        h.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(handler.Events);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => handler.Events.Count == 1);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Time.Advance(TimeSpan.FromMinutes(1));

        await service.StopAsync(CancellationToken.None);
        await service.DisposeAsync();
        Assert.Single(handler.Events);
        Assert.Equal(0, h.Time.ActiveTimers);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class ThrowingHandler : IVendorSloHandler
    {
        public Task HandleAsync(VendorSloEvent sloEvent, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The pager is down.");
    }

    private sealed class FlakySender(int failures) : IMessageSender
    {
        public int Calls { get; private set; }

        public List<OutgoingMessage> Sent { get; } = [];

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            if (++Calls <= failures)
            {
                throw new MartechRequestException("The chat vendor answered 500.") { StatusCode = System.Net.HttpStatusCode.InternalServerError };
            }

            Sent.Add(message);
            return Task.FromResult(new MessageSendResult { MessageId = $"m{Calls}", Status = SendStatus.Accepted });
        }
    }
}
