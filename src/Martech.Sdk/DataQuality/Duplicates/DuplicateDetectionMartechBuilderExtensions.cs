using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds duplicate detection.</summary>
public static class DuplicateDetectionMartechBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="DuplicateDetector"/> as a singleton, with settings bound from
    /// <c>Martech:DataQuality:Duplicates</c> (<see cref="DuplicateDetectionOptions"/>), then <paramref name="configure"/>,
    /// validated when the host starts: each problem is named by its configuration path. Calling it again adds only
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddDuplicateDetection(this MartechBuilder builder, Action<DuplicateDetectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        OptionsBuilder<DuplicateDetectionOptions> options = services.AddOptions<DuplicateDetectionOptions>();
        if (!services.Any(d => d.ServiceType == typeof(DuplicateDetector)))
        {
            string path = builder.ConfigurationPathOf("DataQuality") + ":Duplicates";
            if (builder.Configuration is { } configuration)
            {
                options.Configure(o => configuration.GetSection("DataQuality:Duplicates").Bind(o));
            }

            services.AddSingleton<IValidateOptions<DuplicateDetectionOptions>>(new Validator(path));
            options.ValidateOnStart();
            services.AddSingleton(sp => new DuplicateDetector(sp.GetRequiredService<IOptions<DuplicateDetectionOptions>>().Value, path));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    private sealed class Validator(string path) : IValidateOptions<DuplicateDetectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, DuplicateDetectionOptions options)
        {
            List<string> problems = [.. options.Validate(path)];
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
