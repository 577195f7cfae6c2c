using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SLA engine: policies, the monitor, the store and escalation.</summary>
public static class SlasMartechBuilderExtensions
{
    /// <summary>
    /// Adds the SLA engine: the <see cref="SlaMonitor"/> (a hosted service evaluates every policy each
    /// <see cref="SlaOptions.EvaluationInterval"/>), the <see cref="ISlaTracker"/>, and the in-memory
    /// <see cref="ISlaStore"/> unless another is given. Settings bind from <c>Martech:Slas</c>, time policies from
    /// <c>Martech:Slas:Policies:&lt;name&gt;</c> and volume policies from <c>Martech:Slas:Volumes:&lt;name&gt;</c>. It also adds
    /// the business calendars (<see cref="BusinessCalendarsMartechBuilderExtensions.AddBusinessCalendars"/>, bound from
    /// <c>Martech:Slas:Calendars:&lt;name&gt;</c>; none need be defined), so calling that as well is only needed to define
    /// calendars in code. All are validated when the host starts: the policies, the calendars they name, the leads
    /// provider and the escalation provider. Calling it again returns a builder for the same engine.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The SLA builder.</returns>
    public static SlasBuilder AddSlas(this MartechBuilder builder, Action<SlaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.ConfigurationPathOf("Slas");
        builder.AddBusinessCalendars();
        OptionsBuilder<SlaOptions> options = services.AddOptions<SlaOptions>();
        SlaDefinitions? definitions = services.FirstOrDefault(d => d.ServiceType == typeof(SlaDefinitions))?.ImplementationInstance as SlaDefinitions;
        if (definitions is null)
        {
            IConfigurationSection? section = builder.Configuration?.GetSection("Slas");
            if (section is not null)
            {
                options.Configure(o => section.Bind(o));
            }

            definitions = new SlaDefinitions(section, path);
            services.AddSingleton(definitions);
            services.AddSingleton<IValidateOptions<SlaOptions>>(sp => new SlaOptionsValidator(sp, definitions, builder, path));
            options.ValidateOnStart();
            services.TryAddSingleton<ISlaStore, InMemorySlaStore>();
            services.TryAddSingleton<ISlaTracker>(sp => new SlaTracker(sp.GetRequiredService<ISlaStore>()));
            services.AddSingleton(sp => new SlaMonitor(
                definitions,
                sp.GetRequiredService<ISlaStore>(),
                sp,
                builder.Registry,
                sp.GetRequiredService<IOptions<SlaOptions>>(),
                sp.GetService<TimeProvider>(),
                sp.GetService<ILogger<SlaMonitor>>()));
            services.AddSingleton<IHostedService>(sp => new SlaMonitorService(
                sp.GetRequiredService<SlaMonitor>(),
                sp.GetRequiredService<IOptions<SlaOptions>>().Value.EvaluationInterval,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                (ILogger?)sp.GetService<ILogger<SlaMonitor>>() ?? NullLogger.Instance));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return new SlasBuilder(builder, definitions);
    }

    private sealed class SlaOptionsValidator(IServiceProvider services, SlaDefinitions definitions, MartechBuilder martech, string path) : IValidateOptions<SlaOptions>
    {
        public ValidateOptionsResult Validate(string? name, SlaOptions options)
        {
            var problems = options.Validate(path).ToList();
            problems.AddRange(definitions.Problems);
            IBusinessCalendars calendars = services.GetRequiredService<IBusinessCalendars>();
            foreach (SlaPolicy policy in definitions.Policies)
            {
                if (policy.Calendar is not { } calendar)
                {
                    continue;
                }

                if (!calendars.TryGet(calendar, out _))
                {
                    problems.Add($"SLA policy '{policy.Name}' counts business time in calendar '{calendar}', which is not defined: define Martech:Slas:Calendars:{calendar} with its TimeZone and Hours, or add it in code with AddBusinessCalendars(o => o.Add(\"{calendar}\", ...)) (calendars: {SlaDefinitions.Names(calendars.Names)}).");
                }
            }

            Check(options.LeadsProvider, typeof(ILeadClient), nameof(SlaOptions.LeadsProvider), "leads", problems);
            Check(options.Escalation?.Provider, typeof(IMessageSender), $"{nameof(SlaOptions.Escalation)}:{nameof(SlaEscalationOptions.Provider)}", "messages", problems);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        private void Check(string? provider, Type capability, string setting, string what, List<string> problems)
        {
            if (provider is null)
            {
                return;
            }

            IReadOnlyList<string> suppliers = martech.Registry.ProvidersOf(capability);
            if (!suppliers.Contains(provider, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{path}:{setting} names '{provider}', which is not a provider instance that supplies {what}: add it (such as AddInMemory(\"{provider}\")) or name one that does ({SlaDefinitions.Names(suppliers)}).");
            }
        }
    }
}
