using System.Net.Http.Headers;
using Martech.Sdk;
using Martech.Sdk.Postmark;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Postmark provider instances.</summary>
public static class PostmarkMartechBuilderExtensions
{
    /// <summary>
    /// Registers a Postmark instance that sends email (<see cref="IEmailSender"/>), reads and changes its
    /// suppression lists (<see cref="IEmailSuppressionList"/>), reads outbound statistics by tag
    /// (<see cref="ICampaignStatsClient"/>: a campaign id is a tag) and receives its webhooks (<see cref="IWebhookReceiver"/>,
    /// once <c>Webhooks:Username</c> and <c>Webhooks:Password</c> are set). Options bind from <c>Martech:&lt;name&gt;</c>
    /// (<c>ServerToken</c> is required), then <paramref name="configure"/> runs; they are validated when the host starts.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client, and its configuration
    /// section.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, for middleware such as <c>UseLogging()</c> and <c>UseConsent()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddPostmark(configure: o => o.ServerToken = secrets.PostmarkServerToken)
    ///     .UseConsent();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddPostmark(this MartechBuilder builder, string name = "Postmark", Action<PostmarkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Postmark");
        provider.ConfigureOptions<PostmarkOptions>((section, options) => section.Bind(options), configure);
        provider.AddHttpTransport(sp =>
        {
            PostmarkOptions options = Options(sp, name);
            var http = new MartechHttpOptions
            {
                BaseAddress = options.BaseAddress,
                Authentication = MartechAuthentications.ApiKeyHeader(PostmarkOptions.ServerTokenHeader, options.ServerToken!),
                RateLimit = { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow },

                // Postmark documents no rate-limit headers and no "not processed" answers besides 429.
                RateLimitHeaders = null,
                Resilience = options.Resilience,
                ErrorMapper = PostmarkErrorMapper.Instance,
            };
            http.SensitiveHeaders.Add(PostmarkOptions.ServerTokenHeader);
            return http;
        }).ConfigureHttpClient(static client => client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")));

        MartechProviderMetadata metadata = provider.Metadata;
        provider.AddCapability<IEmailSender>(sp => new PostmarkEmailSender(metadata, Options(sp, name), Transport(sp, name)));
        provider.AddCapability<IEmailSuppressionList>(sp => new PostmarkEmailSuppressionList(metadata, Options(sp, name), Transport(sp, name)));
        provider.AddCapability<ICampaignStatsClient>(sp => new PostmarkCampaignStatsClient(metadata, Options(sp, name), Transport(sp, name), sp.GetService<TimeProvider>()));
        provider.AddCapability<IWebhookReceiver>(sp => new PostmarkWebhookReceiver(metadata, Options(sp, name), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
        return provider;
    }

    private static PostmarkOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<PostmarkOptions>>().Get(name);

    private static MartechHttpTransport Transport(IServiceProvider services, string name) =>
        services.GetRequiredKeyedService<MartechHttpTransport>(name);
}
