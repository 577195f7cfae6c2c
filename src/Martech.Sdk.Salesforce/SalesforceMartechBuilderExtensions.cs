using Martech.Sdk;
using Martech.Sdk.Salesforce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Salesforce provider instances: contacts, leads and campaigns over the Salesforce REST API.</summary>
public static class SalesforceMartechBuilderExtensions
{
    /// <summary>
    /// Adds a Salesforce provider instance that supplies <see cref="IContactClient"/> (the Contact sObject),
    /// <see cref="ILeadClient"/> (Lead), <see cref="ICampaignClient"/> (Campaign and CampaignMember) and
    /// <see cref="IWebhookReceiver"/> (outbound messages, once <c>Webhooks:OrganizationId</c> and <c>Webhooks:Token</c>
    /// are set). Its options bind from <c>Martech:&lt;name&gt;</c> and are validated at start-up. It authenticates with OAuth2 (client credentials by
    /// default, or a refresh token) at <c>{MyDomainUrl}/services/oauth2/token</c>, through the HTTP client named
    /// <c>&lt;name&gt;.oauth</c>, keeping tokens in the <see cref="IOAuth2TokenStore"/> registered under the instance name or
    /// without a key (an in-memory store otherwise); API calls go to the token's <c>instance_url</c>.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, to add middleware such as <c>UseLogging()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddSalesforce(configure: o =&gt;
    ///     {
    ///         o.MyDomainUrl = new Uri("https://acme.my.salesforce.com");
    ///         o.ClientId = consumerKey;
    ///         o.ClientSecret = consumerSecret;
    ///     })
    ///     .UseLogging();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddSalesforce(this MartechBuilder builder, string name = "Salesforce", Action<SalesforceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Salesforce");
        provider.ConfigureOptions<SalesforceOptions>((section, options) => section.Bind(options), configure);
        IServiceCollection services = builder.Services;
        SalesforceOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<SalesforceOptions>>().Get(name);

        services.AddKeyedSingleton(name, (sp, _) =>
        {
            SalesforceOptions options = Options(sp);
            var oauth = new OAuth2Options
            {
                TokenEndpoint = options.ResolveTokenEndpoint(),
                ClientId = options.ClientId,
                ClientSecret = options.ClientSecret,
                GrantType = options.GrantType,
                RefreshToken = options.RefreshToken,
            };
            return MartechAuthentications.OAuth2(
                oauth,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(name + ".oauth"),
                sp.GetKeyedService<IOAuth2TokenStore>(name) ?? sp.GetService<IOAuth2TokenStore>(),
                sp.GetService<TimeProvider>());
        });

        provider.AddHttpTransport(sp =>
        {
            SalesforceOptions options = Options(sp);
            return new MartechHttpOptions
            {
                // Requests carry absolute URIs on the token's instance_url; the base address is the My Domain.
                BaseAddress = new Uri(options.MyDomainUrl!, "/"),
                Authentication = sp.GetRequiredKeyedService<OAuth2Authentication>(name),
                RateLimit = { PermitLimit = options.RequestsPerSecond, Window = TimeSpan.FromSeconds(1) },
                RateLimitHeaders = RateLimitHeaderReaders.Salesforce,
                Resilience = options.Resilience,
                ErrorMapper = SalesforceErrorMapper.Instance,
            };
        });

        services.AddKeyedSingleton(name, (sp, _) => new SalesforceConnection(
            provider.Metadata,
            Options(sp),
            sp.GetRequiredKeyedService<MartechHttpTransport>(name),
            sp.GetRequiredKeyedService<OAuth2Authentication>(name),
            sp.GetService<TimeProvider>()));
        SalesforceConnection Connection(IServiceProvider sp) => sp.GetRequiredKeyedService<SalesforceConnection>(name);

        return provider
            .AddCapability<IContactClient>(sp => new SalesforceContactClient(Connection(sp)))
            .AddCapability<ILeadClient>(sp => new SalesforceLeadClient(Connection(sp)))
            .AddCapability<ICampaignClient>(sp => new SalesforceCampaignClient(Connection(sp)))
            .AddCapability<IWebhookReceiver>(sp => new SalesforceWebhookReceiver(provider.Metadata, Options(sp), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
    }
}
