using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds tracked links: UTM links tied to campaign ids, their naming convention, and attribution.</summary>
public static class TrackedLinksMartechBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="TrackedLinks"/> as a singleton. The naming convention binds from <c>Martech:Campaigns:Links</c>
    /// (<see cref="TrackedLinkOptions"/>: <c>Sources</c>, <c>Mediums</c>, <c>LowerCaseVocabularies</c>) and is validated
    /// when the host starts, each problem named by its configuration path. Calling it again configures the same
    /// instance.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddTrackedLinks(this MartechBuilder builder, Action<TrackedLinkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.ConfigurationPathOf("Campaigns:Links");
        OptionsBuilder<TrackedLinkOptions> options = services.AddOptions<TrackedLinkOptions>();
        if (!services.Any(d => d.ServiceType == typeof(TrackedLinks)))
        {
            if (builder.Configuration?.GetSection("Campaigns:Links") is { } section)
            {
                options.Configure(o => section.Bind(o));
            }

            services.AddSingleton<IValidateOptions<TrackedLinkOptions>>(new TrackedLinkOptionsValidator(path));
            options.ValidateOnStart();
            services.AddSingleton(sp => new TrackedLinks(sp.GetRequiredService<IOptions<TrackedLinkOptions>>().Value, path));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    private sealed class TrackedLinkOptionsValidator(string path) : IValidateOptions<TrackedLinkOptions>
    {
        public ValidateOptionsResult Validate(string? name, TrackedLinkOptions options)
        {
            var problems = options.Validate(path).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
