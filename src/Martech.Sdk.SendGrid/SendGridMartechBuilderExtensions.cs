using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds SendGrid provider instances: email sending, suppression lists and category statistics.</summary>
public static class SendGridMartechBuilderExtensions
{
    /// <summary>
    /// Adds a SendGrid provider instance that supplies <see cref="IEmailSender"/>, <see cref="IEmailSuppressionList"/>,
    /// <see cref="ICampaignStatsClient"/> (category statistics: a campaign id is a category) and <see cref="IWebhookReceiver"/> (the signed Event Webhook, once <c>Webhooks:PublicKey</c> is set).
    /// Its <see cref="SendGridOptions"/> bind from <c>Martech:&lt;name&gt;</c>, then <paramref name="configure"/>, and are
    /// validated when the host starts. Requests go through the shared transport as the named <see cref="HttpClient"/>
    /// <paramref name="name"/>, with bearer authentication, SendGrid's error mapping and its <c>X-RateLimit-*</c> headers.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, to add middleware such as <c>UseConsent()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddSendGrid(configure: o =&gt; o.DefaultUnsubscribeGroupId = 12345)
    ///     .UseConsent();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddSendGrid(this MartechBuilder builder, string name = "SendGrid", Action<SendGridOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "SendGrid");
        provider.ConfigureOptions<SendGridOptions>((section, options) => section.Bind(options), configure);

        SendGridOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<SendGridOptions>>().Get(name);

        provider.AddHttpTransport(sp =>
        {
            SendGridOptions options = Options(sp);
            var http = new MartechHttpOptions
            {
                BaseAddress = WithTrailingSlash(options.BaseAddress),
                Authentication = MartechAuthentications.Bearer(options.ApiKey!),
                RateLimit = options.RateLimit,
                RateLimitHeaders = RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true),
                Resilience = options.Resilience,
                ErrorMapper = SendGridErrorMapper.Instance,
            };
            return http;
        });

        builder.Services.AddKeyedSingleton(name, (sp, _) => new SendGridApi(sp.GetRequiredKeyedService<MartechHttpTransport>(name), Options(sp)));
        SendGridApi Api(IServiceProvider sp) => sp.GetRequiredKeyedService<SendGridApi>(name);

        return provider
            .AddCapability<IEmailSender>(sp => new SendGridEmailSender(provider.Metadata, Api(sp), Options(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System))
            .AddCapability<IEmailSuppressionList>(sp => new SendGridSuppressionList(provider.Metadata, Api(sp), Options(sp)))
            .AddCapability<ICampaignStatsClient>(sp => new SendGridCampaignStatsClient(provider.Metadata, Api(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System))
            .AddCapability<IWebhookReceiver>(sp => new SendGridWebhookReceiver(provider.Metadata, Options(sp), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
    }

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsolutePath.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/", UriKind.Absolute);
}
