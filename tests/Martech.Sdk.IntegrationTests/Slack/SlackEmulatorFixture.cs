using Martech.Sdk.Slack;
using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>One <see cref="SlackEmulator"/> per test class; each provider built on it starts from a reset emulator with
/// the conformance channel, user and group DM.</summary>
public sealed class SlackEmulatorFixture : IAsyncLifetime
{
    public const string ChannelId = "C0CONFORMANCE";
    public const string ChannelName = "conformance-alerts";
    public const string UserId = "U0CONFORMANCE";
    public const string GroupId = "G0CONFORMANCE";

    public SlackEmulator Emulator { get; } = new();

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Resets the emulator, adds the conformance conversations, and builds a container with a Slack instance
    /// pointed at it, as a user would.</summary>
    public ServiceProvider CreateServices(Action<SlackOptions>? configure = null)
    {
        Emulator.Reset();
        Emulator.AddChannel(ChannelName, id: ChannelId);
        Emulator.AddUser(UserId);
        Emulator.AddConversation(new SlackEmulatedConversation { Id = GroupId, Name = "mpdm-ada--grace-1", Type = "mpim" });
        var services = new ServiceCollection();
        services.AddMartech().AddSlack(configure: o =>
        {
            o.BotToken = Emulator.BotToken;
            o.BaseAddress = Emulator.BaseAddress;
            o.RateLimitPermits = 1000;
            o.PostMessagePerSecond = 1000;
            o.ConversationsListPerMinute = 60_000;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>What the emulator received, as the conformance suite reads it: the kind follows the requested id.</summary>
    public IReadOnlyList<DeliveredMessage> Delivered() =>
        [.. Emulator.Messages.Select(m => new DeliveredMessage(m.Ts, KindOf(m.RequestedChannel), m.RequestedChannel, m.ThreadTs ?? m.Ts, m.Content))];

    private static MessageDestinationKind KindOf(string requested) => requested switch
    {
        UserId => MessageDestinationKind.User,
        GroupId => MessageDestinationKind.Conversation,
        _ => MessageDestinationKind.Channel,
    };
}
