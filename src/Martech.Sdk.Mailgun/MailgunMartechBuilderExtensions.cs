using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Mailgun provider instances.</summary>
public static class MailgunMartechBuilderExtensions
{
    /// <summary>
    /// Adds a Mailgun provider instance that supplies <see cref="IEmailSender"/>, <see cref="IEmailSuppressionList"/>,
    /// <see cref="ICampaignStatsClient"/> (tag statistics: a campaign id is a tag) and <see cref="IWebhookReceiver"/> (signed webhooks, once <c>Webhooks:SigningKey</c> is set) for one sending
    /// domain. Its <see cref="MailgunOptions"/> bind from <c>Martech:&lt;name&gt;</c> and are
    /// validated at start-up; requests authenticate with HTTP Basic (<c>api</c> and the API key) and go through the
    /// shared transport: rate budget, retries that never resend a message that may have been sent, and Mailgun's
    /// error bodies mapped to <see cref="MartechRequestException"/>s.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, to add middleware such as <c>UseConsent()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddMailgun(configure: o =&gt; o.Region = MailgunRegion.EU)   // ApiKey and Domain from Martech:Mailgun
    ///     .UseConsent();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddMailgun(this MartechBuilder builder, string name = "Mailgun", Action<MailgunOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Mailgun");
        provider.ConfigureOptions<MailgunOptions>((section, options) => section.Bind(options), configure);

        MailgunOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<MailgunOptions>>().Get(name);
        MartechHttpTransport Transport(IServiceProvider sp) => sp.GetRequiredKeyedService<MartechHttpTransport>(name);

        provider.AddHttpTransport(sp =>
        {
            MailgunOptions options = Options(sp);
            return new MartechHttpOptions
            {
                BaseAddress = options.GetEffectiveBaseAddress(),
                Authentication = MartechAuthentications.Basic("api", options.ApiKey!),

                // Mailgun publishes no request rate and no rate-limit headers: the budget starts from the options and
                // follows Retry-After on 429.
                RateLimit = { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow },
                Resilience = options.Resilience,
                ErrorMapper = MailgunErrorMapper.Instance,
            };
        });

        return provider
            .AddCapability<IEmailSender>(sp => new MailgunEmailSender(provider.Metadata, Options(sp), Transport(sp), sp.GetService<TimeProvider>()))
            .AddCapability<IEmailSuppressionList>(sp => new MailgunSuppressionList(provider.Metadata, Options(sp), Transport(sp)))
            .AddCapability<ICampaignStatsClient>(sp => new MailgunCampaignStatsClient(provider.Metadata, Options(sp), Transport(sp), sp.GetService<TimeProvider>()))
            .AddCapability<IWebhookReceiver>(sp => new MailgunWebhookReceiver(provider.Metadata, Options(sp), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
    }
}
