using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the data-quality report.</summary>
public static class DataQualityReportMartechBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ContactQualityChecker"/> as a singleton. Its settings bind from <c>Martech:DataQuality:Report</c>
    /// (<see cref="DataQualityReportOptions"/>) and are validated when the host starts, each problem named by its
    /// configuration path; staleness is judged by the container's <see cref="TimeProvider"/> when there is one. Calling
    /// it again configures the same instance.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddDataQualityReport(this MartechBuilder builder, Action<DataQualityReportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.ConfigurationPathOf("DataQuality:Report");
        OptionsBuilder<DataQualityReportOptions> options = services.AddOptions<DataQualityReportOptions>();
        if (!services.Any(d => d.ServiceType == typeof(ContactQualityChecker)))
        {
            if (builder.Configuration?.GetSection("DataQuality:Report") is { } section)
            {
                options.Configure(o => section.Bind(o));
            }

            services.AddSingleton<IValidateOptions<DataQualityReportOptions>>(new DataQualityReportOptionsValidator(path));
            options.ValidateOnStart();
            services.AddSingleton(sp => new ContactQualityChecker(sp.GetRequiredService<IOptions<DataQualityReportOptions>>().Value, sp.GetService<TimeProvider>(), path));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    private sealed class DataQualityReportOptionsValidator(string path) : IValidateOptions<DataQualityReportOptions>
    {
        public ValidateOptionsResult Validate(string? name, DataQualityReportOptions options)
        {
            var problems = options.Validate(path).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
