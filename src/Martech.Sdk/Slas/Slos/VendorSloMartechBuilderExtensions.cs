using Martech.Sdk;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds vendor SLOs: availability and latency per provider instance, measured by the SDK's own transport.</summary>
public static class VendorSloMartechBuilderExtensions
{
    /// <summary>
    /// Measures every request of this container's provider instances in the HTTP transport (outcome, duration, 429s,
    /// rate-limit waits), and adds <see cref="IVendorSloMonitor"/> (reports, objectives, error budgets, burn rates,
    /// rankings) and a hosted evaluator that raises breach and recovery events to the registered
    /// <see cref="IVendorSloHandler"/>s (and to <c>Martech:Slos:Escalation</c>'s messaging provider). Objectives and
    /// settings bind from <c>Martech:Slos</c> (<see cref="VendorSloOptions"/>) and are validated when the host starts,
    /// including that every instance named there is registered. Calling it again configures the same monitor.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddVendorSlos(this MartechBuilder builder, Action<VendorSloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.ConfigurationPathOf("Slos");
        OptionsBuilder<VendorSloOptions> options = services.AddOptions<VendorSloOptions>();
        if (!services.Any(d => d.ServiceType == typeof(VendorSloRecorder)))
        {
            if (builder.Configuration is { } configuration)
            {
                options.Configure(o => VendorSloOptions.Bind(configuration.GetSection("Slos"), o));
            }

            MartechRegistry registry = builder.Registry;
            services.AddSingleton<IValidateOptions<VendorSloOptions>>(new VendorSloOptionsValidator(path, registry));
            options.ValidateOnStart();
            services.AddSingleton(sp => new VendorSloRecorder(
                VendorSloLayout.From(Options(sp)),
                Options(sp).MaxOperationsPerInstance,
                sp.GetService<TimeProvider>() ?? TimeProvider.System));
            services.AddSingleton<MartechTransportObserver>(sp => sp.GetRequiredService<VendorSloRecorder>());
            services.AddSingleton<IVendorSloMonitor>(sp => new VendorSloMonitor(
                sp.GetRequiredService<VendorSloRecorder>(),
                Options(sp),
                VendorSloInstanceInfo.From(registry),
                () => Handlers(sp, registry),
                Logger(sp)));
            services.AddSingleton<IHostedService>(sp => new VendorSloEvaluationService(
                sp.GetRequiredService<IVendorSloMonitor>(),
                Options(sp).EvaluationInterval,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                Logger(sp)));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    private static VendorSloOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<VendorSloOptions>>().Value;

    private static ILogger Logger(IServiceProvider sp) => (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger("Martech.Sdk.Slos") ?? NullLogger.Instance;

    // The application's handlers, then the escalation card when Martech:Slos:Escalation names a messaging provider.
    private static List<IVendorSloHandler> Handlers(IServiceProvider sp, MartechRegistry registry)
    {
        List<IVendorSloHandler> handlers = [.. sp.GetServices<IVendorSloHandler>()];
        if (Options(sp).Escalation is { Provider: { } provider } escalation)
        {
            // Instance names compare ignoring case; the keyed service is found by the name as registered.
            string name = registry.TryGet(provider, out MartechProviderBuilder? found) ? found!.Name : provider;
            handlers.Add(new VendorSloMessageHandler(sp.GetRequiredKeyedService<IMessageSender>(name), escalation.ParseDestination()));
        }

        return handlers;
    }
}
