using System.Net.Http.Headers;
using Martech.Sdk;
using Martech.Sdk.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Twilio Messaging provider instances.</summary>
public static class TwilioMartechBuilderExtensions
{
    /// <summary>
    /// Registers a Twilio instance that sends SMS or WhatsApp messages to phone numbers (<see cref="IMessageSender"/>)
    /// and verifies its status callbacks and incoming messages (<see cref="IWebhookReceiver"/>, signed with the auth token).
    /// Options bind from <c>Martech:&lt;name&gt;</c> (<c>AccountSid</c>, <c>AuthToken</c> and <c>From</c> or
    /// <c>MessagingServiceSid</c> are required), then <paramref name="configure"/> runs; they are validated when the
    /// host starts.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client, and its configuration
    /// section.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, for middleware such as <c>UseLogging()</c> and <c>UseConsent()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddTwilio(configure: o => o.AuthToken = secrets.TwilioAuthToken)
    ///     .UseConsent();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddTwilio(this MartechBuilder builder, string name = "Twilio", Action<TwilioOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Twilio");
        provider.ConfigureOptions<TwilioOptions>((section, options) => section.Bind(options), configure);
        provider.AddHttpTransport(sp =>
        {
            TwilioOptions options = Options(sp, name);
            return new MartechHttpOptions
            {
                BaseAddress = options.BaseAddress,
                Authentication = MartechAuthentications.Basic(options.AccountSid!, options.AuthToken!),
                RateLimit = { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow },

                // Twilio documents no rate-limit headers; 429 (code 20429) is its only "not processed" answer.
                RateLimitHeaders = null,
                Resilience = options.Resilience,
                ErrorMapper = TwilioErrorMapper.Instance,
            };
        }).ConfigureHttpClient(static client => client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")));

        MartechProviderMetadata metadata = provider.Metadata;
        provider.AddCapability<IMessageSender>(sp => new TwilioMessageSender(metadata, Options(sp, name), Transport(sp, name)));
        provider.AddCapability<IWebhookReceiver>(sp => new TwilioWebhookReceiver(metadata, Options(sp, name), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
        return provider;
    }

    private static TwilioOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<TwilioOptions>>().Get(name);

    private static MartechHttpTransport Transport(IServiceProvider services, string name) =>
        services.GetRequiredKeyedService<MartechHttpTransport>(name);
}
