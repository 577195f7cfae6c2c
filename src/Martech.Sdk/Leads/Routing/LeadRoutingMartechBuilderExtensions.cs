using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds lead routing and handoff.</summary>
public static class LeadRoutingMartechBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="LeadRouter"/> (a singleton) with options bound from <c>Martech:Leads:Routing</c> and changed
    /// by <paramref name="configure"/>, the in-memory <see cref="ILeadRoutingStore"/> unless another is registered, the
    /// business calendars (<c>Martech:Slas:Calendars</c>) and a hosted service that sends notifications deferred to
    /// owners' working hours. Everything is checked when the host starts (or through <c>IStartupValidator.Validate()</c>):
    /// owners, weights, capacities, pools, rules, the calendars owners name and the leads, contacts and messaging
    /// providers, each problem named by its configuration path with the fix. Calling it again adds
    /// <paramref name="configure"/> to the same router.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddLeadRouting(this MartechBuilder builder, Action<LeadRoutingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.ConfigurationPathOf("Leads:Routing");
        OptionsBuilder<LeadRoutingOptions> options = services.AddOptions<LeadRoutingOptions>();
        if (!services.Any(d => d.ServiceType == typeof(LeadRouter)))
        {
            builder.AddBusinessCalendars();
            if (builder.Configuration?.GetSection("Leads:Routing") is { } section)
            {
                options.Configure(o => section.Bind(o));
            }

            services.AddSingleton<IValidateOptions<LeadRoutingOptions>>(sp => new Validator(sp, builder.Registry, path));
            options.ValidateOnStart();
            services.TryAddSingleton<ILeadRoutingStore, InMemoryLeadRoutingStore>();
            services.AddSingleton(sp =>
            {
                LeadRoutingOptions o = sp.GetRequiredService<IOptions<LeadRoutingOptions>>().Value;
                return new LeadRouter(
                    o,
                    o.LeadsProvider is { } leads ? sp.GetRequiredKeyedService<ILeadClient>(Registered(builder, leads)) : sp.GetRequiredService<ILeadClient>(),
                    o.NotificationProvider is { } messages ? sp.GetRequiredKeyedService<IMessageSender>(Registered(builder, messages)) : null,
                    !o.Affinity.ContactOwner ? null
                        : o.Affinity.ContactsProvider is { } contacts ? sp.GetRequiredKeyedService<IContactClient>(Registered(builder, contacts))
                        : sp.GetRequiredService<IContactClient>(),
                    sp.GetRequiredService<ILeadRoutingStore>(),
                    sp.GetRequiredService<IBusinessCalendars>(),
                    sp.GetService<TimeProvider>());
            });
            services.AddSingleton<IHostedService>(sp => new LeadRoutingNotificationService(
                sp.GetRequiredService<LeadRouter>(),
                sp.GetRequiredService<IOptions<LeadRoutingOptions>>().Value,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                (ILogger?)sp.GetService<ILogger<LeadRouter>>() ?? NullLogger.Instance));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    private static string Registered(MartechBuilder builder, string name) =>
        builder.Registry.TryGet(name, out MartechProviderBuilder? found) ? found!.Name : name;

    private sealed class Validator(IServiceProvider services, MartechRegistry registry, string path) : IValidateOptions<LeadRoutingOptions>
    {
        public ValidateOptionsResult Validate(string? name, LeadRoutingOptions options)
        {
            var problems = options.Validate(path, services.GetRequiredService<IBusinessCalendars>()).ToList();
            Check(options.LeadsProvider, typeof(ILeadClient), nameof(LeadRoutingOptions.LeadsProvider), "leads", problems);
            Check(options.NotificationProvider, typeof(IMessageSender), nameof(LeadRoutingOptions.NotificationProvider), "messages", problems);
            if (options.LeadsProvider is null && registry.ProvidersOf(typeof(ILeadClient)).Count == 0)
            {
                problems.Add($"{path}: lead routing writes owners to leads, and no provider instance supplies leads: add one (such as AddInMemory() or AddHubSpot()) or set {path}:{nameof(LeadRoutingOptions.LeadsProvider)}.");
            }

            if (options.Affinity is { ContactOwner: true } affinity)
            {
                Check(affinity.ContactsProvider, typeof(IContactClient), $"{nameof(LeadRoutingOptions.Affinity)}:{nameof(LeadRoutingAffinityOptions.ContactsProvider)}", "contacts", problems);
                if (affinity.ContactsProvider is null && registry.ProvidersOf(typeof(IContactClient)).Count == 0)
                {
                    problems.Add($"{path}:{nameof(LeadRoutingOptions.Affinity)}:{nameof(LeadRoutingAffinityOptions.ContactOwner)} looks owners up in contacts, and no provider instance supplies contacts: add one, or turn it off.");
                }
            }

            if (options.NotificationProvider is null && options.Owners?.Values.Any(o => o?.Destination is not null) == true)
            {
                problems.Add($"{path}: owners have a Destination but {path}:{nameof(LeadRoutingOptions.NotificationProvider)} is not set: name the messaging provider instance to notify them through (such as Slack), or remove the destinations.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        private void Check(string? provider, Type capability, string setting, string what, List<string> problems)
        {
            if (provider is null)
            {
                return;
            }

            IReadOnlyList<string> suppliers = registry.ProvidersOf(capability);
            if (!suppliers.Contains(provider, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{path}:{setting} names '{provider}', which is not a provider instance that supplies {what}: add it (such as AddInMemory(\"{provider}\")) or name one that does ({LeadRoutingOptions.Known(suppliers)}).");
            }
        }
    }
}
