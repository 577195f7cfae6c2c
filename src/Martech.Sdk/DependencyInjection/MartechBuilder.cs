using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Registers Martech.Sdk provider instances; returned by <c>services.AddMartech()</c>.</summary>
public sealed class MartechBuilder
{
    internal MartechBuilder(IServiceCollection services, IConfiguration? configuration, MartechRegistry registry)
    {
        Services = services;
        Configuration = configuration;
        Registry = registry;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The <c>Martech</c> configuration section options bind from, if one was given.</summary>
    public IConfiguration? Configuration { get; }

    internal MartechRegistry Registry { get; }

    /// <summary>The names of the registered provider instances.</summary>
    public IEnumerable<string> ProviderNames => Registry.Providers.Select(p => p.Name);

    /// <summary>
    /// Registers a provider instance. Vendor packages call this from their <c>Add&lt;Vendor&gt;</c> method and then
    /// declare the capabilities they supply with <see cref="MartechProviderBuilder.AddCapability{TClient}"/>.
    /// </summary>
    /// <param name="name">The instance name: the key of its keyed services and the configuration section
    /// <c>Martech:&lt;name&gt;</c> its options bind from.</param>
    /// <param name="providerType">The vendor, such as <c>"HubSpot"</c>, for logs and telemetry.</param>
    /// <returns>The instance's builder.</returns>
    /// <exception cref="InvalidOperationException">An instance with that name is already registered.</exception>
    public MartechProviderBuilder AddProvider(string name, string providerType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerType);
        var provider = new MartechProviderBuilder(this, name, providerType);
        Registry.Add(provider);
        return provider;
    }

    /// <summary>Gets the configuration section for an instance: <c>Martech:&lt;name&gt;</c>.</summary>
    /// <param name="name">The instance name.</param>
    /// <returns>The section, or <see langword="null"/> when no configuration was given to <c>AddMartech</c>.</returns>
    public IConfigurationSection? GetProviderSection(string name) => Configuration?.GetSection(name);

    internal string ConfigurationPathOf(string name) =>
        Configuration is IConfigurationSection section ? $"{section.Path}:{name}" : $"Martech:{name}";
}
