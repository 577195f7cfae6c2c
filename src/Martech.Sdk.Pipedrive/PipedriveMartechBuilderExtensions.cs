using Martech.Sdk;
using Martech.Sdk.Pipedrive;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Pipedrive provider instances: contacts (persons) and leads.</summary>
public static class PipedriveMartechBuilderExtensions
{
    /// <summary>The header Pipedrive reads the API token from.</summary>
    private const string TokenHeader = "x-api-token";

    /// <summary>
    /// Adds a Pipedrive provider instance that supplies <see cref="IContactClient"/> (persons, API v2),
    /// <see cref="ILeadClient"/> (leads, API v1) and <see cref="IWebhookReceiver"/> (webhooks v2 and v1, protected by
    /// HTTP Basic credentials, once <c>Webhooks:Username</c> and <c>Webhooks:Password</c> are set). Its
    /// <see cref="PipedriveOptions"/> bind from <c>Martech:&lt;name&gt;</c> and are validated when the host starts;
    /// requests go through the shared transport with the API token in <c>x-api-token</c>, a rate budget corrected by
    /// Pipedrive's <c>x-ratelimit-*</c> headers, and Pipedrive's error bodies mapped to the SDK's exceptions.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, to add middleware such as <c>UseLogging()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddPipedrive(configure: o =&gt; o.CompanyDomain = "acme")   // ApiToken from Martech:Pipedrive:ApiToken
    ///     .UseLogging();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddPipedrive(this MartechBuilder builder, string name = "Pipedrive", Action<PipedriveOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Pipedrive");
        provider.ConfigureOptions<PipedriveOptions>((section, options) => section.Bind(options), configure);

        PipedriveOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<PipedriveOptions>>().Get(name);

        provider.AddHttpTransport(sp =>
        {
            PipedriveOptions options = Options(sp);
            var http = new MartechHttpOptions
            {
                BaseAddress = options.ResolveBaseAddress(),
                Authentication = MartechAuthentications.ApiKeyHeader(TokenHeader, options.ApiToken!),
                RateLimit = { PermitLimit = options.RateLimitPermitLimit, Window = options.RateLimitWindow },
                RateLimitHeaders = RateLimitHeaderReaders.Pipedrive,
                Resilience = options.Resilience,
                ErrorMapper = PipedriveErrorMapper.Instance,
            };
            http.SensitiveHeaders.Add(TokenHeader);
            http.SensitiveQueryParameters.Add("api_token");
            return http;
        });

        builder.Services.AddKeyedSingleton(name, (sp, _) =>
        {
            PipedriveOptions options = Options(sp);
            var api = new PipedriveApi(sp.GetRequiredKeyedService<MartechHttpTransport>(name), options.ResolveV1BaseAddress());
            var catalog = new PipedriveFieldCatalog(api, sp.GetService<TimeProvider>() ?? TimeProvider.System, options.FieldCacheDuration);
            return new PipedrivePersons(api, catalog, options);
        });

        PipedrivePersons Persons(IServiceProvider sp) => sp.GetRequiredKeyedService<PipedrivePersons>(name);

        return provider
            .AddCapability<IContactClient>(sp => new PipedriveContactClient(provider.Metadata, Persons(sp), Options(sp)))
            .AddCapability<ILeadClient>(sp => new PipedriveLeadClient(provider.Metadata, Persons(sp), Options(sp), sp.GetService<TimeProvider>() ?? TimeProvider.System))
            .AddCapability<IWebhookReceiver>(sp => new PipedriveWebhookReceiver(provider.Metadata, Options(sp), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
    }
}
