using Martech.Sdk.Slack;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>
/// The Slack provider with its shipped per-method budgets against the emulator with Slack's published tiers
/// (<see cref="SlackEmulator.UsePublishedTiers"/>: conversations.list 20 a minute, chat.postMessage 1 a second per
/// channel), over real sockets. The SDK and the emulator share a <see cref="SlackSteppingClock"/>, so minutes of rate
/// windows pass in milliseconds; requests go one after another, as the clock needs.
/// </summary>
public sealed class SlackRateTierTests : IAsyncLifetime
{
    private const string ChannelId = "C0TIERS";
    private SlackEmulator Emulator { get; } = new(); // disposed in DisposeAsync
    private readonly SlackSteppingClock _clock = new();

    public async Task InitializeAsync()
    {
        Emulator.TimeProvider = _clock;
        await Emulator.StartAsync();
        Emulator.UsePublishedTiers();
        Emulator.AddChannel("tiers", id: ChannelId);
        for (int i = 1; i < 50; i++)
        {
            Emulator.AddChannel("channel-" + i);
        }
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    private ServiceProvider Services(Action<SlackOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddSlack(configure: o =>
        {
            o.BotToken = Emulator.BotToken;
            o.BaseAddress = Emulator.BaseAddress;
            configure?.Invoke(o); // the rate budgets stay at their defaults unless a test says otherwise
        });
        return services.BuildServiceProvider();
    }

    private static ISlackConversations Conversations(ServiceProvider services) =>
        (ISlackConversations)services.GetRequiredKeyedService<IMessageSender>("Slack").GetService(typeof(ISlackConversations))!;

    [Fact]
    public async Task ListConversations_25PagesAcrossTwoTier2Windows_CompletesWithoutA429()
    {
        await using ServiceProvider services = Services();
        IMessageSender sender = services.GetRequiredKeyedService<IMessageSender>("Slack");

        var ids = new List<string>();
        await foreach (SlackConversation conversation in Conversations(services).ListConversationsAsync(new SlackConversationListOptions { Limit = 2 }))
        {
            ids.Add(conversation.Id);
        }

        for (int i = 0; i < 3; i++)
        {
            await sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel(ChannelId), Text = "post " + i });
        }

        IReadOnlyList<RecordedRequest> log = Emulator.RequestLog.Requests;
        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(25, log.Count(r => r.Path == "/conversations.list"));
        Assert.Equal(3, log.Count(r => r.Path == "/chat.postMessage"));
        Assert.All(log, r => Assert.Equal(200, r.StatusCode)); // not one 429: the SDK waited instead
        Assert.Equal(3, Emulator.Messages.Count);

        // The listing outlasted the emulator's first one-minute window: 25 pages fit only because they were paced.
        TimeSpan listing = log.Last(r => r.Path == "/conversations.list").ArrivedAt - log[0].ArrivedAt;
        Assert.True(listing > TimeSpan.FromMinutes(1), $"the listing took {listing} of the shared clock");
    }

    [Fact]
    public async Task ListConversations_BudgetRaisedAboveTheTier_TheEmulatorAnswers429AtPage21()
    {
        // The control: without the Tier 2 budget the same listing runs into the emulator's limit.
        await using ServiceProvider services = Services(o =>
        {
            o.ConversationsListPerMinute = 60_000;
            o.Resilience.MaxRetryAttempts = 0;
        });

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(async () =>
        {
            await foreach (SlackConversation unused in Conversations(services).ListConversationsAsync(new SlackConversationListOptions { Limit = 2 }))
            {
            }
        });

        IReadOnlyList<RecordedRequest> log = Emulator.RequestLog.Requests;
        Assert.Equal(21, log.Count);
        Assert.All(log.Take(20), r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(429, log[20].StatusCode);
        Assert.NotNull(ex.RetryAfter);
    }
}
