using Martech.Sdk;
using Martech.Sdk.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Slack provider instance.</summary>
public static class SlackMartechBuilderExtensions
{
    /// <summary>Adds a Slack provider instance that sends <see cref="IMessageSender"/> messages through
    /// <c>chat.postMessage</c> (and lists conversations through <see cref="ISlackConversations"/>), and receives the
    /// app's signed requests (Events API, slash commands, interactivity) as its <see cref="IWebhookReceiver"/> once
    /// <c>Webhooks:SigningSecret</c> is set, configured from <c>Martech:&lt;name&gt;</c>.</summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name; the default value is <c>Slack</c>.</param>
    /// <param name="configure">Configures the options after configuration binding; optional.</param>
    /// <returns>The provider builder, to add middleware.</returns>
    public static MartechProviderBuilder AddSlack(this MartechBuilder builder, string name = "Slack", Action<SlackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Slack");
        provider.ConfigureOptions<SlackOptions>((section, options) => section.Bind(options), configure);
        provider.AddHttpTransport(sp =>
        {
            SlackOptions options = Options(sp, name);
            return new MartechHttpOptions
            {
                BaseAddress = options.BaseAddress,
                Authentication = MartechAuthentications.Bearer(options.BotToken ?? string.Empty),
                RateLimit =
                {
                    PermitLimit = options.RateLimitPermits,
                    Window = options.RateLimitWindow,

                    // Slack limits each Web API method on its own (its tiers), so a method with a budget of its own
                    // neither waits for the others nor holds them back; posts are limited per channel (the sender
                    // partitions by the channel it posts to) and also count against the instance budget.
                    Operations =
                    {
                        [SlackMethods.PostMessage] = new() { PermitLimit = options.PostMessagePerSecond, Window = TimeSpan.FromSeconds(1), PerPartition = true },
                        [SlackMethods.ConversationsList] = new()
                        {
                            PermitLimit = options.ConversationsListPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            Spread = true,
                            SharesInstanceBudget = false,
                        },
                    },
                },
                Resilience = options.Resilience,
                ErrorMapper = SlackErrorMapper.Instance,
            };
        });

        MartechProviderMetadata metadata = provider.Metadata;
        provider.AddCapability<IMessageSender>(sp => new SlackMessageSender(metadata, Options(sp, name), sp.GetRequiredKeyedService<MartechHttpTransport>(name)));
        provider.AddCapability<IWebhookReceiver>(sp => new SlackWebhookReceiver(metadata, Options(sp, name), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
        return provider;
    }

    private static SlackOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<SlackOptions>>().Get(name);
}
