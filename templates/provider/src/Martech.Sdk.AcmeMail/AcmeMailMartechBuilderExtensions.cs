using Martech.Sdk;
using Martech.Sdk.AcmeMail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AcmeMail provider instances.</summary>
public static class AcmeMailMartechBuilderExtensions
{
    /// <summary>Registers an AcmeMail instance that sends email (<see cref="IEmailSender"/>). Options bind from
    /// <c>Martech:&lt;name&gt;</c> (<c>ApiKey</c> is required), then <paramref name="configure"/> runs; they are
    /// validated when the host starts.</summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: the key of its services, options and HTTP client, and its configuration
    /// section.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, for middleware such as <c>UseLogging()</c>.</returns>
    public static MartechProviderBuilder AddAcmeMail(this MartechBuilder builder, string name = "AcmeMail", Action<AcmeMailOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "AcmeMail");
        provider.ConfigureOptions<AcmeMailOptions>((section, options) => section.Bind(options), configure);

        // The one shared transport: authentication, rate budget, safe retries, error mapping, telemetry, redaction.
        provider.AddHttpTransport(sp =>
        {
            AcmeMailOptions options = Options(sp, name);
            return new MartechHttpOptions
            {
                BaseAddress = options.BaseAddress,
                Authentication = MartechAuthentications.Bearer(options.ApiKey!),
                RateLimit = { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow },
                Resilience = options.Resilience,
                ErrorMapper = DefaultErrorMapper.Instance,
            };
        });

        MartechProviderMetadata metadata = provider.Metadata;
        provider.AddCapability<IEmailSender>(sp => new AcmeMailEmailSender(metadata, Options(sp, name), sp.GetRequiredKeyedService<MartechHttpTransport>(name)));
        return provider;
    }

    private static AcmeMailOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<AcmeMailOptions>>().Get(name);
}
