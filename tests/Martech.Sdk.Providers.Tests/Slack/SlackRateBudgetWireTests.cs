using System.Globalization;
using Martech.Sdk.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>
/// Slack's per-method budgets on the wire, with the shipped defaults: <c>conversations.list</c> paced to Tier 2 (20 a
/// minute, one page every three seconds), <c>chat.postMessage</c> to one a second, and neither held back by the other.
/// Times are the wire's clock's: a budget wait fires at once and moves the clock by exactly the wait.
/// </summary>
public sealed class SlackRateBudgetWireTests
{
    private static readonly SlackOptions Defaults = new();

    /// <summary>The wait between two pages: a minute / 20, plus the budget's guard.</summary>
    private static readonly TimeSpan PageInterval = Hold(TimeSpan.FromSeconds(3));

    /// <summary>The wait between two posts: one second plus the guard.</summary>
    private static readonly TimeSpan PostInterval = Hold(TimeSpan.FromSeconds(1));

    private static readonly OutgoingMessage Message = new() { Destination = MessageDestination.Channel("C0123LEADS"), Text = "New lead" };

    /// <summary>A wire with the shipped rate-limit defaults, answering <c>conversations.list</c> with
    /// <paramref name="pages"/> pages, and recording each request's method and clock time.</summary>
    private static (SlackWire Wire, List<(string Method, DateTimeOffset At)> Log) Create(int pages, Action<SlackOptions>? configure = null)
    {
        var log = new List<(string Method, DateTimeOffset At)>();
        SlackWire wire = SlackWire.Create(o =>
        {
            o.RateLimitPermits = Defaults.RateLimitPermits;
            o.RateLimitWindow = Defaults.RateLimitWindow;
            o.PostMessagePerSecond = Defaults.PostMessagePerSecond;
            o.ConversationsListPerMinute = Defaults.ConversationsListPerMinute;
            configure?.Invoke(o);
        });
        wire.Respond = request =>
        {
            string method = request.RequestUri!.AbsolutePath["/api/".Length..];
            lock (log)
            {
                log.Add((method, wire.Clock.GetUtcNow()));
            }

            if (method != SlackMethods.ConversationsList)
            {
                return SlackWire.Json("""{"ok":true,"channel":"C0123LEADS","ts":"1700000000.000100"}""");
            }

            string query = request.RequestUri.Query;
            int page = query.Contains("cursor=", StringComparison.Ordinal) ? int.Parse(query[(query.IndexOf("cursor=p", StringComparison.Ordinal) + 8)..], CultureInfo.InvariantCulture) : 1;
            string next = page < pages ? "p" + (page + 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
            return SlackWire.Json($$$"""{"ok":true,"channels":[{"id":"C{{{page}}}","name":"c{{{page}}}"}],"response_metadata":{"next_cursor":"{{{next}}}"}}""");
        };
        return (wire, log);
    }

    /// <summary>How long the budget holds a permit: the window plus a 2% guard (at most a second).</summary>
    private static TimeSpan Hold(TimeSpan window) => window + TimeSpan.FromTicks(Math.Min(window.Ticks / 50, TimeSpan.TicksPerSecond));

    private static DateTimeOffset[] TimesOf(List<(string Method, DateTimeOffset At)> log, string method)
    {
        lock (log)
        {
            return [.. log.Where(e => e.Method == method).Select(e => e.At)];
        }
    }

    [Fact]
    public async Task ListConversationsAsync_25Pages_PacedToTier2WithoutEverExceeding20AMinute()
    {
        var (wire, log) = Create(pages: 25);
        await using (wire)
        {
            var ids = new List<string>();
            await foreach (SlackConversation conversation in wire.Conversations.ListConversationsAsync(new SlackConversationListOptions { Limit = 1 }))
            {
                ids.Add(conversation.Id);
            }

            Assert.Equal(Enumerable.Range(1, 25).Select(i => "C" + i), ids);
            DateTimeOffset[] pages = TimesOf(log, SlackMethods.ConversationsList);
            Assert.Equal(25, pages.Length);

            // One page every interval: no faster (the budget) and no slower (no waiting beyond it).
            for (int i = 1; i < pages.Length; i++)
            {
                Assert.Equal(PageInterval, pages[i] - pages[i - 1]);
            }

            for (int i = 0; i + 20 < pages.Length; i++)
            {
                Assert.True(pages[i + 20] - pages[i] >= TimeSpan.FromMinutes(1), $"21 pages within a minute from page {i + 1}");
            }
        }
    }

    [Fact]
    public async Task SendAsync_WhileListingWaitsForItsBudget_IsNotHeldBack()
    {
        var (wire, log) = Create(pages: 3);
        await using (wire)
        {
            await using IAsyncEnumerator<Page<SlackConversation>> pages = wire.Conversations.ListConversationsAsync(new SlackConversationListOptions { Limit = 1 }).AsPages().GetAsyncEnumerator();

            Assert.True(await pages.MoveNextAsync()); // the listing budget is used up for a page interval now
            await wire.Sender.SendAsync(Message);
            Assert.True(await pages.MoveNextAsync());
            await wire.Sender.SendAsync(Message);
            Assert.True(await pages.MoveNextAsync());

            DateTimeOffset[] listed = TimesOf(log, SlackMethods.ConversationsList);
            DateTimeOffset[] posted = TimesOf(log, SlackMethods.PostMessage);

            // Each post went at once, at the moment of the page before it; the pages kept their own pace.
            Assert.Equal([listed[0], listed[1]], posted);
            Assert.Equal([listed[0], listed[0] + PageInterval, listed[0] + (2 * PageInterval)], listed);
        }
    }

    [Fact]
    public async Task ListConversationsAsync_WhilePostingWaitsForItsBudget_IsNotHeldBack()
    {
        var (wire, log) = Create(pages: 1);
        await using (wire)
        {
            await wire.Sender.SendAsync(Message); // the posting budgets are used up for a second now
            await foreach (SlackConversation unused in wire.Conversations.ListConversationsAsync())
            {
            }

            await wire.Sender.SendAsync(Message);

            DateTimeOffset[] posted = TimesOf(log, SlackMethods.PostMessage);
            Assert.Equal([posted[0]], TimesOf(log, SlackMethods.ConversationsList));
            Assert.Equal([posted[0], posted[0] + PostInterval], posted);
        }
    }

    [Fact]
    public async Task SendAsync_ThreePosts_PacedToOneASecond()
    {
        var (wire, log) = Create(pages: 1);
        await using (wire)
        {
            for (int i = 0; i < 3; i++)
            {
                await wire.Sender.SendAsync(Message);
            }

            DateTimeOffset[] posted = TimesOf(log, SlackMethods.PostMessage);
            Assert.Equal([posted[0], posted[0] + PostInterval, posted[0] + (2 * PostInterval)], posted);
        }
    }

    [Fact]
    public async Task SendAsync_TwoChannels_EachPacedOnItsOwn_InstanceBudgetCapsTheTotal()
    {
        // One post a second per channel, four a second for the instance: alternating between two channels, each channel
        // waits for its own second only, so two posts go at once, then two a second later.
        var (wire, log) = Create(pages: 1, o => o.RateLimitPermits = 4);
        await using (wire)
        {
            var other = new OutgoingMessage { Destination = MessageDestination.Channel("C0456OPS"), Text = "SLA breach" };
            foreach (OutgoingMessage message in new[] { Message, other, Message, other })
            {
                await wire.Sender.SendAsync(message);
            }

            DateTimeOffset[] posted = TimesOf(log, SlackMethods.PostMessage);
            Assert.Equal([posted[0], posted[0], posted[0] + PostInterval, posted[0] + PostInterval], posted);
        }
    }

    [Fact]
    public async Task SendAsync_PostMessagePerSecondRaised_InstanceBudgetStillCapsPosting()
    {
        var (wire, log) = Create(pages: 1, o =>
        {
            o.PostMessagePerSecond = 3;
            o.RateLimitPermits = 2;
        });
        await using (wire)
        {
            for (int i = 0; i < 3; i++)
            {
                await wire.Sender.SendAsync(Message);
            }

            // Two posts at once (both budgets allow it), the third a window later: the instance budget of 2 a second.
            DateTimeOffset[] posted = TimesOf(log, SlackMethods.PostMessage);
            Assert.Equal([posted[0], posted[0], posted[0] + PostInterval], posted);
        }
    }

    [Fact]
    public void Defaults_AreSlacksPublishedLimits()
    {
        Assert.Equal(20, Defaults.ConversationsListPerMinute);
        Assert.Equal(1, Defaults.PostMessagePerSecond);
        Assert.Equal(1, Defaults.RateLimitPermits);
        Assert.Equal(TimeSpan.FromSeconds(1), Defaults.RateLimitWindow);
    }

    [Fact]
    public void Validate_BudgetsBelowOne_NameTheSettingPath()
    {
        var options = new SlackOptions { BotToken = "xoxb-1", ConversationsListPerMinute = 0, PostMessagePerSecond = -2 };

        Assert.Equal(
            [
                "Martech:Slack:PostMessagePerSecond must be at least 1 (was -2).",
                "Martech:Slack:ConversationsListPerMinute must be at least 1 (was 0).",
            ],
            options.Validate("Martech:Slack"));
    }

    [Fact]
    public async Task AddSlack_FromConfiguration_BindsTheBudgetsAndRejectsBadOnesAtStart()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Slack:BotToken"] = "xoxb-from-config",
            ["Martech:Slack:ConversationsListPerMinute"] = "50",
            ["Martech:Slack:PostMessagePerSecond"] = "2",
            ["Martech:SlackBad:BotToken"] = "xoxb-from-config",
            ["Martech:SlackBad:ConversationsListPerMinute"] = "0",
        }).Build();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddSlack();
        martech.AddSlack("SlackBad");
        await using ServiceProvider provider = services.BuildServiceProvider();
        IOptionsMonitor<SlackOptions> monitor = provider.GetRequiredService<IOptionsMonitor<SlackOptions>>();

        SlackOptions options = monitor.Get("Slack");
        var ex = Assert.Throws<OptionsValidationException>(() => monitor.Get("SlackBad"));

        Assert.Equal((50, 2), (options.ConversationsListPerMinute, options.PostMessagePerSecond));
        Assert.Contains("Martech:SlackBad:ConversationsListPerMinute must be at least 1 (was 0).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListConversationsAsync_ConversationsListPerMinuteRaised_PacesToIt()
    {
        var (wire, log) = Create(pages: 3, o => o.ConversationsListPerMinute = 50);
        await using (wire)
        {
            await foreach (SlackConversation unused in wire.Conversations.ListConversationsAsync(new SlackConversationListOptions { Limit = 1 }))
            {
            }

            DateTimeOffset[] pages = TimesOf(log, SlackMethods.ConversationsList);
            TimeSpan interval = Hold(TimeSpan.FromSeconds(1.2)); // a minute / 50
            Assert.Equal([pages[0], pages[0] + interval, pages[0] + (2 * interval)], pages);
        }
    }
}
