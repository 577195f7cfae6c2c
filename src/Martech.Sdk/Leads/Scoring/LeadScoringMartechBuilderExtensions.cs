using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds lead scoring.</summary>
public static class LeadScoringMartechBuilderExtensions
{
    /// <summary>
    /// Adds lead scoring: the <see cref="LeadScoring"/> engine (a singleton), the in-memory <see cref="ILeadScoreStore"/>
    /// unless another is given, and a webhook inbox handler that records engagement events (when <c>AddWebhooks()</c> is
    /// used). The model binds from <c>Martech:Leads:Scoring</c> (rules from configuration come before those added by
    /// <paramref name="configure"/>) and is validated when the host starts (or by <c>IStartupValidator.Validate()</c>),
    /// each problem named by its configuration path. Calling it again returns a builder for the same engine.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The scoring builder, to add handlers or a store.</returns>
    public static LeadScoringBuilder AddLeadScoring(this MartechBuilder builder, Action<LeadScoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        OptionsBuilder<LeadScoringOptions> options = services.AddOptions<LeadScoringOptions>();
        if (!services.Any(d => d.ServiceType == typeof(LeadScoring)))
        {
            string path = builder.ConfigurationPathOf("Leads") + ":Scoring";
            var problems = new List<string>();
            if (builder.Configuration?.GetSection("Leads:Scoring") is { } section && section.Exists())
            {
                options.Configure(o =>
                {
                    var settings = new LeadScoringSettings();
                    try
                    {
                        // Bound to the concrete settings type here, so the binding source generator sees the call.
                        section.Bind(settings);
                        lock (problems)
                        {
                            problems.Clear();
                            problems.AddRange(settings.ApplyTo(o, path));
                        }
                    }
                    catch (InvalidOperationException ex)
                    {
                        lock (problems)
                        {
                            problems.Clear();
                            problems.Add($"{path}: {ex.Message}");
                        }
                    }
                });
            }

            services.AddSingleton<IValidateOptions<LeadScoringOptions>>(new OptionsValidator(path, problems, builder.Registry));
            options.ValidateOnStart();
            services.TryAddSingleton<ILeadScoreStore, InMemoryLeadScoreStore>();
            services.AddSingleton(sp => new LeadScoring(
                sp.GetRequiredService<IOptions<LeadScoringOptions>>().Value,
                sp.GetRequiredService<ILeadScoreStore>(),
                () => sp.GetServices<ILeadScoreHandler>(),
                sp.GetService<TimeProvider>(),
                sp.GetService<ILogger<LeadScoring>>(),
                () => sp.GetRequiredService<IOptions<LeadScoringOptions>>().Value.WriteScoreTo is { } writeTo ? sp.GetRequiredKeyedService<ILeadClient>(builder.Registry.TryGet(writeTo, out MartechProviderBuilder? found) ? found!.Name : writeTo) : null));
            services.AddScoped<IMartechEventHandler<MartechEvent>>(sp => new LeadScoringEventHandler(sp.GetRequiredService<LeadScoring>()));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return new LeadScoringBuilder(builder);
    }

    private sealed class OptionsValidator(string path, List<string> configurationProblems, MartechRegistry registry) : IValidateOptions<LeadScoringOptions>
    {
        public ValidateOptionsResult Validate(string? name, LeadScoringOptions options)
        {
            if (!string.Equals(name, Microsoft.Extensions.Options.Options.DefaultName, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Skip;
            }

            List<string> problems;
            lock (configurationProblems)
            {
                problems = [.. configurationProblems];
            }

            // A rule that did not bind is reported above; do not also say the model has no rules.
            problems.AddRange(options.Validate(path).Where(p => problems.Count == 0 || !p.Contains(" has no rules", StringComparison.Ordinal)));
            IReadOnlyList<string> leads = registry.ProvidersOf(typeof(ILeadClient));
            if (options.WriteScoreTo is { } writeTo && !leads.Contains(writeTo, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{path}:WriteScoreTo names '{writeTo}', which is not a provider instance that supplies leads: add it (such as AddInMemory(\"{writeTo}\")) or name one that does ({(leads.Count == 0 ? "none" : string.Join(", ", leads))}).");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
