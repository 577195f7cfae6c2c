using System.Diagnostics.CodeAnalysis;
using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Lets one provider instance serve many tenants, each with its own credentials.</summary>
public static class TenantCredentialsMartechBuilderExtensions
{
    /// <summary>
    /// Sends this instance's calls with the credentials of the call's tenant (<see cref="MartechRequestOptions.Tenant"/>,
    /// else <see cref="MartechTenant.Current"/>), which <typeparamref name="TResolver"/> (a singleton from the container)
    /// gives. Each tenant gets its own authentication (so its own OAuth2 token), rate budget (keyed by its credential, so
    /// tenants sharing a credential share it), operation budgets, circuit breaker and redactor. Settings bind from
    /// <c>Martech:&lt;name&gt;:Tenants</c> (<see cref="MartechTenantOptions"/>), then <paramref name="configure"/>, and
    /// are checked when the host starts.
    /// </summary>
    /// <typeparam name="TResolver">The resolver; registered as a singleton unless the container has it already.</typeparam>
    /// <param name="builder">The provider instance; its vendor must use the HTTP transport.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The instance already has per-tenant credentials.</exception>
    public static MartechProviderBuilder UseTenantCredentials<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TResolver>(this MartechProviderBuilder builder, Action<MartechTenantOptions>? configure = null)
        where TResolver : class, IMartechCredentialResolver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TResolver>();
        return Register(builder, static sp => sp.GetRequiredService<TResolver>(), configure);
    }

    /// <summary>
    /// Sends this instance's calls with the credentials of the call's tenant, as <paramref name="resolve"/> gives them
    /// (<see langword="null"/> for a tenant it does not know); see
    /// <see cref="UseTenantCredentials{TResolver}(MartechProviderBuilder, Action{MartechTenantOptions}?)"/>.
    /// </summary>
    /// <param name="builder">The provider instance; its vendor must use the HTTP transport.</param>
    /// <param name="resolve">Gets a tenant's credentials. Called once per tenant (however many calls ask at once),
    /// again after <see cref="MartechTenantOptions.CredentialLifetime"/>.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The instance already has per-tenant credentials.</exception>
    public static MartechProviderBuilder UseTenantCredentials(
        this MartechProviderBuilder builder,
        Func<MartechCredentialRequest, CancellationToken, ValueTask<MartechTenantCredentials?>> resolve,
        Action<MartechTenantOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(resolve);
        var resolver = new DelegateCredentialResolver(resolve);
        return Register(builder, _ => resolver, configure);
    }

    private static MartechProviderBuilder Register(MartechProviderBuilder builder, Func<IServiceProvider, IMartechCredentialResolver> resolver, Action<MartechTenantOptions>? configure)
    {
        string name = builder.Name;
        IServiceCollection services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(MartechTenantRegistration) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"Provider '{name}' already has per-tenant credentials: call UseTenantCredentials once per instance.");
        }

        OptionsBuilder<MartechTenantOptions> options = services.AddOptions<MartechTenantOptions>(name);
        if (builder.Martech.GetProviderSection(name) is { } section)
        {
            options.Configure(o => section.GetSection("Tenants").Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<MartechTenantOptions>>(new MartechTenantOptionsValidator(name, builder.ConfigurationPath + ":Tenants"));
        options.ValidateOnStart();
        services.AddKeyedSingleton(name, new MartechTenantRegistration(name, resolver));

        // Per-tenant credentials live in the HTTP transport: an instance without one would silently ignore them.
        builder.AddStartupCheck(() =>
            services.Any(d => d.ServiceType == typeof(MartechTransportContext) && Equals(d.ServiceKey, name))
                ? []
                : [$"Provider '{name}' ({builder.ProviderType}) uses UseTenantCredentials but does not send through the SDK's HTTP transport, so it cannot use per-tenant credentials: remove UseTenantCredentials from it."]);
        return builder;
    }
}
