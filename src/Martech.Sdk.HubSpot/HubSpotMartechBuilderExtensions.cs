using Martech.Sdk;
using Martech.Sdk.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds HubSpot provider instances: contacts and leads over HubSpot's CRM v3 API, campaign email statistics over
/// its marketing API.</summary>
public static class HubSpotMartechBuilderExtensions
{
    /// <summary>The budget group of the search operations.</summary>
    private const string SearchBudget = "search";

    /// <summary>The operations of <c>POST …/objects/{type}/search</c> for the object types the provider reads
    /// (<see cref="HubSpotObjectApi"/> names them <c>{type}.search</c>).</summary>
    private static readonly string[] SearchOperations = ["contacts.search", "leads.search"];

    /// <summary>
    /// Adds a HubSpot provider instance that supplies <see cref="IContactClient"/>, <see cref="ILeadClient"/>,
    /// <see cref="ICampaignStatsClient"/> (a marketing campaign's email statistics, the campaign named by its GUID; with
    /// <see cref="IHubSpotCampaignReports"/> through <c>GetService</c>) and <see cref="IWebhookReceiver"/> (HubSpot's
    /// signed webhooks, once <c>Webhooks:ClientSecret</c> is set). Its
    /// <see cref="HubSpotOptions"/> bind from <c>Martech:&lt;name&gt;</c>, then <paramref name="configure"/>, and are
    /// validated when the host starts (a missing <c>AccessToken</c> is named there). Requests go through the shared
    /// transport with a bearer token, a rate budget seeded from the tier's published limit and corrected by HubSpot's
    /// <c>X-HubSpot-RateLimit-*</c> headers, retries that never resend a write that may have been processed, and
    /// <see cref="HubSpotErrorMapper"/>.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client, and its configuration
    /// section. Register one instance per HubSpot portal.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, to add middleware such as <c>UseLogging()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddHubSpot(configure: o =&gt; o.Tier = HubSpotApiTier.ProfessionalOrEnterprise)
    ///     .UseLogging();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddHubSpot(this MartechBuilder builder, string name = "HubSpot", Action<HubSpotOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "HubSpot");
        provider.ConfigureOptions<HubSpotOptions>((section, options) => section.Bind(options), configure);
        string configurationPath = provider.ConfigurationPath;
        HubSpotOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<HubSpotOptions>>().Get(name);
        MartechHttpTransport Transport(IServiceProvider sp) => sp.GetRequiredKeyedService<MartechHttpTransport>(name);

        provider.AddHttpTransport(sp =>
        {
            HubSpotOptions options = Options(sp);
            var http = new MartechHttpOptions
            {
                BaseAddress = WithTrailingSlash(options.BaseAddress),
                Authentication = MartechAuthentications.Bearer(options.AccessToken!),
                RateLimit =
                {
                    PermitLimit = options.GetEffectiveRateLimitPermits(),
                    Window = options.RateLimitWindow,
                    MaxWait = options.RateLimitMaxWait,
                },
                RateLimitHeaders = RateLimitHeaderReaders.HubSpot,
                Resilience = options.Resilience,
                ErrorMapper = HubSpotErrorMapper.Instance,
            };

            // The search endpoints have a per-second limit of their own, per token across object types: one budget for
            // the search operations of every object type, on top of the burst budget.
            var search = new MartechOperationRateLimit
            {
                PermitLimit = options.SearchRequestsPerSecond,
                Window = TimeSpan.FromSeconds(1),
                Group = SearchBudget,
            };
            foreach (string operation in SearchOperations)
            {
                http.RateLimit.Operations[operation] = search;
            }

            // The legacy developer key travels in the query string; mask it should a user add one to a request.
            http.SensitiveQueryParameters.Add("hapikey");
            return http;
        });

        return provider
            .AddCapability<IContactClient>(sp => new HubSpotContactClient(provider.Metadata, Options(sp), Transport(sp), configurationPath))
            .AddCapability<ILeadClient>(sp => new HubSpotLeadClient(provider.Metadata, Options(sp), Transport(sp), configurationPath))
            .AddCapability<ICampaignStatsClient>(sp => new HubSpotCampaignStatsClient(provider.Metadata, Options(sp), Transport(sp), configurationPath, sp.GetService<TimeProvider>()))
            .AddCapability<IWebhookReceiver>(sp => new HubSpotWebhookReceiver(provider.Metadata, Options(sp), configurationPath, sp.GetService<TimeProvider>()));
    }

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsolutePath.EndsWith('/') ? address : new Uri(address.GetLeftPart(UriPartial.Path) + "/");
}
