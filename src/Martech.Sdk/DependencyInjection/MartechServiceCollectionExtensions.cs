using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Martech.Sdk to a service collection.</summary>
public static class MartechServiceCollectionExtensions
{
    /// <summary>
    /// Adds Martech.Sdk and returns the builder to register providers on, such as <c>.AddInMemory()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>Martech</c> configuration section: provider options bind from its child
    /// sections (<c>Martech:HubSpot</c>) and default routing from <c>Martech:Defaults</c>. Optional.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddMartech(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        MartechRegistry? registry = null;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(MartechRegistry) && descriptor.ImplementationInstance is MartechRegistry existing)
            {
                registry = existing;
                break;
            }
        }

        if (registry is null)
        {
            registry = new MartechRegistry();
            services.AddSingleton(registry);
            services.AddSingleton<MartechDefaultResolver>();
            services.AddSingleton<IValidateOptions<MartechDefaultsOptions>>(new MartechDefaultsValidator(registry));
            services.AddOptions<MartechDefaultsOptions>().ValidateOnStart();
        }

        if (configuration is not null)
        {
            services.AddOptions<MartechDefaultsOptions>().Configure(options => configuration.GetSection("Defaults").Bind(options));
        }

        return new MartechBuilder(services, configuration, registry);
    }

    /// <summary>The provider instances registered so far that supply a capability, for packages that register
    /// something per instance (health checks, endpoints).</summary>
    /// <param name="services">The service collection <c>AddMartech()</c> was called on.</param>
    /// <param name="capability">The capability interface, such as <see cref="IWebhookReceiver"/>.</param>
    /// <returns>The instance names, in registration order; empty when <c>AddMartech()</c> was not called.</returns>
    public static IReadOnlyList<string> RegisteredProvidersOf(IServiceCollection services, Type capability)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(capability);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(MartechRegistry) && descriptor.ImplementationInstance is MartechRegistry registry)
            {
                return registry.ProvidersOf(capability);
            }
        }

        return [];
    }
}
