using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>
/// One provider instance: the capabilities it supplies and the middleware around them. Middleware added with
/// <see cref="Use{TClient}"/> wraps the capability; the first added is the outermost.
/// </summary>
public sealed class MartechProviderBuilder
{
    private readonly Dictionary<Type, List<Delegate>> _middleware = [];
    private readonly HashSet<Type> _capabilities = [];

    internal MartechProviderBuilder(MartechBuilder martech, string name, string providerType)
    {
        Martech = martech;
        Name = name;
        ProviderType = providerType;
    }

    /// <summary>The builder this instance belongs to.</summary>
    public MartechBuilder Martech { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Martech.Services;

    /// <summary>The instance name: the key of its services, options and HTTP client.</summary>
    public string Name { get; }

    /// <summary>The vendor, such as <c>"HubSpot"</c>.</summary>
    public string ProviderType { get; }

    /// <summary>The instance's name and vendor, which its clients return from
    /// <c>GetService(typeof(MartechProviderMetadata))</c>.</summary>
    public MartechProviderMetadata Metadata => new(Name, ProviderType);

    /// <summary>The capability interfaces this instance supplies.</summary>
    public IReadOnlyCollection<Type> Capabilities => _capabilities;

    /// <summary>The configuration path its options bind from, such as <c>Martech:HubSpot</c>.</summary>
    public string ConfigurationPath => Martech.ConfigurationPathOf(Name);

    /// <summary>
    /// Registers this instance's options: bound from <c>Martech:&lt;name&gt;</c> when configuration was given, then
    /// <paramref name="configure"/>, validated with <see cref="MartechProviderOptions.Validate"/> when the host starts.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="bind">Binds the section to the options, written by the provider with its concrete type
    /// (<c>(section, o) =&gt; section.Bind(o)</c>) so the configuration-binding source generator covers it.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>This builder.</returns>
    public MartechProviderBuilder ConfigureOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        Action<IConfiguration, TOptions> bind,
        Action<TOptions>? configure)
        where TOptions : MartechProviderOptions
    {
        ArgumentNullException.ThrowIfNull(bind);
        var builder = Services.AddOptions<TOptions>(Name);
        IConfigurationSection? section = Martech.GetProviderSection(Name);
        if (section is not null)
        {
            builder.Configure(options => bind(section, options));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        Services.AddSingleton<IValidateOptions<TOptions>>(new MartechProviderOptionsValidator<TOptions>(Name, ConfigurationPath));
        builder.ValidateOnStart();
        return this;
    }

    /// <summary>
    /// Declares that this instance supplies a capability. It is registered as a keyed singleton under
    /// <see cref="Name"/>, wrapped in this instance's middleware; the first provider of a capability (or the one
    /// named in <c>Martech:Defaults</c>) also serves it without a key.
    /// </summary>
    /// <typeparam name="TClient">The capability interface, such as <see cref="IContactClient"/>. Adding
    /// <see cref="ICampaignClient"/> also adds <see cref="ICampaignStatsClient"/>, served by the same client.</typeparam>
    /// <param name="factory">Creates the provider's implementation.</param>
    /// <returns>This builder.</returns>
    public MartechProviderBuilder AddCapability<TClient>(Func<IServiceProvider, TClient> factory)
        where TClient : class =>
        AddCapabilityCore(factory, wrap: true);

    /// <summary>Adds middleware around one capability of this instance. The first added is the outermost.</summary>
    /// <typeparam name="TClient">The capability interface.</typeparam>
    /// <param name="middleware">Wraps the inner client, such as <c>(inner, sp) =&gt; new MyClient(inner)</c>.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Middleware for <see cref="ICampaignStatsClient"/> wraps the stats client of a provider that adds that
    /// capability itself (SendGrid, Mailgun, Postmark). A provider with campaigns serves its stats through its
    /// <see cref="ICampaignClient"/>, wrapped in that capability's middleware, so a call is logged or traced once.</remarks>
    public MartechProviderBuilder Use<TClient>(Func<TClient, IServiceProvider, TClient> middleware)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(middleware);
        MartechCapabilities.NameOf(typeof(TClient));
        if (!_middleware.TryGetValue(typeof(TClient), out var list))
        {
            _middleware[typeof(TClient)] = list = [];
        }

        list.Add(middleware);
        return this;
    }

    private MartechProviderBuilder AddCapabilityCore<TClient>(Func<IServiceProvider, TClient> factory, bool wrap)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        MartechCapabilities.NameOf(typeof(TClient));
        if (!_capabilities.Add(typeof(TClient)))
        {
            throw new InvalidOperationException($"Provider '{Name}' already supplies {typeof(TClient).Name}.");
        }

        Services.AddKeyedSingleton<TClient>(Name, (sp, _) => wrap ? Build(factory(sp), sp) : factory(sp));
        if (Martech.Registry.AddCapability(typeof(TClient), Name))
        {
            Services.AddSingleton<TClient>(sp => sp.GetRequiredService<MartechDefaultResolver>().Resolve<TClient>(sp));
        }

        // A provider with campaigns reports their stats too: its campaign client (with its middleware) is also its
        // ICampaignStatsClient, not wrapped a second time in the stats middleware.
        if (typeof(TClient) == typeof(ICampaignClient))
        {
            string name = Name;
            AddCapabilityCore<ICampaignStatsClient>(sp => sp.GetRequiredKeyedService<ICampaignClient>(name), wrap: false);
        }

        return this;
    }

    /// <summary>
    /// Declares something this instance's middleware needs from the rest of the registration, checked when the host
    /// starts (with <c>Martech:Defaults</c>), so a missing dependency fails the start with a message that names the fix
    /// instead of the first call. Middleware such as <c>UseConsent()</c> uses it; so can your own.
    /// </summary>
    /// <param name="problems">Returns one message per problem, none when all is well; it runs once every provider is
    /// registered and may ask <see cref="Microsoft.Extensions.DependencyInjection.MartechServiceCollectionExtensions.RegisteredProvidersOf"/> who supplies what.</param>
    /// <returns>This builder.</returns>
    public MartechProviderBuilder AddStartupCheck(Func<IEnumerable<string>> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Martech.Registry.AddStartupCheck(problems);
        return this;
    }

    private TClient Build<TClient>(TClient inner, IServiceProvider services)
        where TClient : class
    {
        if (inner is null)
        {
            throw new InvalidOperationException($"Provider '{Name}' returned no {typeof(TClient).Name}.");
        }

        if (!_middleware.TryGetValue(typeof(TClient), out var list))
        {
            return inner;
        }

        TClient client = inner;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            client = ((Func<TClient, IServiceProvider, TClient>)list[i])(client, services)
                ?? throw new InvalidOperationException($"A middleware of provider '{Name}' returned no {typeof(TClient).Name}.");
        }

        return client;
    }
}
