using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>Resolves the un-keyed capability services to the configured or first-registered provider instance.</summary>
internal sealed class MartechDefaultResolver(MartechRegistry registry, IOptions<MartechDefaultsOptions> defaults)
{
    public TClient Resolve<TClient>(IServiceProvider services)
        where TClient : class
    {
        string name = Choose(typeof(TClient));
        return services.GetRequiredKeyedService<TClient>(name);
    }

    public string Choose(Type capability)
    {
        var providers = registry.ProvidersOf(capability);
        string? configured = defaults.Value.For(capability);
        if (configured is null)
        {
            return providers.Count > 0
                ? providers[0]
                : throw new InvalidOperationException($"No Martech provider that supplies {capability.Name} is registered.");
        }

        foreach (string name in providers)
        {
            if (string.Equals(name, configured, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        throw new InvalidOperationException(DescribeMissing(capability, configured));
    }

    public string DescribeMissing(Type capability, string configured)
    {
        var providers = registry.ProvidersOf(capability);
        string capabilityName = MartechCapabilities.NameOf(capability);
        string known = providers.Count == 0 ? "none" : string.Join(", ", providers);
        return registry.TryGet(configured, out _)
            ? $"Martech:Defaults:{capabilityName} names '{configured}', but that provider does not supply {capability.Name}. Providers that do: {known}."
            : $"Martech:Defaults:{capabilityName} names '{configured}', but no provider instance has that name. Providers that supply {capability.Name}: {known}.";
    }
}
