using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds contact merges: proposals, preview, apply with audit and undo.</summary>
public static class ContactMergeMartechBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ContactMerger"/>, with its <see cref="ContactMergeOptions"/> bound from
    /// <c>Martech:DataQuality:Merge</c> and then <paramref name="configure"/> (add custom rules there with
    /// <see cref="ContactMergeOptions.AddRule"/>). The options are validated when the host starts: unknown rules, fields
    /// that cannot be merged, a missing or repeated source priority, and a priority instance that is not a registered
    /// provider instance supplying contacts each fail with the configuration path and the fix. The merger writes through
    /// each instance's keyed <see cref="IContactClient"/>.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The Martech builder.</returns>
    public static MartechBuilder AddContactMerge(this MartechBuilder builder, Action<ContactMergeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        OptionsBuilder<ContactMergeOptions> options = services.AddOptions<ContactMergeOptions>();
        if (!services.Any(d => d.ServiceType == typeof(ContactMerger)))
        {
            string path = builder.ConfigurationPathOf("DataQuality") + ":Merge";
            if (builder.Configuration is { } configuration)
            {
                options.Configure(o => configuration.GetSection("DataQuality:Merge").Bind(o));
            }

            services.AddSingleton<IValidateOptions<ContactMergeOptions>>(new ContactMergeOptionsValidator(path, builder.Registry));
            options.ValidateOnStart();
            services.AddSingleton(sp => new ContactMerger(
                sp.GetRequiredService<IOptions<ContactMergeOptions>>().Value,
                name => sp.GetKeyedService<IContactClient>(name),
                sp.GetService<TimeProvider>()));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    private sealed class ContactMergeOptionsValidator(string path, MartechRegistry registry) : IValidateOptions<ContactMergeOptions>
    {
        public ValidateOptionsResult Validate(string? name, ContactMergeOptions options)
        {
            var problems = options.Validate(path).ToList();
            IReadOnlyList<string> suppliers = registry.ProvidersOf(typeof(IContactClient));
            for (int i = 0; i < options.SourcePriority.Count; i++)
            {
                string instance = options.SourcePriority[i];
                if (!string.IsNullOrWhiteSpace(instance) && !suppliers.Contains(instance.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{path}:SourcePriority:{i} names '{instance}', which is not a provider instance that supplies contacts (IContactClient): register it (such as AddHubSpot(\"{instance.Trim()}\")) or name one that does ({(suppliers.Count == 0 ? "none" : string.Join(", ", suppliers))}).");
                }
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
