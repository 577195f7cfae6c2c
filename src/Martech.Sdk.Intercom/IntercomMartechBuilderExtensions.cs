using System.Net.Http.Headers;
using Martech.Sdk;
using Martech.Sdk.Intercom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Intercom provider instances.</summary>
public static class IntercomMartechBuilderExtensions
{
    /// <summary>
    /// Registers an Intercom instance that replies to conversations and messages contacts as an admin
    /// (<see cref="IMessageSender"/>), and verifies its webhook notifications (<see cref="IWebhookReceiver"/>, once
    /// <c>Webhooks:ClientSecret</c> is set). Options bind from <c>Martech:&lt;name&gt;</c> (<c>AccessToken</c> and
    /// <c>AdminId</c> are required), then <paramref name="configure"/> runs; they are validated when the host starts.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client, and its configuration
    /// section.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, for middleware such as <c>UseLogging()</c>.</returns>
    public static MartechProviderBuilder AddIntercom(this MartechBuilder builder, string name = "Intercom", Action<IntercomOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Intercom");
        provider.ConfigureOptions<IntercomOptions>((section, options) => section.Bind(options), configure);
        provider.AddHttpTransport(sp =>
        {
            IntercomOptions options = Options(sp, name);
            return new MartechHttpOptions
            {
                BaseAddress = options.ResolveBaseAddress(),
                Authentication = MartechAuthentications.Bearer(options.AccessToken!),
                RateLimit = { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow },
                RateLimitHeaders = RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true),
                Resilience = options.Resilience,
                ErrorMapper = IntercomErrorMapper.Instance,
            };
        }).ConfigureHttpClient((sp, client) =>
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            client.DefaultRequestHeaders.TryAddWithoutValidation("Intercom-Version", Options(sp, name).IntercomVersion);
        });

        MartechProviderMetadata metadata = provider.Metadata;
        provider.AddCapability<IMessageSender>(sp => new IntercomMessageSender(metadata, Options(sp, name), Transport(sp, name)));
        provider.AddCapability<IWebhookReceiver>(sp => new IntercomWebhookReceiver(metadata, Options(sp, name), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
        return provider;
    }

    private static IntercomOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<IntercomOptions>>().Get(name);

    private static MartechHttpTransport Transport(IServiceProvider services, string name) =>
        services.GetRequiredKeyedService<MartechHttpTransport>(name);
}
